/**
 * The demo's plans: three scenarios with their triggers and actions (the operating plan's
 * contingency scenarios, scaled to InnovaTech's customer base), yearly targets and milestones (the
 * business plan's yearly goals and milestones scaled to a 25 → 100-person company with a 5 M€
 * Series A), the squads' roadmap items (the CTO plan's items) linked to the current cycle's key
 * results, and a manual criterion and a recorded decision on the gates. Dates relative to the
 * anchor day; content only — the interface never names where it came from.
 */
import { eq, sql } from "drizzle-orm";
import { addMonths, quarterOf } from "../app/lib/months";
import { schema } from "../db/client";
import type { DbWriter } from "./builders";

const DAY = 86_400_000;

type Ctx = {
  anchor: number;
  lastClosedMonth: string;
  userId: (key: "ceo" | "cto" | "lead" | "leadPayments" | "leadAi") => number;
  teamId: (name: string) => number | null;
};

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function seedDemoPlans(db: DbWriter, c: Ctx): void {
  const at = (ms: number) => ({ createdAt: new Date(ms), updatedAt: new Date(ms) });
  const M = c.lastClosedMonth;
  const created = c.anchor - 30 * DAY;
  const sixMonths = isoDate(c.anchor + 182 * DAY);

  // ---------------------------------------------------------------- scenarios
  const SCENARIOS = [
    {
      name: "A — Hyper-growth",
      description: "Demand well ahead of plan: raise early, hire twice as fast, scale the infrastructure.",
      probability: 0.2,
      revenueGrowth: 0.1,
      hiringSpeed: 2,
      costChangeIt: 0.3,
      triggerMetric: "finance.customers",
      triggerComparison: ">=" as const,
      triggerValue: 50,
      triggerValue2: null,
      actions: "Accelerated raise (5 M€ or more)\nHire at twice the planned speed\nScale the infrastructure now\nInternational expansion from Q4",
      raisesRisk: false,
      funding: [{ month: addMonths(M, 4), amountCents: 5_000_000_00, label: "Accelerated raise" }],
    },
    {
      name: "B — Normal growth",
      description: "The nominal plan.",
      probability: 0.6,
      revenueGrowth: null,
      hiringSpeed: 1,
      costChangeIt: 0,
      triggerMetric: "finance.customers",
      triggerComparison: "between" as const,
      triggerValue: 15,
      triggerValue2: 30,
      actions: "Follow the nominal plan\nNext round of 3 M€ as planned\nFocus on efficiency\nExpansion the year after",
      raisesRisk: false,
      funding: [{ month: addMonths(M, 9), amountCents: 3_000_000_00, label: "Planned round" }],
    },
    {
      name: "C — Slow growth",
      description: "Adoption well below plan: partial pivot, costs cut by 30 %, bridge financing.",
      probability: 0.2,
      revenueGrowth: 0.02,
      hiringSpeed: 1,
      costChangeIt: -0.3,
      triggerMetric: "finance.customers",
      triggerComparison: "<" as const,
      triggerValue: 15,
      triggerValue2: null,
      actions: "Partial product / market pivot\nCut costs by 30 %\nBridge financing\nLook for an acquirer or partner",
      raisesRisk: true,
      funding: [{ month: addMonths(M, 3), amountCents: 1_000_000_00, label: "Bridge" }],
    },
  ];
  SCENARIOS.forEach((s, i) => {
    const { funding, ...fields } = s;
    const slow = s.name.startsWith("C");
    const row = db
      .insert(schema.scenarios)
      .values({
        ...fields,
        extraChurn: slow ? 0.01 : null,
        hiringFreezeFrom: slow ? addMonths(M, 2) : null,
        costChangePayroll: slow ? -0.3 : 0,
        costChangeOther: slow ? -0.3 : 0,
        triggerBy: sixMonths,
        sortOrder: i + 1,
        ...at(created),
      })
      .returning({ id: schema.scenarios.id })
      .get();
    for (const f of funding)
      db.insert(schema.scenarioFundingEvents)
        .values({ scenarioId: row.id, ...f, ...at(created) })
        .run();
  });

  // ---------------------------------------------------------------- yearly plan (calendar years)
  // Last year (its actuals come from the data: year-end values), this year and the three after: five years.
  const y0 = Number(M.slice(0, 4)) - 1;
  const YEARLY: { metricId: string; values: (number | null)[]; note: string }[] = [
    // ARR in cents: 1 M€ → 15 M€ (the business plan's 1 → 300 M$ ambition scaled down)
    { metricId: "finance.arr", values: [1_000_000_00, 2_000_000_00, 4_000_000_00, 8_000_000_00, 15_000_000_00], note: "ARR at year end" },
    { metricId: "finance.customers", values: [10, 20, 60, 150, 350], note: "Paying customers at year end" },
    { metricId: "people.headcount", values: [20, 30, 60, 100, 140], note: "Team size at year end" },
    { metricId: "finance.ltv_to_cac", values: [3, 3, 4, 5, 6], note: "Unit economics" },
    // the business plan's gross margin: 75 % the first year, 85 % the second, 90 % the third
    { metricId: "finance.gross_margin", values: [0.7, 0.75, 0.85, 0.9, 0.9], note: "Gross margin at year end" },
    // the Series A last year, the Series B the year after this one (amounts raised in the year)
    { metricId: "finance.funding_raised", values: [5_000_000_00, null, 15_000_000_00, null, null], note: "Equity and debt raised in the year" },
  ];
  for (const t of YEARLY) {
    t.values.forEach((value, k) => {
      if (value === null) return;
      db.insert(schema.planTargets)
        .values({ metricId: t.metricId, year: y0 + k, value, note: t.note, ...at(created) })
        .run();
    });
  }

  // ---------------------------------------------------------------- milestones
  const MILESTONES: {
    title: string;
    inDays: number;
    metricId?: string;
    comparison?: ">=" | "<=" | "<" | ">";
    value?: number;
    status?: "pending" | "done" | "missed";
    evidence?: string;
  }[] = [
    { title: "Enterprise demo ready", inDays: -120, status: "done", evidence: "Demo recorded and shown to the board" },
    { title: "50 pilot users, NPS above 40", inDays: -40, metricId: "kpi.nps", comparison: ">", value: 40 },
    { title: "100 k€ ARR", inDays: 30, metricId: "finance.arr", comparison: ">=", value: 100_000_00 },
    { title: "1 M€ ARR and 50 customers", inDays: 200, metricId: "finance.customers", comparison: ">=", value: 50 },
    { title: "Next funding round closed", inDays: 300, status: "pending" },
    { title: "Gross margin of 75 %", inDays: 90, metricId: "finance.gross_margin", comparison: ">=", value: 0.75 },
    { title: "Enterprise wins in two European countries", inDays: 420, status: "pending" },
  ];
  for (const m of MILESTONES) {
    db.insert(schema.milestones)
      .values({
        title: m.title,
        dueDate: isoDate(c.anchor + m.inDays * DAY),
        metricId: m.metricId ?? null,
        comparison: m.comparison ?? null,
        value: m.value ?? null,
        status: m.status ?? "pending",
        evidence: m.evidence ?? null,
        updatedByUserId: c.userId("ceo"),
        ...at(created),
      })
      .run();
  }

  // ---------------------------------------------------------------- roadmap (this quarter and the next two)
  const current = addMonths(M, 1);
  const quarterStart = `${current.slice(0, 4)}-${String(Math.floor((Number(current.slice(5)) - 1) / 3) * 3 + 1).padStart(2, "0")}`;
  const q = (n: number) => quarterOf(addMonths(quarterStart, 3 * n));
  const ITEMS: {
    key: string;
    title: string;
    team: string;
    quarter: number;
    sprint: string;
    status: "planned" | "in_progress" | "done" | "dropped";
    owner?: "lead" | "leadPayments" | "leadAi" | "cto";
  }[] = [
    { key: "CORE-01", title: "Kubernetes production migration", team: "Core", quarter: 0, sprint: "Sprint 1-2", status: "done", owner: "lead" },
    { key: "CORE-02", title: "Prometheus / Grafana monitoring", team: "Core", quarter: 0, sprint: "Sprint 1-2", status: "in_progress", owner: "lead" },
    { key: "CORE-03", title: "Remove the remaining N+1 queries", team: "Core", quarter: 0, sprint: "Sprint 1-2", status: "planned" },
    { key: "CORE-04", title: "Redis cluster for high availability", team: "Core", quarter: 0, sprint: "Sprint 1-2", status: "planned" },
    { key: "CORE-05", title: "API rate limiting per customer tier", team: "Core", quarter: 0, sprint: "Sprint 3-4", status: "planned" },
    { key: "CORE-06", title: "Outgoing webhooks for integrations", team: "Core", quarter: 1, sprint: "Sprint 3-4", status: "planned" },
    { key: "CORE-07", title: "Event sourcing for the audit trail", team: "Core", quarter: 1, sprint: "Sprint 7-8", status: "planned" },
    { key: "FE-01", title: "Storybook with the existing components", team: "Frontend", quarter: 0, sprint: "Sprint 1-2", status: "done" },
    { key: "FE-02", title: "Design tokens (colours, spacing, typography)", team: "Frontend", quarter: 0, sprint: "Sprint 1-2", status: "done" },
    { key: "FE-03", title: "Dark mode on CSS variables", team: "Frontend", quarter: 0, sprint: "Sprint 1-2", status: "done" },
    { key: "FE-06", title: "WCAG 2.1 AA accessibility", team: "Frontend", quarter: 0, sprint: "Sprint 3-4", status: "in_progress" },
    { key: "MOB-01", title: "Mobile performance audit", team: "Mobile", quarter: 0, sprint: "Sprint 1-2", status: "in_progress" },
    { key: "MOB-02", title: "Offline-first architecture", team: "Mobile", quarter: 0, sprint: "Sprint 1-2", status: "planned" },
    {
      key: "PAY-01",
      title: "Multi-currency (EUR, USD, GBP, CHF)",
      team: "Payments",
      quarter: 0,
      sprint: "Sprint 3-4",
      status: "in_progress",
      owner: "leadPayments",
    },
    {
      key: "PAY-04",
      title: "Fraud detection on anomalous transactions",
      team: "Payments",
      quarter: 1,
      sprint: "Sprint 9-10",
      status: "planned",
      owner: "leadPayments",
    },
    { key: "AI-01", title: "Real-time data pipeline", team: "AI/Data", quarter: 1, sprint: "Sprint 7-8", status: "planned", owner: "leadAi" },
    { key: "AI-02", title: "Analytics data warehouse", team: "AI/Data", quarter: 1, sprint: "Sprint 7-8", status: "planned", owner: "leadAi" },
    { key: "PLAT-01", title: "Language settings per customer", team: "Platform", quarter: 0, sprint: "Sprint 5-6", status: "dropped", owner: "cto" },
    { key: "PLAT-03", title: "Pricing tiers (Free, Pro, Enterprise)", team: "Platform", quarter: 2, sprint: "Preview", status: "planned", owner: "cto" },
  ];
  // the key results of the open cycle holding today, per team (Core's delivery KRs first)
  const krsOf = (team: string): number[] => {
    const teamId = c.teamId(team);
    if (teamId === null) return [];
    return db
      .all<{ id: number }>(
        sql`
        SELECT kr.id AS id FROM key_results kr JOIN objectives o ON o.id = kr.objective_id JOIN cycles cy ON cy.id = o.cycle_id
         WHERE o.team_id = ${teamId} AND cy.status = 'open' AND cy.start_date <= ${isoDate(c.anchor)} AND cy.end_date >= ${isoDate(c.anchor)}
         ORDER BY kr.id LIMIT 2`,
      )
      .map((r) => r.id);
  };
  const krCache = new Map<string, number[]>();
  for (const it of ITEMS) {
    const teamId = c.teamId(it.team);
    if (teamId === null) continue;
    const row = db
      .insert(schema.roadmapItems)
      .values({
        key: it.key,
        title: it.title,
        teamId,
        quarter: q(it.quarter),
        sprint: it.sprint,
        status: it.status,
        ownerUserId: it.owner ? c.userId(it.owner) : null,
        ...at(created),
      })
      .returning({ id: schema.roadmapItems.id })
      .get();
    if (it.quarter === 0) {
      const krs = krCache.get(it.team) ?? krsOf(it.team);
      krCache.set(it.team, krs);
      const kr = krs[ITEMS.filter((x) => x.team === it.team).indexOf(it) % Math.max(1, krs.length)];
      if (kr !== undefined) db.insert(schema.roadmapItemKeyResults).values({ itemId: row.id, keyResultId: kr }).run();
    }
  }

  // ---------------------------------------------------------------- gates: a manual criterion, a recorded decision
  const gate = (name: string) =>
    db.select({ id: schema.decisionGates.id }).from(schema.decisionGates).where(eq(schema.decisionGates.name, name)).get()?.id ?? null;
  const beta = gate("Beta launch");
  if (beta !== null) {
    db.insert(schema.gateManualCriteria)
      .values({
        gateId: beta,
        label: "MVP ready",
        checked: true,
        checkedByUserId: c.userId("cto"),
        checkedAt: new Date(c.anchor - 345 * DAY),
        note: "Release candidate signed off after the acceptance run",
        ...at(c.anchor - 350 * DAY),
      })
      .run();
    db.insert(schema.gateDecisions)
      .values({
        gateId: beta,
        decision: "go",
        alternative: null,
        rationale: "MVP ready and three customers live on the product: go for the beta.",
        decidedByUserId: c.userId("ceo"),
        decidedAt: new Date(c.anchor - 340 * DAY),
        snapshot: JSON.stringify({
          verdict: "go",
          criteria: [{ metric: "finance.customers", label: "Paying customers", operator: ">=", threshold: 3, value: 3, outcome: "met" }],
          manual: [{ label: "MVP ready", checked: true, checkedBy: null, note: "Release candidate signed off after the acceptance run" }],
        }),
        ...at(c.anchor - 340 * DAY),
      })
      .run();
  }
  const seriesA = gate("Series A readiness");
  if (seriesA !== null) {
    db.insert(schema.gateManualCriteria)
      .values({ gateId: seriesA, label: "Data room complete", checked: false, ...at(created) })
      .run();
  }
}
