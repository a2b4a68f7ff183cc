/**
 * server.js with several worker processes on one database (docs/decisions/720): a session made by
 * one worker is honoured by the others, a worker that dies is replaced, SIGTERM stops them all.
 * Runs the real server.js against the test build (tests/helpers/http-app.ts ensureBuild()).
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { openDb } from "../../db/client";
import { insertUser } from "../../seeds/builders";
import { ensureBuild, TEST_BUILD_DIR } from "../helpers/http-app";

const PASSWORD = "cluster-test-password";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** pids of the processes whose parent is `pid` */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
      .split("\n")
      .map((l) => Number(l.trim()))
      .filter((n) => n > 0);
  } catch {
    return []; // ps exits 1 when there is none
  }
}

async function until<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("server.js with WEB_CONCURRENCY=2", () => {
  let dir: string;
  let server: ChildProcess;
  let base: string;
  let email: string;

  beforeAll(async () => {
    ensureBuild();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tracker-cluster-"));
    const file = path.join(dir, "cluster.db");
    const db = openDb(file, { synchronous: "NORMAL" });
    email = insertUser(db, { role: "cto", name: "Cluster Tester", passwordHash: await hashPassword(PASSWORD) }).email;
    db.$client.close();
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = spawn(process.execPath, ["server.js"], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        PORT: String(port),
        DATABASE_PATH: file,
        BUILD_DIR: TEST_BUILD_DIR,
        SESSION_SECRET: "cluster-test-session-secret-0123456789abcdef",
        WEB_CONCURRENCY: "2",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    await until("the server to answer", async () => {
      try {
        return (await fetch(`${base}/healthz`)).ok;
      } catch {
        return false;
      }
    });
  }, 240_000);

  afterAll(async () => {
    if (server?.exitCode === null) {
      server.kill("SIGKILL");
      for (const pid of childrenOf(server.pid!)) process.kill(pid, "SIGKILL");
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("forks two workers, and a session signed in on one is honoured by every worker", async () => {
    expect(childrenOf(server.pid!)).toHaveLength(2);
    const login = await fetch(`${base}/login`, {
      method: "POST",
      body: new URLSearchParams({ email, password: PASSWORD, redirectTo: "/" }),
      headers: { Origin: base },
      redirect: "manual",
    });
    expect(login.status).toBe(302);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    // the cluster hands connections out round-robin: twelve fresh connections reach both workers
    for (let i = 0; i < 12; i++) {
      const page = await fetch(`${base}/dashboards/cto`, { headers: { Cookie: cookie, Connection: "close" }, redirect: "manual" });
      expect(page.status, `request ${i}`).toBe(200);
      expect(await page.text()).toContain("Cluster Tester");
    }
    // without the cookie: the sign-in page, from any worker
    expect((await fetch(`${base}/dashboards/cto`, { redirect: "manual" })).status).toBe(302);
  });

  it("replaces a worker that dies and keeps answering", async () => {
    const [victim] = childrenOf(server.pid!);
    process.kill(victim, "SIGKILL");
    const workers = await until("a replacement worker", () => {
      const now = childrenOf(server.pid!);
      return now.length === 2 && !now.includes(victim) && now;
    });
    expect(workers).not.toContain(victim);
    await until("the new worker to listen", async () => {
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          fetch(`${base}/healthz`, { headers: { Connection: "close" } }).then(
            (r) => r.ok,
            () => false,
          ),
        ),
      );
      return answers.every(Boolean);
    });
  });

  it("stops every process on SIGTERM", async () => {
    const workers = childrenOf(server.pid!);
    const exited = new Promise<number | null>((resolve) => server.once("exit", (code) => resolve(code)));
    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    await until("the workers to exit", () =>
      workers.every((pid) => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      }),
    );
  });
});
