import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { krProgress } from "~/lib/metrics/okrs";
import { getCurrentCycle, getObjectivesProgress, KR_PROGRESS_SQL, metricNowCte, NO_LINKED_VALUES } from "~/models/okrs.server";
import { insertCycle, insertKeyResult, insertObjective, insertTeam } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

// A 90-day cycle: 2025-01-01 .. 2025-03-31 inclusive → [Jan 1, Apr 1) = 90 days.
const START = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

describe("getObjectivesProgress", () => {
  it("computes weighted progress in SQL, expected pace and status on hand-made data", () => {
    const { db } = t;
    const cycle = insertCycle(db, { name: "2025-Q1", startDate: "2025-01-01", endDate: "2025-03-31" });
    const core = insertTeam(db, { name: "Core" });
    const company = insertObjective(db, { cycleId: cycle.id, title: "Grow" });
    const team = insertObjective(db, { cycleId: cycle.id, title: "Ship", teamId: core.id, parentId: company.id });
    insertObjective(db, { cycleId: cycle.id, title: "Empty", teamId: core.id }); // no key result: progress null
    const archived = insertObjective(db, { cycleId: cycle.id, title: "Gone", archivedAt: new Date() });
    // company: (0.5×1 + 1×3) / 4 = 0.875
    insertKeyResult(db, { objectiveId: company.id, startValue: 0, targetValue: 10, currentValue: 5, weight: 1 });
    insertKeyResult(db, { objectiveId: company.id, kind: "boolean", startValue: 0, targetValue: 1, currentValue: 1, weight: 3 });
    // team: decreasing KR 200 → 100, at 175 → 0.25; overshoot clamps to 1; archived KR ignored → (0.25 + 1) / 2 = 0.625
    insertKeyResult(db, { objectiveId: team.id, startValue: 200, targetValue: 100, currentValue: 175 });
    insertKeyResult(db, { objectiveId: team.id, startValue: 0, targetValue: 10, currentValue: 50 });
    insertKeyResult(db, { objectiveId: team.id, startValue: 0, targetValue: 10, currentValue: 0, archivedAt: new Date() });
    void archived;

    const now = START + 45 * DAY; // half-way
    const rows = getObjectivesProgress(db, { cycleId: cycle.id, now, linked: NO_LINKED_VALUES });
    expect(rows.map((r) => r.title)).toEqual(["Grow", "Ship", "Empty"]);
    const [grow, ship, emptyRow] = rows;
    expect(grow.progress).toBeCloseTo(0.875, 10);
    expect(grow.teamId).toBeNull();
    expect(grow.teamName).toBeNull();
    expect(grow.expected).toBeCloseTo(0.5, 10);
    expect(grow.elapsedShare).toBeCloseTo(0.5, 10);
    expect(grow.status).toBe("on_track");
    expect(ship.progress).toBeCloseTo(0.625, 10);
    expect(ship.teamName).toBe("Core");
    expect(ship.parentId).toBe(company.id);
    expect(ship.status).toBe("on_track");
    expect(emptyRow.progress).toBeNull();
    expect(emptyRow.status).toBeNull();

    // Later in the cycle the same progress falls behind: expected 0.9 → 0.625 < 0.65 → off track; 0.875 on track
    const late = getObjectivesProgress(db, { cycleId: cycle.id, now: START + 81 * DAY, linked: NO_LINKED_VALUES });
    expect(late.find((r) => r.id === team.id)!.status).toBe("off_track");
    expect(late.find((r) => r.id === company.id)!.status).toBe("on_track");
    const mid = getObjectivesProgress(db, { cycleId: cycle.id, now: START + 72 * DAY, linked: NO_LINKED_VALUES }); // expected 0.8 → 0.625 ≥ 0.55 → at risk
    expect(mid.find((r) => r.id === team.id)!.status).toBe("at_risk");
  });

  it("defaults to the open cycle containing now, and returns [] when there is none", () => {
    const { db } = t;
    const q1 = insertCycle(db, { name: "2025-Q1", startDate: "2025-01-01", endDate: "2025-03-31" });
    const q2 = insertCycle(db, { name: "2025-Q2", startDate: "2025-04-01", endDate: "2025-06-30" });
    insertObjective(db, { cycleId: q1.id, title: "In Q1" });
    insertObjective(db, { cycleId: q2.id, title: "In Q2" });
    expect(getObjectivesProgress(db, { now: Date.UTC(2025, 1, 10), linked: NO_LINKED_VALUES }).map((r) => r.title)).toEqual(["In Q1"]);
    expect(getObjectivesProgress(db, { now: Date.UTC(2025, 4, 10), linked: NO_LINKED_VALUES }).map((r) => r.title)).toEqual(["In Q2"]);
    expect(getObjectivesProgress(db, { now: Date.UTC(2026, 0, 10), linked: NO_LINKED_VALUES })).toEqual([]);
    expect(getCurrentCycle(db, Date.UTC(2025, 2, 31, 23, 59))!.id).toBe(q1.id);
  });

  it("uses the frozen closing score once a cycle is closed", () => {
    const { db } = t;
    const cycle = insertCycle(db, { startDate: "2025-01-01", endDate: "2025-03-31", status: "closed" });
    const o = insertObjective(db, { cycleId: cycle.id, closingScore: 0.42 });
    insertKeyResult(db, { objectiveId: o.id, startValue: 0, targetValue: 10, currentValue: 10 });
    const [row] = getObjectivesProgress(db, { cycleId: cycle.id, now: Date.UTC(2025, 5, 1), linked: NO_LINKED_VALUES });
    expect(row.progress).toBeCloseTo(0.42, 10);
    expect(row.expected).toBe(1);
    expect(row.status).toBe("off_track");
  });

  it("the SQL KR progress agrees with krProgress() on a table of cases", () => {
    const { db } = t;
    const cycle = insertCycle(db);
    const o = insertObjective(db, { cycleId: cycle.id });
    const cases = [
      { kind: "number", startValue: 0, targetValue: 100, currentValue: 40 },
      { kind: "number", startValue: 0, targetValue: 100, currentValue: -5 },
      { kind: "number", startValue: 0, targetValue: 100, currentValue: 150 },
      { kind: "percent", startValue: 60, targetValue: 80, currentValue: 75 },
      { kind: "currency", startValue: 1_000_000, targetValue: 5_000_000, currentValue: 2_000_000 },
      { kind: "number", startValue: 500, targetValue: 200, currentValue: 300 },
      { kind: "number", startValue: 500, targetValue: 200, currentValue: 600 },
      { kind: "number", startValue: 5, targetValue: 5, currentValue: 5 },
      { kind: "number", startValue: 5, targetValue: 5, currentValue: 4 },
      { kind: "boolean", startValue: 0, targetValue: 1, currentValue: 0 },
      { kind: "boolean", startValue: 0, targetValue: 1, currentValue: 1 },
    ] as const;
    for (const c of cases) {
      const kr = insertKeyResult(db, { objectiveId: o.id, ...c });
      const got = db.get<{ p: number }>(
        sql`${metricNowCte(NO_LINKED_VALUES)} select ${sql.raw(KR_PROGRESS_SQL)} as p from key_results kr where kr.id = ${kr.id}`,
      );
      expect(got.p, JSON.stringify(c)).toBeCloseTo(krProgress(c), 12);
    }
  });
});
