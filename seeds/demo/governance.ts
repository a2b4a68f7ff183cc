/** The demo's compliance, maturity and decision gates (writes). */
import { eq } from "drizzle-orm";
import { schema } from "../../db/client";
import { insertGate, insertMany, type DbWriter } from "../builders";
import { DAY, HOUR, isoDate } from "../calendar";
import { GATES, METRIC_TARGETS, MATURITY_ASSESSMENTS, REQUIREMENTS, type UserKey } from "../demo-data";
import { type DemoCalendar } from "./calendar";

// ====================================================================== governance (writes)

export function insertGovernance(db: DbWriter, cal: DemoCalendar, userId: (key: UserKey) => number): void {
  const frameworks = db.select({ id: schema.complianceFrameworks.id, key: schema.complianceFrameworks.key }).from(schema.complianceFrameworks).all();
  const targetDays: Record<keyof typeof REQUIREMENTS, number> = { gdpr: 90, iso27001: 270, soc2: 450 };
  const requirements: (typeof schema.complianceRequirements.$inferInsert)[] = [];
  for (const f of frameworks) {
    if (!(f.key === "gdpr" || f.key === "iso27001" || f.key === "soc2")) continue;
    db.update(schema.complianceFrameworks)
      .set({ targetDate: isoDate(cal.anchor + targetDays[f.key] * DAY) })
      .where(eq(schema.complianceFrameworks.id, f.id))
      .run();
    REQUIREMENTS[f.key].forEach((r, i) => {
      const created = cal.anchor - (240 - i * 3) * DAY;
      const updated = r.status === "todo" ? created : cal.anchor - (5 + ((i * 7) % 60)) * DAY;
      requirements.push({
        frameworkId: f.id,
        ref: r.ref,
        title: r.title,
        status: r.status,
        result: r.result,
        ownerUserId: userId(r.owner),
        evidenceUrl: r.status === "done" ? `https://wiki.innovatech.test/compliance/${f.key}/${r.ref.replace(/[^A-Za-z0-9]+/g, "-").toLowerCase()}` : null,
        createdAt: new Date(created),
        updatedAt: new Date(updated),
      });
    });
  }
  insertMany(db, schema.complianceRequirements, requirements);

  insertMany(
    db,
    schema.maturityScores,
    MATURITY_ASSESSMENTS.flatMap((a) =>
      schema.MATURITY_INDICATORS.map((indicator) => ({
        assessedOn: isoDate(cal.anchor - a.daysAgo * DAY),
        indicator,
        score: a.scores[indicator],
        note: a.notes[indicator] ?? null,
        createdAt: new Date(cal.anchor - a.daysAgo * DAY + 15 * HOUR),
        updatedAt: new Date(cal.anchor - a.daysAgo * DAY + 15 * HOUR),
      })),
    ),
  );

  insertMany(
    db,
    schema.metricTargets,
    METRIC_TARGETS.map((t) => ({
      metricId: t.metricId,
      cycleId: null,
      comparison: t.comparison,
      value: t.value,
      setByUserId: userId(t.setBy),
      note: t.note,
      createdAt: new Date(cal.anchor - 200 * DAY),
      updatedAt: new Date(cal.anchor - 200 * DAY),
    })),
  );

  GATES.forEach((g, i) => {
    const created = new Date(cal.anchor - (120 - i * 10) * DAY);
    insertGate(db, {
      name: g.name,
      description: g.description,
      dueDate: isoDate(cal.anchor + g.dueInDays * DAY),
      createdAt: created,
      updatedAt: created,
      criteria: g.criteria,
    });
  });
}
