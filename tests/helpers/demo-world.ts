/**
 * A temporary database seeded once with the InnovaTech demo data set (the same data the app's demo
 * and the browser tests use), with the demo users' ids and session cookies, for tests that drive
 * the pages and forms as each role.
 */
import { sql } from "drizzle-orm";
import { seedDemo } from "../../seeds/demo";
import { browser, cookieFor } from "./app";
import { createTestDb } from "./db";

export const ROLES = ["ceo", "cto", "lead", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export async function demoWorld() {
  const t = createTestDb();
  const seeded = await seedDemo(t.db);
  if (!seeded.seeded) throw new Error(`demo not seeded: ${seeded.reason}`);
  const db = t.db;
  const userId = (email: string) => {
    const row = db.get<{ id: number } | undefined>(sql`select id from users where email = ${email}`);
    if (!row) throw new Error(`no demo user ${email}`);
    return row.id;
  };
  const ids = {
    ceo: userId("ceo@innovatech.test"),
    cto: userId("cto@innovatech.test"),
    lead: userId("lead@innovatech.test"),
    viewer: userId("viewer@innovatech.test"),
  };
  const cookies = {} as Record<Role, string>;
  for (const role of ROLES) cookies[role] = await cookieFor(ids[role]);
  const teamId = (name: string) => db.get<{ id: number }>(sql`select id from teams where name = ${name}`).id;
  return {
    t,
    db,
    ids,
    cookies,
    /** a browser without JavaScript signed in as the role (or signed out) */
    as: (role: Role | "anonymous") => browser(role === "anonymous" ? null : cookies[role]),
    teamId,
    /** the Core squad (the demo lead's team) and a team of another lead */
    core: teamId("Core"),
    payments: teamId("Payments"),
    /** the open OKR cycle that holds today (the demo is anchored on the day it is seeded) */
    openCycleId: db.get<{ id: number }>(sql`select id from cycles where status = 'open' order by start_date limit 1`).id,
    cleanup: () => t.cleanup(),
  };
}

export type World = Awaited<ReturnType<typeof demoWorld>>;
