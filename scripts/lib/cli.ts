import { DatabaseInUseError } from "../../db/backup";

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
