/**
 * Permissions at the action level: the route actions are called with a real session cookie.
 * A lead checks in on their team's KRs (and KRs they own) and edits their team's objectives;
 * another team's KR or objective is refused with 403, and nothing is written.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { action as objectiveAction } from "~/routes/okrs.$objectiveId";
import { action as okrsAction } from "~/routes/okrs._index";
import { action as krAction } from "~/routes/okrs.kr.$keyResultId";
import { action as mineAction } from "~/routes/okrs.mine";
import { insertCycle, insertKeyResult, insertObjective, insertTeam, insertUser } from "../../seeds/builders";
import { args, cookieFor, post } from "../helpers/actions";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

/** Runs an action and gives back its HTTP status (thrown or returned `data()` / Response). */
async function statusOf(run: () => Promise<unknown>): Promise<number> {
  const statusOfValue = (v: unknown): number => {
    if (v instanceof Response) return v.status;
    if (v && typeof v === "object" && "init" in v) return (v as { init?: { status?: number } }).init?.status ?? 200;
    return 200;
  };
  try {
    return statusOfValue(await run());
  } catch (thrown) {
    return statusOfValue(thrown);
  }
}

function setup() {
  const { db } = t;
  const core = insertTeam(db, { name: "Core" });
  const payments = insertTeam(db, { name: "Payments" });
  const lead = insertUser(db, { role: "lead", teamId: core.id });
  const viewer = insertUser(db, { role: "viewer" });
  const cto = insertUser(db, { role: "cto" });
  const today = new Date().toISOString().slice(0, 10);
  const cycle = insertCycle(db, { name: "Now", startDate: "2000-01-01", endDate: today > "2099-12-31" ? today : "2099-12-31" });
  const company = insertObjective(db, { cycleId: cycle.id, title: "Company" });
  const coreObj = insertObjective(db, { cycleId: cycle.id, teamId: core.id, title: "Core" });
  const payObj = insertObjective(db, { cycleId: cycle.id, teamId: payments.id, title: "Payments" });
  const coreKr = insertKeyResult(db, { objectiveId: coreObj.id });
  const payKr = insertKeyResult(db, { objectiveId: payObj.id });
  const ownedKr = insertKeyResult(db, { objectiveId: company.id, ownerUserId: lead.id });
  return { lead, viewer, cto, cycle, company, coreObj, payObj, coreKr, payKr, ownedKr };
}

const checkIns = () => t.db.get<{ n: number }>(sql`select count(*) as n from check_ins`).n;

describe("check-in actions", () => {
  it("accept the lead's team KR and a KR the lead owns", async () => {
    const s = setup();
    const cookie = await cookieFor(s.lead.id);
    const fields = (id: number) => ({ intent: "checkin", keyResultId: String(id), value: "40", confidence: "7", note: "ok" });
    // through the page's fetcher (JavaScript): the data reply
    expect(await statusOf(() => mineAction(args(post("/okrs/mine", cookie, { ...fields(s.coreKr.id), _via: "fetcher" }))))).toBe(200);
    // a plain form post (no JavaScript): redirected back, so a refresh cannot post it again
    expect(await statusOf(() => krAction(args(post(`/okrs/kr/${s.ownedKr.id}`, cookie, fields(s.ownedKr.id)))))).toBe(303);
    expect(checkIns()).toBe(2);
  });

  it("refuse another team's KR with 403, on both routes, and write nothing", async () => {
    const s = setup();
    const cookie = await cookieFor(s.lead.id);
    const fields = { intent: "checkin", keyResultId: String(s.payKr.id), value: "40", confidence: "7" };
    expect(await statusOf(() => mineAction(args(post("/okrs/mine", cookie, fields))))).toBe(403);
    expect(await statusOf(() => krAction(args(post(`/okrs/kr/${s.payKr.id}`, cookie, fields))))).toBe(403);
    expect(checkIns()).toBe(0);
  });

  it("refuse a viewer (403) and answer 400 with field errors to a bad value", async () => {
    const s = setup();
    const viewer = await cookieFor(s.viewer.id);
    expect(
      await statusOf(() => mineAction(args(post("/okrs/mine", viewer, { intent: "checkin", keyResultId: String(s.coreKr.id), value: "1", confidence: "5" })))),
    ).toBe(403);
    const lead = await cookieFor(s.lead.id);
    const bad = await statusOf(() =>
      mineAction(args(post("/okrs/mine", lead, { intent: "checkin", keyResultId: String(s.coreKr.id), value: "abc", confidence: "11" }))),
    );
    expect(bad).toBe(400);
    expect(checkIns()).toBe(0);
  });
});

describe("objective actions", () => {
  it("let a lead edit their team's objective but refuse another team's and company objectives (403)", async () => {
    const s = setup();
    const cookie = await cookieFor(s.lead.id);
    const kr = { intent: "create-kr", title: "New KR", kind: "number", startValue: "0", targetValue: "10", weight: "1" };
    expect(await statusOf(() => objectiveAction(args(post(`/okrs/${s.coreObj.id}`, cookie, kr), { objectiveId: String(s.coreObj.id) })))).toBe(200);
    expect(await statusOf(() => objectiveAction(args(post(`/okrs/${s.payObj.id}`, cookie, kr), { objectiveId: String(s.payObj.id) })))).toBe(403);
    expect(await statusOf(() => objectiveAction(args(post(`/okrs/${s.company.id}`, cookie, kr), { objectiveId: String(s.company.id) })))).toBe(403);
    const archive = { intent: "archive-objective" };
    expect(await statusOf(() => objectiveAction(args(post(`/okrs/${s.payObj.id}`, cookie, archive), { objectiveId: String(s.payObj.id) })))).toBe(403);
    // moving their objective to another team is refused too
    const move = { intent: "update-objective", title: "Core", teamId: String(s.payObj.teamId) };
    expect(await statusOf(() => objectiveAction(args(post(`/okrs/${s.coreObj.id}`, cookie, move), { objectiveId: String(s.coreObj.id) })))).toBe(403);
    const n = t.db.get<{ n: number }>(sql`select count(*) as n from key_results where title = 'New KR'`).n;
    expect(n).toBe(1);
  });

  it("let the CTO edit any objective; cycles are CEO/CTO only", async () => {
    const s = setup();
    const cto = await cookieFor(s.cto.id);
    const kr = { intent: "create-kr", title: "CTO KR", kind: "boolean" };
    expect(await statusOf(() => objectiveAction(args(post(`/okrs/${s.payObj.id}`, cto, kr), { objectiveId: String(s.payObj.id) })))).toBe(200);
    const lead = await cookieFor(s.lead.id);
    expect(await statusOf(() => okrsAction(args(post("/okrs", lead, { intent: "close-cycle", cycleId: String(s.cycle.id) }))))).toBe(403);
    expect(
      await statusOf(() =>
        okrsAction(args(post("/okrs", lead, { intent: "create-objective", cycleId: String(s.cycle.id), title: "Company-level by a lead" }))),
      ),
    ).toBe(403);
  });
});
