// Small helpers shared by the user and token scripts (user:create, user:password, token:create):
// their options parsed and checked, argument errors, and the password read from TRACKER_PASSWORD or
// typed at a prompt that does not echo it, checked and hashed.
import readline from "node:readline";
import { Writable } from "node:stream";
import { parseArgs, type ParseArgsConfig } from "node:util";
import type { z } from "zod";
import { hashPassword } from "../../app/auth/password.server";
import { newPasswordSchema } from "../../app/lib/schemas/settings.server";

export function failWith(usage: string) {
  return (message: string): never => {
    console.error(message);
    console.error(usage);
    process.exit(1);
  };
}

/** One line from the terminal, not echoed; from a pipe, the first line of standard input. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const tty = process.stdin.isTTY === true;
    let muted = false;
    const output = new Writable({
      write(chunk, _enc, cb) {
        if (!muted) process.stderr.write(chunk);
        cb();
      },
    });
    const rl = readline.createInterface({ input: process.stdin, output: tty ? output : undefined, terminal: tty });
    let answered = false;
    rl.on("close", () => {
      if (!answered) reject(new Error("no password given (standard input closed)"));
    });
    if (tty) process.stderr.write(question);
    muted = true;
    rl.question("", (answer) => {
      answered = true;
      rl.close();
      if (tty) process.stderr.write("\n");
      resolve(answer);
    });
  });
}

/**
 * The new password: TRACKER_PASSWORD when set (scripted installs), otherwise typed twice at a
 * hidden prompt (once when standard input is not a terminal).
 */
export async function readNewPassword(): Promise<string> {
  const fromEnv = process.env.TRACKER_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  const first = await promptHidden("Password (12+ characters): ");
  if (process.stdin.isTTY) {
    const again = await promptHidden("Same password again: ");
    if (again !== first) throw new Error("the two passwords differ");
  }
  return first;
}

/**
 * The command's options, parsed strictly (no unknown option, no positional) and checked by `schema`;
 * any problem ends the command with its messages (one line an issue, `--option message` unless
 * `issueText` says otherwise) and the usage.
 */
export function parseCliArgs<S extends z.ZodType>(
  options: NonNullable<ParseArgsConfig["options"]>,
  schema: S,
  fail: (message: string) => never,
  issueText: (issue: { path: PropertyKey[]; message: string }) => string = (i) => `--${i.path.map(String).join(".")} ${i.message}`,
): z.output<S> {
  let raw: unknown;
  try {
    raw = parseArgs({ options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) fail(parsed.error.issues.map(issueText).join("\n"));
  return parsed.data as z.output<S>;
}

/** The new password (readNewPassword), checked by the settings page's rules (12+ characters), hashed. */
export async function newPasswordHash(fail: (message: string) => never): Promise<string> {
  let password = "";
  try {
    password = await readNewPassword();
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const checked = newPasswordSchema.safeParse(password);
  if (!checked.success) fail(`password ${checked.error.issues.map((i) => i.message).join(", ")}`);
  return hashPassword(checked.data);
}
