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
 * Parses a script's options (`--name value`, and `--flag` for the names in `flags`) with one zod
 * object: each value checked (and defaulted) by its schema. An unknown option, a missing value or a
 * bad one is a message naming it; nothing is read from the environment here.
 */
export function parseScriptOptions<S extends z.ZodRawShape>(
  args: string[],
  shape: S,
  flags: readonly string[] = [],
): { ok: true; values: z.infer<z.ZodObject<S>> } | { ok: false; message: string } {
  let raw: Record<string, string | boolean | undefined>;
  try {
    const options = Object.fromEntries(Object.keys(shape).map((name) => [name, { type: flags.includes(name) ? ("boolean" as const) : ("string" as const) }]));
    raw = parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const parsed = z.object(shape).safeParse(raw);
  if (parsed.success) return { ok: true, values: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `--${issue.path.join(".")}: ${issue.message}` };
}

/** parseScriptOptions over this process's arguments; on a problem, prints it and the usage and exits 2. */
export function scriptOptions<S extends z.ZodRawShape>(shape: S, usage: string, flags: readonly string[] = []): z.infer<z.ZodObject<S>> {
  const result = parseScriptOptions(process.argv.slice(2), shape, flags);
  if (result.ok) return result.values;
  console.error(`${result.message}\n${usage}`);
  process.exit(2);
}

/** A whole number option from `min` to `max`, `fallback` when absent. */
export const wholeOption = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

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
