// Small helpers shared by the user scripts (user:create, user:password): argument errors and the
// password read from TRACKER_PASSWORD or typed at a prompt that does not echo it.
import readline from "node:readline";
import { Writable } from "node:stream";

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
