import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  addCheckIn,
  carryOverKeyResult,
  closeCycle,
  createObjective,
  getKeyResult,
  getOkrHealthPanel,
  getObjectivesProgress,
  getOkrTree,
  getTeamOkrHealth,
  listCheckIns,
  listMyKeyResults,
  NO_LINKED_VALUES,
  OkrRuleError,
  updateObjective,
} from "~/models/okrs.server";
import { insertCycle, insertKeyResult, insertObjective, insertTeam, insertUser } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

const NOW = Date.UTC(2025, 1, 15); // inside 2025-Q1

function audits(entityType: string) {
  return t.db.all<{ action: string; entityId: string; actorUserId: number; before: string | null; after: string | null }>(
    sql`select action, entity_id as entityId, actor_user_id as actorUserId, before, after from audit_log where entity_type = ${entityType} order by id`,
  );
}

function setup() {
  const { db } = t;
  const core = insertTeam(db, { name: "Core" });
  const payments = insertTeam(db, { name: "Payments" });
  const lead = insertUser(db, { role: "lead", teamId: core.id });
  const q1 = insertCycle(db, { name: "2025-Q1", startDate: "2025-01-01", endDate: "2025-03-31" });
  const company = insertObjective(db, { cycleId: q1.id, title: "Company" });
  const obj = insertObjective(db, { cycleId: q1.id, title: "Core obj", teamId: core.id, parentId: company.id });
  const kr = insertKeyResult(db, { objectiveId: obj.id, startValue: 0, targetValue: 10, currentValue: 2 });
  const kr2 = insertKeyResult(db, { objectiveId: obj.id, startValue: 100, targetValue: 50, currentValue: 100, weight: 3 });
  return { core, payments, lead, q1, company, obj, kr, kr2 };
}

describe("check-ins", () => {
  it("make the KR's current value the latest check-in, with an audit entry, in one transaction", () => {
    const { lead, kr, obj, q1 } = setup();
    const res = addCheckIn(t.db, lead.id, kr.id, { value: 6, confidence: 8, note: "Good week" }, NOW);
    expect(res.currentValue).toBe(6);
    expect(res.progress).toBeCloseTo(0.6, 10);
    expect(getKeyResult(t.db, kr.id)!.currentValue).toBe(6);
    const history = listCheckIns(t.db, kr.id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ value: 6, confidence: 8, note: "Good week", createdAt: NOW });
    const [entry] = audits("key_result");
    expect(entry).toMatchObject({ action: "check_in", entityId: String(kr.id), actorUserId: lead.id });
    expect(JSON.parse(entry.before!)).toEqual({ currentValue: 2 });
    expect(JSON.parse(entry.after!)).toMatchObject({ currentValue: 6, confidence: 8 });
    // objective progress follows: (0.6×1 + 0×3) / 4
    const row = getObjectivesProgress(t.db, { cycleId: q1.id, now: NOW, linked: NO_LINKED_VALUES }).find((o) => o.id === obj.id)!;
    expect(row.progress).toBeCloseTo(0.15, 10);
  });

  it("are refused on a closed cycle and write nothing", () => {
    const { lead, kr, q1 } = setup();
    closeCycle(t.db, lead.id, q1.id, NOW, NO_LINKED_VALUES);
    expect(() => addCheckIn(t.db, lead.id, kr.id, { value: 9, confidence: 5, note: null }, NOW)).toThrow(OkrRuleError);
    expect(listCheckIns(t.db, kr.id)).toHaveLength(0);
    expect(getKeyResult(t.db, kr.id)!.currentValue).toBe(2);
  });

  it("boolean KRs accept only 0 or 1", () => {
    const { lead, obj } = setup();
    const b = insertKeyResult(t.db, { objectiveId: obj.id, kind: "boolean", startValue: 0, targetValue: 1 });
    expect(() => addCheckIn(t.db, lead.id, b.id, { value: 2, confidence: 5, note: null }, NOW)).toThrow(/done/);
    expect(addCheckIn(t.db, lead.id, b.id, { value: 1, confidence: 9, note: null }, NOW).progress).toBe(1);
  });

  it("'my key results' lists the team's KRs and the KRs the user owns", () => {
    const { lead, payments, q1, company, kr, kr2 } = setup();
    const owned = insertKeyResult(t.db, { objectiveId: company.id, ownerUserId: lead.id });
    const other = insertObjective(t.db, { cycleId: q1.id, teamId: payments.id });
    insertKeyResult(t.db, { objectiveId: other.id });
    const mine = listMyKeyResults(t.db, lead, q1.id, NOW, NO_LINKED_VALUES);
    expect(mine.map((k) => k.id)).toEqual([kr.id, kr2.id, owned.id]);
  });
});

describe("closing a cycle", () => {
  it("freezes KR progress and objective scores and makes the cycle read-only", () => {
    const { lead, q1, obj, kr, kr2, company } = setup();
    addCheckIn(t.db, lead.id, kr.id, { value: 8, confidence: 7, note: null }, NOW); // 0.8
    addCheckIn(t.db, lead.id, kr2.id, { value: 75, confidence: 7, note: null }, NOW); // 0.5
    closeCycle(t.db, lead.id, q1.id, NOW + 1000, NO_LINKED_VALUES);
    expect(getKeyResult(t.db, kr.id)!.finalProgress).toBeCloseTo(0.8, 10);
    expect(getKeyResult(t.db, kr2.id)!.finalProgress).toBeCloseTo(0.5, 10);
    const score = t.db.get<{ s: number }>(sql`select closing_score as s from objectives where id = ${obj.id}`).s;
    expect(score).toBeCloseTo((0.8 + 0.5 * 3) / 4, 10);
    // an objective without KRs scores 0
    expect(t.db.get<{ s: number }>(sql`select closing_score as s from objectives where id = ${company.id}`).s).toBe(0);
    // a later change of the raw values no longer moves the frozen figures
    t.db.run(sql`update key_results set current_value = 0 where id = ${kr.id}`);
    const row = getObjectivesProgress(t.db, { cycleId: q1.id, now: NOW, linked: NO_LINKED_VALUES }).find((o) => o.id === obj.id)!;
    expect(row.progress).toBeCloseTo((0.8 + 0.5 * 3) / 4, 10);
    expect(() => updateObjective(t.db, lead.id, obj.id, { title: "x", description: null, ownerUserId: null, teamId: null, parentId: null })).toThrow(/closed/);
    expect(() => createObjective(t.db, lead.id, q1.id, { title: "x", description: null, ownerUserId: null, teamId: null, parentId: null })).toThrow(/closed/);
    expect(() => closeCycle(t.db, lead.id, q1.id, Date.now(), NO_LINKED_VALUES)).toThrow(/closed/);
    const [entry] = audits("cycle");
    expect(entry.action).toBe("close");
    expect(JSON.parse(entry.after!).closingScores).toHaveLength(2);
  });
});

describe("carry-over", () => {
  it("copies an unfinished KR into the next cycle, starting from its current value", () => {
    const { lead, q1, obj, kr, company } = setup();
    const q2 = insertCycle(t.db, { name: "2025-Q2", startDate: "2025-04-01", endDate: "2025-06-30" });
    const companyQ2 = insertObjective(t.db, { cycleId: q2.id, title: "Company" });
    addCheckIn(t.db, lead.id, kr.id, { value: 7, confidence: 6, note: null }, NOW);
    closeCycle(t.db, lead.id, q1.id, NOW, NO_LINKED_VALUES);
    const res = carryOverKeyResult(t.db, lead.id, kr.id, { linked: NO_LINKED_VALUES });
    expect(res.cycleId).toBe(q2.id);
    const copy = getKeyResult(t.db, res.keyResultId)!;
    expect(copy).toMatchObject({ carriedFromId: kr.id, startValue: 7, currentValue: 7, targetValue: 10, title: kr.title, cycleId: q2.id });
    // the objective was copied into Q2, aligned under the copy of its parent
    const tree = getOkrTree(t.db, q2.id, Date.UTC(2025, 4, 1), NO_LINKED_VALUES);
    expect(tree.map((n) => n.id)).toEqual([companyQ2.id]);
    expect(tree[0].children[0]).toMatchObject({ title: obj.title, teamId: obj.teamId });
    expect(tree[0].children[0].keyResults.map((k) => k.id)).toEqual([res.keyResultId]);
    void company;
    // twice is refused; a done KR is refused
    expect(() => carryOverKeyResult(t.db, lead.id, kr.id, { linked: NO_LINKED_VALUES })).toThrow(/already/);
    expect(audits("key_result").some((a) => a.action === "carry_over")).toBe(true);
  });

  it("refuses a done KR and a missing next cycle", () => {
    const { lead, obj } = setup();
    const done = insertKeyResult(t.db, { objectiveId: obj.id, startValue: 0, targetValue: 1, currentValue: 1 });
    expect(() => carryOverKeyResult(t.db, lead.id, done.id, { linked: NO_LINKED_VALUES })).toThrow(/done/);
    const open = insertKeyResult(t.db, { objectiveId: obj.id, startValue: 0, targetValue: 10, currentValue: 1 });
    expect(() => carryOverKeyResult(t.db, lead.id, open.id, { linked: NO_LINKED_VALUES })).toThrow(/no open cycle/);
  });
});

describe("team health", () => {
  it("averages the team's objectives' progress in SQL", () => {
    const { q1, obj, core, kr } = setup();
    const obj2 = insertObjective(t.db, { cycleId: q1.id, teamId: core.id });
    insertKeyResult(t.db, { objectiveId: obj2.id, startValue: 0, targetValue: 4, currentValue: 3 }); // 0.75
    insertObjective(t.db, { cycleId: q1.id, teamId: core.id }); // no KRs: left out of the mean
    void obj;
    void kr;
    const [row] = getTeamOkrHealth(t.db, q1.id, NOW, NO_LINKED_VALUES);
    // obj: (0.2×1 + 0×3)/4 = 0.05 ; mean(0.05, 0.75) = 0.4
    expect(row).toMatchObject({ teamName: "Core", objectives: 3 });
    expect(row.progress).toBeCloseTo(0.4, 10);
  });
});

describe("OKR health panel", () => {
  it("counts every company objective; with a limit, lists only the ones furthest behind pace", () => {
    const { q1, company, core } = setup();
    insertKeyResult(t.db, { objectiveId: company.id, startValue: 0, targetValue: 10, currentValue: 9 }); // 0.9
    const progress = [0.1, 0.5, 0.05, 0.3];
    const made = progress.map((p, i) => {
      const o = insertObjective(t.db, { cycleId: q1.id, title: `C${i}` });
      insertKeyResult(t.db, { objectiveId: o.id, startValue: 0, targetValue: 100, currentValue: p * 100 });
      return o;
    });
    insertObjective(t.db, { cycleId: q1.id, title: "Team one", teamId: core.id }); // not a company objective
    const all = getOkrHealthPanel(t.db, NOW, NO_LINKED_VALUES);
    expect(all.total).toBe(5);
    expect(all.objectives.map((o) => o.title)).toEqual(["Company", "C0", "C1", "C2", "C3"]);
    const counted = all.counts.on_track + all.counts.at_risk + all.counts.off_track;
    expect(counted).toBe(5);
    // the SQL counts are the rows' own statuses (okrStatus), each status counted
    const recount = { on_track: 0, at_risk: 0, off_track: 0 };
    for (const o of all.objectives) if (o.status) recount[o.status] += 1;
    expect(all.counts).toEqual(recount);
    expect(Object.values(all.counts).filter((n) => n > 0).length).toBeGreaterThan(1);
    const top = getOkrHealthPanel(t.db, NOW, NO_LINKED_VALUES, { limit: 3 });
    expect(top.total).toBe(5);
    expect(top.counts).toEqual(all.counts);
    expect(top.objectives.map((o) => o.id)).toEqual([made[2].id, made[0].id, made[3].id]);
    // a limit not reached keeps the usual order
    expect(getOkrHealthPanel(t.db, NOW, NO_LINKED_VALUES, { limit: 5 }).objectives.map((o) => o.title)).toEqual(all.objectives.map((o) => o.title));
    // an objective without key results has no progress: in the total, in no count, not among the furthest behind
    const empty = insertObjective(t.db, { cycleId: q1.id, title: "No KRs" });
    const withEmpty = getOkrHealthPanel(t.db, NOW, NO_LINKED_VALUES, { limit: 5 });
    expect(withEmpty.total).toBe(6);
    expect(withEmpty.counts).toEqual(all.counts);
    expect(withEmpty.objectives.map((o) => o.id)).not.toContain(empty.id);
    expect(getOkrHealthPanel(t.db, NOW, NO_LINKED_VALUES, { limit: 6 }).objectives.at(-1)?.id).toBe(empty.id);
  });
});
