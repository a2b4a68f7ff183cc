/** The demo's OKR cycles, objectives, key results and check-ins, written from the specs of ./okrs-data.ts. */
import { eq } from "drizzle-orm";
import { schema } from "../../db/client";
import { insertMany, type DbWriter } from "../builders";
import { DAY, HOUR, MINUTE, dateToMs } from "../calendar";
import type { UserKey } from "../demo-data";
import type { Rng } from "../prng";
import type { DemoCalendar } from "./calendar";
import { cycleSpecs, NOTES } from "./okrs-data";
import { roundStep, type OkrSources } from "./okrs-series";
import { type Ids } from "./run";

export function insertOkrs(db: DbWriter, rng: Rng, cal: DemoCalendar, src: OkrSources, ids: Ids, userId: (key: UserKey) => number): Map<string, number> {
  const objectiveIds = new Map<string, number>();
  const checkIns: (typeof schema.checkIns.$inferInsert)[] = [];

  for (const cycle of cycleSpecs(cal, src)) {
    const startMs = dateToMs(cycle.startDate);
    const endMs = dateToMs(cycle.endDate) + DAY; // exclusive
    const closedAt = cycle.status === "closed" ? Math.min(endMs + 3 * DAY, cal.anchor) : null;
    const cycleRow = db
      .insert(schema.cycles)
      .values({
        name: cycle.name,
        startDate: cycle.startDate,
        endDate: cycle.endDate,
        status: cycle.status,
        closedAt: closedAt === null ? null : new Date(closedAt),
        ...(() => {
          const created = Math.min(startMs - 14 * DAY, cal.anchor);
          return { createdAt: new Date(created), updatedAt: new Date(closedAt ?? created) };
        })(),
      })
      .returning({ id: schema.cycles.id })
      .get();

    const elapsedAt = (t: number) => Math.min(1, Math.max(0, (t - startMs) / (endMs - startMs)));
    // weekly check-ins from the cycle's first Thursday-ish, up to the day before the anchor
    const lastCheckInDay = Math.min(endMs - DAY, cal.anchor - DAY);
    const checkInDays: number[] = [];
    for (let d = startMs + 3 * DAY; d <= lastCheckInDay; d += 7 * DAY) checkInDays.push(d);
    if (cycle.status === "closed" && checkInDays[checkInDays.length - 1] !== endMs - DAY) checkInDays.push(endMs - DAY);

    for (const obj of cycle.objectives) {
      const objectiveCreated = Math.min(startMs - 7 * DAY + rng.int(0, 5) * DAY, cal.anchor);
      const finals: { progress: number; weight: number }[] = [];
      const objRow = db
        .insert(schema.objectives)
        .values({
          cycleId: cycleRow.id,
          title: obj.title,
          description: obj.description ?? null,
          ownerUserId: userId(obj.owner),
          teamId: obj.team === null ? null : (ids.teams.get(obj.team) ?? null),
          parentId: obj.parent ? (objectiveIds.get(obj.parent) ?? null) : null,
          createdAt: new Date(objectiveCreated),
          updatedAt: new Date(objectiveCreated),
        })
        .returning({ id: schema.objectives.id })
        .get();
      objectiveIds.set(obj.key, objRow.id);

      for (const kr of obj.krs) {
        const step = kr.step ?? 1;
        const valueAt = (t: number, noisy: boolean): number => {
          if (kr.kind === "boolean") return kr.doneAt !== null && kr.doneAt !== undefined && elapsedAt(t) >= kr.doneAt ? 1 : 0;
          if (kr.series) return roundStep(kr.series(t), step);
          const pace = kr.pace ?? 1;
          const progress = Math.min(1.05, Math.max(0, pace * elapsedAt(t) * (noisy ? rng.normal(1, 0.06) : 1)));
          return roundStep(kr.start + (kr.target - kr.start) * progress, step);
        };
        const history: { t: number; value: number; confidence: number; note: string | null }[] = [];
        if (startMs < cal.anchor) {
          checkInDays.forEach((day, k) => {
            const isLast = k === checkInDays.length - 1;
            if (!isLast && rng.chance(0.15)) return; // not every week
            const t = day + rng.int(8 * 60, 16 * 60) * MINUTE;
            const value = valueAt(t, true);
            const progress = kr.target === kr.start ? 1 : Math.min(1, Math.max(0, (value - kr.start) / (kr.target - kr.start)));
            const expected = elapsedAt(t);
            const ratio = expected === 0 ? 1 : progress / expected;
            const band = ratio >= 0.9 ? "good" : ratio >= 0.7 ? "ok" : "bad";
            const confidence = band === "good" ? rng.int(7, 9) : band === "ok" ? rng.int(5, 7) : rng.int(2, 5);
            history.push({ t, value, confidence, note: rng.chance(0.7) ? rng.pick(NOTES[band]) : null });
          });
        }
        // drawn like the others (the random stream, hence every other figure, stays the same), then left out
        if (kr.quietDays) history.splice(0, history.length, ...history.filter((h) => h.t < cal.anchor - kr.quietDays! * DAY));
        const last = history[history.length - 1];
        const currentValue = last ? last.value : kr.start;
        const progress = kr.target === kr.start ? 1 : Math.min(1, Math.max(0, (currentValue - kr.start) / (kr.target - kr.start)));
        const weight = kr.weight ?? 1;
        finals.push({ progress, weight });
        const krCreated = objectiveCreated + HOUR;
        const krRow = db
          .insert(schema.keyResults)
          .values({
            objectiveId: objRow.id,
            title: kr.title,
            kind: kr.kind,
            startValue: kr.start,
            targetValue: kr.target,
            // a linked KR of an open cycle reads its metric (current_value unused); a closed one keeps its value at closing
            currentValue: kr.metric && cycle.status === "open" ? kr.start : currentValue,
            unit: kr.unit,
            metricId: kr.metric ?? null,
            weight,
            ownerUserId: userId(kr.owner),
            finalProgress: cycle.status === "closed" ? Math.round(progress * 100) / 100 : null,
            createdAt: new Date(krCreated),
            updatedAt: new Date(last ? last.t : krCreated),
          })
          .returning({ id: schema.keyResults.id })
          .get();
        for (const h of history) {
          checkIns.push({
            keyResultId: krRow.id,
            // a linked KR's value is its metric's: its check-ins hold confidence and a note only
            value: kr.metric ? null : h.value,
            confidence: h.confidence,
            note: h.note,
            authorUserId: userId(kr.owner),
            createdAt: new Date(h.t),
            updatedAt: new Date(h.t),
          });
        }
      }
      if (cycle.status === "closed") {
        const totalWeight = finals.reduce((s, f) => s + f.weight, 0);
        const score = totalWeight === 0 ? 0 : finals.reduce((s, f) => s + f.progress * f.weight, 0) / totalWeight;
        db.update(schema.objectives)
          .set({ closingScore: Math.round(score * 100) / 100, updatedAt: new Date(closedAt ?? cal.anchor) })
          .where(eq(schema.objectives.id, objRow.id))
          .run();
      }
    }
  }
  insertMany(db, schema.checkIns, checkIns);
  return objectiveIds;
}
