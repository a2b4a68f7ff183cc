import { parseArgs } from "node:util";
import { z } from "zod";
import { DatabaseInUseError } from "../../db/backup";

/**
 * The one string option `--<name>` of a script, checked by `schema`; anything else (an unknown
 * option, a bad value) prints the first problem and the usage, and exits 2.
 */
export function stringOption<T>(name: string, schema: z.ZodType<T, string | undefined>, usage: string): T {
  try {
    const { values } = parseArgs({ options: { [name]: { type: "string" } }, strict: true });
    return schema.parse(values[name]);
  } catch (error) {
    console.error(`${error instanceof z.ZodError ? error.issues[0].message : (error as Error).message}\n${usage}`);
    process.exit(2);
  }
}

/**
 * An AbortSignal that SIGINT/SIGTERM trip, so a long operation stops at its next step and cleans up
 * instead of dying half-way. A second signal exits at once.
 */
export function interruptible(): AbortSignal {
  const controller = new AbortController();
  for (const name of ["SIGINT", "SIGTERM"] as const) {
    process.on(name, () => {
      if (controller.signal.aborted) process.exit(name === "SIGINT" ? 130 : 143);
      controller.abort(name);
    });
  }
  return controller.signal;
}

export function exitCodeFor(error: unknown, signal: AbortSignal): number {
  if (signal.aborted) return signal.reason === "SIGINT" ? 130 : 143;
  if (error instanceof DatabaseInUseError) return 3;
  return 1;
}
