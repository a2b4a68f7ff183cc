/**
 * The production server the benchmarks measure (npm run bench, npm run bench:load): started on a
 * database file with the benchmarks' session secret, waited for, and signed in to as a demo user.
 */
import { spawn, type ChildProcess } from "node:child_process";

export const BENCH_SESSION_SECRET = "bench-only-session-secret-0123456789abcdef";

/** server.js (the current build) in production mode on `port` over `file`; `env` adds to or overrides the process's. */
export function startBenchServer(opts: { port: number; file: string; env: Record<string, string>; nodeFlags?: readonly string[] }): ChildProcess {
  return spawn(process.execPath, [...(opts.nodeFlags ?? []), "server.js"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(opts.port), DATABASE_PATH: opts.file, SESSION_SECRET: BENCH_SESSION_SECRET, ...opts.env },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Resolves once GET /healthz answers; throws if the server exits first or is not up within `seconds`. */
export async function waitForServer(base: string, child: ChildProcess, seconds: number): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server did not start within ${seconds} s`);
}

/** Signs in a demo user (the demo password) and answers the session cookie. */
export async function signIn(base: string, email: string): Promise<string> {
  const body = new URLSearchParams({ email, password: "innovatech-demo", redirectTo: "/" });
  const response = await fetch(`${base}/login`, { method: "POST", body, redirect: "manual", headers: { Origin: base } });
  const cookie = response.headers.get("set-cookie")?.split(";")[0];
  if (response.status !== 302 || !cookie) throw new Error(`sign-in answered ${response.status}`);
  return cookie;
}
