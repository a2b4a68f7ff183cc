/**
 * Malformed input over every form: for each action/intent and each field, the values a forged post,
 * a script or a careless paste can send (tests/helpers/bad-values.ts), posted URL-encoded like a form.
 *
 * Each case asserts: the right status (400, or 403/404 when the role or the row says so) and never a
 * 5xx; a message for the field (`fieldErrors[field]`, or a form error where the table says so); the
 * user's input echoed back in `values` (never a password); and nothing written — every table's row
 * count and SQLite's count of changed rows are the same after the case (each case runs inside a
 * transaction that is rolled back, so a faulty write cannot leak into the next case).
 *
 * A form's table is: a valid body (checked to succeed first, then rolled back) and, per field, the list
 * of bad values. Add a field or a value to the table and the cases follow.
 *
 * KNOWN_FAILURES lists cases that fail today because of issue 9 items being fixed on main (unknown ids
 * reaching the database as foreign-key errors, lenient number and date parsing): they run as
 * `it.fails` so they turn red the day they pass — then move them out of the list.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packableMonth } from "~/models/board-pack.server";
import { createWebhookSource } from "~/models/webhooks.server";
import {
  insertCycle,
  insertGate,
  insertIncident,
  insertKeyResult,
  insertKpi,
  insertKpiMeasurement,
  insertObjective,
  insertRequirement,
  insertRequisition,
  insertRisk,
  insertUser,
} from "../../seeds/builders";
import * as bad from "../helpers/bad-values";
import { MISSING, type Bad, type BadValue } from "../helpers/bad-values";
import { demoWorld, type Role, type World } from "../helpers/demo-world";
import { allFormKeys } from "../helpers/form-inventory";
import { callAction, formRequest, multipartRequest, writeProbe, type ActionResult, type Fields } from "../helpers/forms";

type Action = (args: ActionFunctionArgs) => Promise<unknown>;
type Body = Record<string, string | string[] | undefined>;

/** Fixture rows every table refers to (made once, after the demo seed). */
type Fx = ReturnType<typeof makeFixtures>;

type Case = {
  label: string;
  /** fields to change in the valid body (MISSING removes one) */
  set: (fx: Fx) => Record<string, BadValue>;
  as?: Role;
  params?: (fx: Fx) => Record<string, string>;
  /** expected status (default 400) */
  status?: number;
  /** the field whose message is expected (default: the one changed) */
  field?: string;
  /** the message may be a form error rather than a field's */
  formError?: boolean;
};

type FormTable = {
  /** route#intent, as in the browser-post table */
  form: string;
  module: () => Promise<{ action: Action }>;
  as: Role;
  url: (fx: Fx) => string;
  params?: (fx: Fx) => Record<string, string>;
  valid: (fx: Fx) => Body;
  /** field → bad values */
  fields: Record<string, Bad[]>;
  /** other refusals: unknown rows, other teams' rows, rules between fields, roles */
  cases?: Case[];
  /** fields never sent back (passwords) */
  secret?: string[];
  /** multipart instead of URL-encoded */
  multipart?: boolean;
};

const unknown = "99999";
const viewerForbidden: Case = { label: "a viewer posts it", as: "viewer", set: () => ({}), status: 403 };
const unknownIntent: Case = { label: "unknown intent", set: () => ({ intent: "bogus" }), field: "intent" };

let w: World;
let fx: Fx;

function makeFixtures(w: World) {
  const db = w.db;
  const one = <T>(q: ReturnType<typeof sql>) => db.get<T>(q);
  const core = w.core;
  const otherTeam = w.payments;
  const coreObjective = insertObjective(db, { cycleId: w.openCycleId, teamId: core, title: "Malformed: Core objective" });
  const otherObjective = insertObjective(db, { cycleId: w.openCycleId, teamId: otherTeam, title: "Malformed: Payments objective" });
  const kr = insertKeyResult(db, { objectiveId: coreObjective.id, title: "Malformed: KR", startValue: 0, targetValue: 10 });
  const percentKr = insertKeyResult(db, {
    objectiveId: coreObjective.id,
    title: "Malformed: percent KR",
    kind: "percent",
    startValue: 0,
    targetValue: 80,
    unit: "%",
  });
  const otherKr = insertKeyResult(db, { objectiveId: otherObjective.id, title: "Malformed: other team's KR", startValue: 0, targetValue: 10 });
  const linkedKr = insertKeyResult(db, {
    objectiveId: coreObjective.id,
    title: "Malformed: linked KR",
    startValue: 0,
    targetValue: 10,
    metricId: "finance.customers",
  });
  const serviceId = one<{ id: number }>(sql`select id from services where name = 'api-gateway'`).id;
  const otherServiceDeployment = one<{ id: number }>(
    sql`select d.id from deployments d join services s on s.id = d.service_id where s.name = 'web-app' limit 1`,
  ).id;
  const incident = insertIncident(db, { serviceId, title: "Malformed: incident", startedAt: new Date(Date.UTC(2025, 5, 1, 10)) });
  const kpi = insertKpi(db, { key: "malformed_kpi_fixture", name: "Malformed KPI fixture" });
  const otherKpi = insertKpi(db, { key: "malformed_other_kpi", name: "Other KPI" });
  const measurement = insertKpiMeasurement(db, { kpiId: kpi.id, measuredOn: "2025-01-10", value: 3 });
  const otherMeasurement = insertKpiMeasurement(db, { kpiId: otherKpi.id, measuredOn: "2025-01-10", value: 4 });
  const gate = insertGate(db, {
    name: "Malformed gate fixture",
    dueDate: "2027-01-31",
    criteria: [{ metric: "finance.customers", operator: ">=", threshold: 10 }],
  });
  const risk = insertRisk(db, { title: "Malformed risk fixture", status: "open" });
  const coreRequisition = insertRequisition(db, { title: "Malformed: Core hire", teamId: core, status: "planned", targetStartMonth: "2027-03" });
  const otherRequisition = insertRequisition(db, { title: "Malformed: Payments hire", teamId: otherTeam, status: "planned", targetStartMonth: "2027-03" });
  const user = insertUser(db, { email: "malformed.fixture@innovatech.test", name: "Malformed Fixture", role: "viewer" });
  const cycleToClose = insertCycle(db, { name: "Malformed cycle to close", startDate: "2033-01-01", endDate: "2033-03-31" });
  const closedCycle = insertCycle(db, { name: "Malformed closed cycle", startDate: "2034-01-01", endDate: "2034-03-31", status: "closed" });
  const token = db.$client
    .prepare("insert into api_tokens (name, token_hash, prefix, scopes, created_by_user_id, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?) returning id")
    .get("Malformed token", "malformed-hash", "itk_mal", "metrics:read", w.ids.cto, Date.now(), Date.now()) as { id: number };
  const framework = one<{ id: number }>(sql`select id from compliance_frameworks order by id limit 1`).id;
  const requirement = insertRequirement(db, { frameworkId: framework, ref: "MAL-REQ", title: "Malformed requirement fixture" });
  const existingRef = one<{ ref: string }>(
    sql`select ref from compliance_requirements where framework_id = ${framework} and id <> ${requirement.id} limit 1`,
  ).ref;
  const nonItCategory = one<{ id: number }>(sql`select id from budget_categories where is_it = 0 order by id limit 1`).id;
  const rule = one<{ id: number }>(sql`select id from risk_rules where kind = 'runway_below_months'`).id;
  const target = one<{ id: number }>(sql`select id from metric_targets where metric_id like 'delivery.%' order by id limit 1`).id;
  const existingIncidentExternalId = one<{ e: string }>(sql`select external_id as e from incidents where external_id is not null limit 1`).e;
  const source = createWebhookSource(db, w.ids.cto, {
    kind: "github",
    name: "Malformed webhook source",
    productionEnvironment: "production",
    serviceLabel: "service",
    defaultServiceId: null,
    mappings: [{ matchValue: "innovatech/api-gateway", serviceId }],
  }).id;
  return {
    source,
    core,
    otherTeam,
    openCycle: w.openCycleId,
    coreObjective: coreObjective.id,
    otherObjective: otherObjective.id,
    kr: kr.id,
    percentKr: percentKr.id,
    otherKr: otherKr.id,
    linkedKr: linkedKr.id,
    serviceId,
    otherServiceDeployment,
    incident: incident.id,
    kpi: kpi.id,
    measurement: measurement.id,
    otherMeasurement: otherMeasurement.id,
    gate: gate.id,
    risk: risk.id,
    coreRequisition: coreRequisition.id,
    otherRequisition: otherRequisition.id,
    user: user.id,
    cycleToClose: cycleToClose.id,
    closedCycle: closedCycle.id,
    token: token.id,
    framework,
    requirement: requirement.id,
    existingRef,
    nonItCategory,
    rule,
    target,
    existingIncidentExternalId,
    ceo: w.ids.ceo,
    packMonth: packableMonth(db)!,
  };
}

// ------------------------------------------------------------------------------------------------
// The tables
// ------------------------------------------------------------------------------------------------

const s = (v: unknown) => String(v);

/** A sample (every third value) for a second form built on a schema another table checks in full. */
const sample = (fields: Record<string, Bad[]>): Record<string, Bad[]> =>
  Object.fromEntries(Object.entries(fields).map(([k, l]) => [k, l.filter((_, i) => i % 3 === 0)]));

const checkinFields = {
  keyResultId: [bad.extra("letters", "abc"), bad.extra("missing", MISSING), bad.extra("duplicate field (1, 2)", ["1", "2"])],
  value: bad.decimal(),
  confidence: bad.int(1, 10),
  note: bad.text(500, { required: false }),
};
const checkinCases: Case[] = [
  { label: "unknown key result", set: () => ({ keyResultId: unknown }), status: 404 },
  { label: "another team's key result (lead)", set: (f) => ({ keyResultId: s(f.otherKr) }), status: 403 },
  { label: "percent KR above 100", set: (f) => ({ keyResultId: s(f.percentKr), value: "150" }), field: "value" },
  { label: "percent KR below 0", set: (f) => ({ keyResultId: s(f.percentKr), value: "-20" }), field: "value" },
  viewerForbidden,
  unknownIntent,
];

const krFields = {
  title: bad.text(200),
  kind: bad.oneOf("number"),
  startValue: bad.decimal(),
  targetValue: bad.decimal(),
  unit: bad.text(30, { required: false }),
  weight: bad.decimal({ required: false, min: 0, max: 100 }),
  ownerUserId: bad.id({ required: false }),
};
const objectiveFields = {
  title: bad.text(200),
  description: bad.text(2000, { required: false }),
  ownerUserId: bad.id({ required: false }),
  teamId: bad.id({ required: false }),
  parentId: bad.id({ required: false }),
};
const riskFields = {
  title: bad.text(200, { min: 3 }),
  description: bad.text(4000, { required: false }),
  category: bad.oneOf("technical"),
  inherentLikelihood: bad.int(1, 5),
  inherentImpact: bad.int(1, 5),
  residualLikelihood: bad.int(1, 5),
  residualImpact: bad.int(1, 5),
  ownerUserId: bad.id({ required: false }),
  treatment: bad.oneOf("mitigate"),
  mitigationPlan: bad.text(4000, { required: false }),
  nextReviewDate: bad.date({ required: false }),
};
const requisitionFields = {
  title: bad.text(160),
  teamId: bad.id(),
  profile: bad.text(200, { required: false }),
  priority: bad.oneOf("P1"),
  targetStartMonth: bad.month(),
  source: bad.text(120, { required: false }),
  objectiveId: bad.id({ required: false }),
  status: bad.oneOf("planned", { required: false }),
};
const kpiFields = {
  key: [...bad.text(60), bad.extra("upper case and spaces", "Bad Key"), bad.extra("one character", "a"), bad.extra("<script>", bad.SCRIPT)],
  name: bad.text(120),
  unit: bad.text(20, { required: false }),
  direction: bad.oneOf("higher"),
  category: bad.oneOf("product"),
  description: bad.text(1000, { required: false }),
  source: bad.oneOf("manual", { required: false }),
};
const gateFields = {
  name: bad.text(200, { min: 3 }),
  description: bad.text(2000, { required: false }),
  dueDate: bad.date(),
  metric_0: bad.oneOf("finance.customers", { required: false }),
  operator_0: bad.oneOf(">=").filter((b) => b.label !== "upper case"),
  threshold_0: bad.decimal(),
};
const requirementFields = {
  status: bad.oneOf("todo"),
  result: bad.oneOf("compliant", { required: false }),
  ownerUserId: bad.id({ required: false }),
  evidenceUrl: bad.link(),
};

const TABLES: FormTable[] = [
  // ---------------------------------------------------------------- plans: scenarios, roadmap, multi-year plan, gate decisions
  ...(["create", "update"] as const).map((intent): FormTable => ({
    form: `scenarios#${intent}`,
    module: () => import("~/routes/scenarios"),
    as: "ceo",
    url: () => "/scenarios",
    valid: () => ({
      intent,
      ...(intent === "update" ? { scenarioId: s(w.db.get<{ id: number }>(sql`select id from scenarios order by id limit 1`).id) } : {}),
      name: intent === "update" ? "A — Hyper-growth" : "Malformed scenario",
      probability: "20",
      triggerMetric: "finance.customers",
      triggerComparison: ">=",
      triggerValue: "50",
      funding_month_0: "2027-06",
      funding_amount_0: "1000000",
    }),
    fields: {
      name: bad.text(80),
      probability: bad.decimal({ min: 0, max: 100 }),
      revenueGrowth: bad.decimal({ required: false, min: -50, max: 100 }),
      hiringFreezeFrom: bad.month({ required: false }),
      triggerMetric: bad.oneOf("finance.customers", { required: false }).filter((b) => b.value !== MISSING),
      triggerBy: bad.date({ required: false }),
      funding_month_0: bad.month({ required: false }).filter((b) => b.value !== MISSING),
      funding_amount_0: bad.money({ required: false, nonNegative: true }).filter((b) => b.value !== MISSING),
      raisesRisk: bad.checkbox(),
    },
    cases: [
      { label: "name of another scenario", set: () => ({ name: "c — slow growth" }), field: "name" },
      { label: "a range without its upper value", set: () => ({ triggerComparison: "between" }), field: "triggerValue2" },
      { label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 },
      viewerForbidden,
      ...(intent === "update" ? [{ label: "unknown scenario", set: () => ({ scenarioId: unknown }), field: "scenarioId" }] : [unknownIntent]),
    ],
  })),
  {
    form: "scenarios#delete",
    module: () => import("~/routes/scenarios"),
    as: "ceo",
    url: () => "/scenarios",
    valid: () => ({ intent: "delete", scenarioId: s(w.db.get<{ id: number }>(sql`select id from scenarios order by id limit 1`).id) }),
    fields: { scenarioId: bad.id() },
    cases: [{ label: "unknown scenario", set: () => ({ scenarioId: unknown }), field: "scenarioId" }, viewerForbidden],
  },
  ...(["create", "update"] as const).map((intent): FormTable => ({
    form: `roadmap#${intent}`,
    module: () => import("~/routes/roadmap"),
    as: "lead",
    url: () => "/roadmap",
    valid: () => ({
      intent,
      ...(intent === "update" ? { itemId: s(w.db.get<{ id: number }>(sql`select id from roadmap_items where key = 'CORE-03'`).id) } : {}),
      key: intent === "update" ? "CORE-03" : "CORE-77",
      title: "Malformed item",
      teamId: s(w.core),
      quarter: "2027-Q1",
      status: "planned",
    }),
    fields: {
      key: bad.text(17).filter((b) => b.value === MISSING || b.label.includes("long")),
      title: bad.text(200),
      teamId: bad.id(),
      quarter: bad.oneOf("2027-Q1"),
      status: bad.oneOf("planned"),
      ownerUserId: bad.id({ required: false }),
      keyResultIds: bad.id({ required: false }).filter((b) => b.value !== MISSING && !b.label.includes("duplicate")),
    },
    cases: [
      { label: "another squad (a lead)", set: () => ({ teamId: s(w.payments) }), field: "teamId" },
      { label: "key of another item", set: () => ({ key: "FE-01" }), field: "key" },
      { label: "unknown key result", set: () => ({ keyResultIds: unknown }), field: "keyResultIds" },
      viewerForbidden,
    ],
  })),
  {
    form: "roadmap#status",
    module: () => import("~/routes/roadmap"),
    as: "lead",
    url: () => "/roadmap",
    valid: () => ({ intent: "status", itemId: s(w.db.get<{ id: number }>(sql`select id from roadmap_items where key = 'CORE-03'`).id), status: "done" }),
    fields: { itemId: bad.id(), status: bad.oneOf("done") },
    cases: [
      { label: "unknown item", set: () => ({ itemId: unknown }), field: "itemId" },
      {
        label: "another squad's item",
        set: () => ({ itemId: s(w.db.get<{ id: number }>(sql`select id from roadmap_items where key = 'PAY-01'`).id) }),
        status: 403,
      },
      viewerForbidden,
    ],
  },
  {
    form: "roadmap#delete",
    module: () => import("~/routes/roadmap"),
    as: "lead",
    url: () => "/roadmap",
    valid: () => ({ intent: "delete", itemId: s(w.db.get<{ id: number }>(sql`select id from roadmap_items where key = 'CORE-03'`).id) }),
    fields: { itemId: bad.id() },
    cases: [{ label: "unknown item", set: () => ({ itemId: unknown }), field: "itemId" }, viewerForbidden],
  },
  {
    form: "strategy#target",
    module: () => import("~/routes/strategy"),
    as: "ceo",
    url: () => "/strategy",
    valid: () => ({ intent: "target", metricId: "finance.customers", year: s(new Date().getUTCFullYear()), value: "25" }),
    fields: { metricId: bad.oneOf("finance.customers"), year: bad.int(2000, 2100), value: bad.decimal(), note: bad.text(500, { required: false }) },
    cases: [
      { label: "a sixth year", set: () => ({ year: "2099" }), field: "year" },
      { label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 },
      viewerForbidden,
      unknownIntent,
    ],
  },
  {
    form: "strategy#delete-target",
    module: () => import("~/routes/strategy"),
    as: "ceo",
    url: () => "/strategy",
    valid: () => ({ intent: "delete-target", targetId: s(w.db.get<{ id: number }>(sql`select id from plan_targets order by id limit 1`).id) }),
    fields: { targetId: bad.id() },
    cases: [{ label: "unknown target", set: () => ({ targetId: unknown }), field: "targetId" }, viewerForbidden],
  },
  {
    form: "strategy#milestone",
    module: () => import("~/routes/strategy"),
    as: "ceo",
    url: () => "/strategy",
    valid: () => ({ intent: "milestone", title: "Malformed milestone", dueDate: "2027-06-30", status: "pending" }),
    fields: {
      title: bad.text(200),
      dueDate: bad.date(),
      status: bad.oneOf("pending"),
      metricId: bad.oneOf("finance.customers", { required: false }).filter((b) => b.value !== MISSING),
      evidence: bad.text(2000, { required: false }),
    },
    cases: [
      { label: "a metric without its value", set: () => ({ metricId: "finance.customers", comparison: ">=" }), field: "value" },
      { label: "unknown milestone", set: () => ({ milestoneId: unknown }), field: "milestoneId" },
      viewerForbidden,
    ],
  },
  {
    form: "strategy#delete-milestone",
    module: () => import("~/routes/strategy"),
    as: "ceo",
    url: () => "/strategy",
    valid: () => ({ intent: "delete-milestone", milestoneId: s(w.db.get<{ id: number }>(sql`select id from milestones order by id limit 1`).id) }),
    fields: { milestoneId: bad.id() },
    cases: [{ label: "unknown milestone", set: () => ({ milestoneId: unknown }), field: "milestoneId" }, viewerForbidden],
  },
  {
    form: "governance.decisions.$gateId#decide",
    module: () => import("~/routes/governance.decisions.$gateId"),
    as: "ceo",
    url: () => "/governance/decisions/1",
    params: () => ({ gateId: s(w.db.get<{ id: number }>(sql`select id from decision_gates order by id limit 1`).id) }),
    valid: () => ({ intent: "decide", decision: "go", rationale: "Malformed rationale" }),
    fields: { decision: bad.oneOf("go"), rationale: bad.text(4000), alternative: bad.text(500, { required: false }) },
    cases: [
      { label: "an alternative not named", set: () => ({ decision: "alternative" }), field: "alternative" },
      { label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 },
      viewerForbidden,
      unknownIntent,
    ],
  },
  {
    form: "governance.decisions.$gateId#add-criterion",
    module: () => import("~/routes/governance.decisions.$gateId"),
    as: "ceo",
    url: () => "/governance/decisions/1",
    params: () => ({ gateId: s(w.db.get<{ id: number }>(sql`select id from decision_gates order by id limit 1`).id) }),
    valid: () => ({ intent: "add-criterion", label: "Malformed criterion" }),
    fields: { label: bad.text(200) },
    cases: [viewerForbidden],
  },
  ...(["check", "delete-criterion"] as const).map((intent): FormTable => ({
    form: `governance.decisions.$gateId#${intent}`,
    module: () => import("~/routes/governance.decisions.$gateId"),
    as: "ceo",
    url: () => "/governance/decisions/1",
    params: () => ({ gateId: s(w.db.get<{ g: number }>(sql`select gate_id as g from gate_manual_criteria order by id limit 1`).g) }),
    valid: () => ({
      intent,
      criterionId: s(w.db.get<{ id: number }>(sql`select id from gate_manual_criteria order by id limit 1`).id),
      ...(intent === "check" ? { checked: "on", note: "ok" } : {}),
    }),
    fields: intent === "check" ? { criterionId: bad.id(), checked: bad.checkbox(), note: bad.text(1000, { required: false }) } : { criterionId: bad.id() },
    cases: [{ label: "unknown criterion", set: () => ({ criterionId: unknown }), field: "criterionId" }, viewerForbidden],
  })),
  // ---------------------------------------------------------------- teams, budget categories, frameworks (company structure)
  {
    form: "teams#create",
    module: () => import("~/routes/teams"),
    as: "ceo",
    url: () => "/teams",
    valid: () => ({ intent: "create", name: "Malformed team", kind: "tech" }),
    fields: { name: bad.text(80), kind: bad.oneOf("tech") },
    cases: [{ label: "name already used", set: () => ({ name: "core" }), field: "name" }, viewerForbidden, unknownIntent],
  },
  {
    form: "teams#update",
    module: () => import("~/routes/teams"),
    as: "ceo",
    url: () => "/teams",
    valid: () => ({ intent: "update", teamId: s(w.core), name: "Core", kind: "tech" }),
    fields: { teamId: bad.id(), name: bad.text(80), kind: bad.oneOf("tech") },
    cases: [{ label: "unknown team", set: () => ({ teamId: unknown }), field: "teamId" }, viewerForbidden],
  },
  ...(["archive", "restore"] as const).map((intent): FormTable => ({
    form: `teams#${intent}`,
    module: () => import("~/routes/teams"),
    as: "ceo",
    url: () => "/teams",
    valid: () => ({ intent, teamId: s(w.payments) }),
    fields: { teamId: bad.id() },
    cases: [{ label: "unknown team", set: () => ({ teamId: unknown }), field: "teamId" }, viewerForbidden],
  })),
  ...(["set-lead", "unset-lead"] as const).map((intent): FormTable => ({
    form: `teams#${intent}`,
    module: () => import("~/routes/teams"),
    as: "ceo",
    url: () => "/teams",
    valid: () => ({ intent, teamId: s(w.core), userId: s(w.db.get<{ id: number }>(sql`select id from users where email = 'lead@innovatech.test'`).id) }),
    fields: { teamId: bad.id(), userId: bad.id() },
    cases: [
      { label: "unknown user", set: () => ({ userId: unknown }), field: "userId" },
      { label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 },
    ],
  })),
  {
    form: "budgets_.categories#create",
    module: () => import("~/routes/budgets_.categories"),
    as: "ceo",
    url: () => "/budgets/categories",
    valid: () => ({ intent: "create", name: "Malformed category", group: "other" }),
    fields: { name: bad.text(80), group: bad.oneOf("other"), isSalesMarketing: bad.checkbox() },
    cases: [
      { label: "name already used", set: () => ({ name: "marketing" }), field: "name" },
      { label: "the CTO adds a non-IT category", as: "cto", set: () => ({}), field: "group" },
      viewerForbidden,
      unknownIntent,
    ],
  },
  {
    form: "budgets_.categories#update",
    module: () => import("~/routes/budgets_.categories"),
    as: "ceo",
    url: () => "/budgets/categories",
    valid: () => ({
      intent: "update",
      categoryId: s(w.db.get<{ id: number }>(sql`select id from budget_categories where name = 'Marketing'`).id),
      name: "Marketing",
      group: "other",
    }),
    fields: { categoryId: bad.id(), name: bad.text(80), group: bad.oneOf("other") },
    cases: [{ label: "unknown category", set: () => ({ categoryId: unknown }), field: "categoryId" }, viewerForbidden],
  },
  ...(["archive", "restore"] as const).map((intent): FormTable => ({
    form: `budgets_.categories#${intent}`,
    module: () => import("~/routes/budgets_.categories"),
    as: "ceo",
    url: () => "/budgets/categories",
    valid: () => ({ intent, categoryId: s(w.db.get<{ id: number }>(sql`select id from budget_categories where name = 'Other'`).id) }),
    fields: { categoryId: bad.id() },
    cases: [{ label: "unknown category", set: () => ({ categoryId: unknown }), field: "categoryId" }, viewerForbidden],
  })),
  {
    form: "budgets_.categories#envelope",
    module: () => import("~/routes/budgets_.categories"),
    as: "ceo",
    url: () => "/budgets/categories",
    valid: () => ({
      intent: "envelope",
      categoryId: s(w.db.get<{ id: number }>(sql`select id from budget_categories where name = 'Marketing'`).id),
      year: "2031",
      amount: "1000",
    }),
    fields: {
      categoryId: bad.id(),
      year: [bad.extra("missing", MISSING), bad.extra("1999", "1999"), bad.extra("text", "soon")],
      amount: [bad.extra("negative", "-5"), bad.extra("text", "lots"), bad.extra("3 decimals", "1.005")],
    },
    cases: [{ label: "the CTO sets a non-IT envelope", as: "cto", set: () => ({}), status: 403 }, viewerForbidden],
  },
  {
    form: "governance.compliance#create-framework",
    module: () => import("~/routes/governance.compliance"),
    as: "cto",
    url: () => "/governance/compliance",
    valid: () => ({ intent: "create-framework", name: "Malformed framework", description: "", targetDate: "2030-01-31" }),
    fields: { name: bad.text(80, { min: 2 }), targetDate: [bad.extra("impossible date", "2030-02-30"), bad.extra("text", "soon")] },
    cases: [
      { label: "name already used", set: () => ({ name: "gdpr" }), field: "name" },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
    ],
  },
  {
    form: "governance.compliance#update-framework",
    module: () => import("~/routes/governance.compliance"),
    as: "cto",
    url: () => "/governance/compliance",
    valid: () => ({
      intent: "update-framework",
      frameworkId: s(w.db.get<{ id: number }>(sql`select id from compliance_frameworks where key = 'gdpr'`).id),
      name: "GDPR",
      targetDate: "",
    }),
    fields: { name: bad.text(80, { min: 2 }), targetDate: [bad.extra("impossible date", "2030-02-30")] },
    cases: [
      { label: "unknown framework", set: () => ({ frameworkId: unknown }), field: "frameworkId" },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
    ],
  },
  // ---------------------------------------------------------------- a person's profile
  {
    form: "profile#*",
    module: () => import("~/routes/profile"),
    as: "lead",
    url: () => "/profile",
    valid: () => ({ language: "fr" }),
    // missing or empty = the company's default, a valid choice
    fields: { language: bad.oneOf("fr", { required: false }) },
    cases: [],
  },
  // ---------------------------------------------------------------- settings
  {
    form: "settings._index#settings",
    module: () => import("~/routes/settings._index"),
    as: "ceo",
    url: () => "/settings?index",
    valid: () => ({
      intent: "settings",
      companyName: "InnovaTech Solutions",
      currency: "EUR",
      locale: "fr-FR",
      timeZone: "Europe/Paris",
      loadedCostFactor: "1.45",
      grossMarginPercent: "75",
      headcountTarget: "100",
      fiscalYearStartMonth: "1",
    }),
    fields: {
      companyName: bad.text(120),
      currency: [...bad.oneOf("EUR"), bad.extra("euro sign", "€")],
      locale: [
        bad.extra("missing", MISSING),
        bad.extra("empty", ""),
        bad.extra("not a locale", "xx-INVALID-@@"),
        bad.extra("<script>", bad.SCRIPT),
        bad.extra("10k characters", bad.LONG),
        bad.extra("duplicate field", ["fr-FR", "en-GB"]),
      ],
      timeZone: [
        bad.extra("missing", MISSING),
        bad.extra("empty", ""),
        bad.extra("unknown zone", "Mars/Olympus"),
        bad.extra("<script>", bad.SCRIPT),
        bad.extra("10k characters", bad.LONG),
        bad.extra("duplicate field", ["Europe/Paris", "UTC"]),
      ],
      loadedCostFactor: bad.decimal({ min: 1, max: 3 }),
      grossMarginPercent: [...bad.decimal({ max: 100 }), bad.extra("zero", "0")],
      headcountTarget: bad.int(1, 100_000),
    },
    cases: [{ label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 }, unknownIntent],
  },
  {
    form: "settings._index#create-user",
    module: () => import("~/routes/settings._index"),
    as: "ceo",
    url: () => "/settings?index",
    valid: () => ({
      intent: "create-user",
      email: "malformed.new@innovatech.test",
      name: "Malformed New",
      role: "viewer",
      teamId: "",
      password: "a-long-enough-password",
    }),
    secret: ["password"],
    fields: {
      email: bad.email(),
      name: bad.text(120),
      role: bad.oneOf("viewer"),
      teamId: bad.id({ required: false }),
      password: [
        bad.extra("missing", MISSING),
        bad.extra("empty", ""),
        bad.extra("11 characters", "x".repeat(11)),
        bad.extra("201 characters", "x".repeat(201)),
        bad.extra("10k characters", bad.LONG),
        bad.extra("duplicate field", ["a-long-enough-password", "another-long-password"]),
      ],
    },
    cases: [
      { label: "unknown team", set: () => ({ teamId: unknown }), field: "teamId" },
      { label: "email already used", set: () => ({ email: "CEO@innovatech.test" }), field: "email" },
      viewerForbidden,
    ],
  },
  {
    form: "settings._index#update-user",
    module: () => import("~/routes/settings._index"),
    as: "ceo",
    url: () => "/settings?index",
    valid: (f) => ({ intent: "update-user", userId: s(f.user), name: "Malformed Fixture", role: "viewer", teamId: "", active: "on" }),
    fields: { userId: bad.id(), name: bad.text(120), role: bad.oneOf("viewer"), teamId: bad.id({ required: false }), active: bad.checkbox() },
    cases: [
      { label: "unknown user", set: () => ({ userId: unknown }), field: "userId" },
      { label: "unknown team", set: () => ({ teamId: unknown }), field: "teamId" },
      { label: "the CEO deactivates themself (box unticked)", set: (f) => ({ userId: s(f.ceo), role: "ceo", active: MISSING }), field: "role" },
      { label: "the CEO demotes themself", set: (f) => ({ userId: s(f.ceo), role: "cto" }), field: "role" },
      viewerForbidden,
    ],
  },
  {
    form: "settings.tokens#create",
    module: () => import("~/routes/settings.tokens"),
    as: "cto",
    url: () => "/settings/tokens",
    valid: () => ({ intent: "create", name: "Malformed token", scopes: ["metrics:read"] }),
    fields: {
      name: bad.text(100),
      scopes: [
        bad.extra("none ticked (missing)", MISSING),
        bad.extra("empty", ""),
        bad.extra("unknown scope", "bogus"),
        bad.extra("a known and an unknown scope", ["metrics:read", "bogus"]),
        bad.extra("<script>", bad.SCRIPT),
        bad.extra("10k characters", bad.LONG),
      ],
    },
    cases: [
      { label: "finance:read granted by the CTO", set: () => ({ scopes: ["metrics:read", "finance:read"] }), field: "scopes" },
      viewerForbidden,
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
      unknownIntent,
    ],
  },
  {
    form: "settings.tokens#revoke",
    module: () => import("~/routes/settings.tokens"),
    as: "cto",
    url: () => "/settings/tokens",
    valid: (f) => ({ intent: "revoke", tokenId: s(f.token) }),
    fields: { tokenId: bad.id() },
    cases: [{ label: "unknown token", set: () => ({ tokenId: unknown }), field: "tokenId" }, viewerForbidden],
  },
  // ---------------------------------------------------------------- webhook sources
  {
    form: "settings.webhooks._index#*",
    module: () => import("~/routes/settings.webhooks._index"),
    as: "cto",
    url: () => "/settings/webhooks",
    valid: () => ({
      intent: "create",
      kind: "gitlab",
      name: "Malformed GitLab source",
      mappings: "innovatech/api-gateway = api-gateway",
      defaultServiceId: "",
      productionEnvironment: "production",
      serviceLabel: "service",
      secret: "",
    }),
    fields: {
      kind: bad.oneOf("github"),
      name: bad.text(100),
      mappings: [
        ...bad.text(30_000, { required: false }),
        bad.extra("a line without =", "innovatech/api-gateway"),
        bad.extra("an unknown service", "a/b = no-such-service"),
        bad.extra("a value mapped twice", "a/b = api-gateway\nA/B = api-gateway"),
      ],
      defaultServiceId: bad.id({ required: false }),
      productionEnvironment: bad.text(100, { required: false }),
      serviceLabel: [
        bad.extra("a space", "service name"),
        bad.extra("starts with a digit", "1service"),
        bad.extra("<script>", bad.SCRIPT),
        bad.extra("10k characters", bad.LONG),
        bad.extra("duplicate field", ["job", "app"]),
      ],
      secret: [
        bad.extra("15 characters", "x".repeat(15)),
        bad.extra("a space inside", "my secret 1234567890"),
        bad.extra("201 characters", "x".repeat(201)),
        bad.extra("10k characters", bad.LONG),
        bad.extra("duplicate field", ["x".repeat(20), "y".repeat(20)]),
      ],
    },
    secret: ["secret"],
    cases: [
      { label: "unknown default service", set: () => ({ defaultServiceId: unknown }), field: "defaultServiceId" },
      { label: "a name already taken", set: () => ({ name: "Malformed webhook source" }), field: "name" },
      viewerForbidden,
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
      unknownIntent,
    ],
  },
  {
    form: "settings.webhooks.$sourceId#update",
    module: () => import("~/routes/settings.webhooks.$sourceId"),
    as: "cto",
    url: (f) => `/settings/webhooks/${f.source}`,
    params: (f) => ({ sourceId: s(f.source) }),
    valid: () => ({
      intent: "update",
      name: "Malformed webhook source",
      mappings: "innovatech/api-gateway = api-gateway",
      defaultServiceId: "",
      productionEnvironment: "prod",
      serviceLabel: "service",
    }),
    fields: {
      name: bad.text(100),
      mappings: [...bad.text(30_000, { required: false }), bad.extra("an unknown service", "a/b = no-such-service")],
      defaultServiceId: bad.id({ required: false }),
      productionEnvironment: bad.text(100, { required: false }),
      serviceLabel: [bad.extra("a space", "service name"), bad.extra("10k characters", bad.LONG)],
    },
    cases: [
      { label: "unknown default service", set: () => ({ defaultServiceId: unknown }), field: "defaultServiceId" },
      { label: "unknown source", params: () => ({ sourceId: unknown }), set: () => ({}), status: 404 },
      { label: "source id not a number", params: () => ({ sourceId: "abc" }), set: () => ({}), status: 404 },
      viewerForbidden,
      unknownIntent,
    ],
  },
  {
    form: "settings.webhooks.$sourceId#set-secret",
    module: () => import("~/routes/settings.webhooks.$sourceId"),
    as: "cto",
    url: (f) => `/settings/webhooks/${f.source}`,
    params: (f) => ({ sourceId: s(f.source) }),
    valid: () => ({ intent: "set-secret", secret: "pagerduty-signing-secret-0123456789" }),
    fields: {
      secret: [
        bad.extra("missing", bad.MISSING),
        bad.extra("empty", ""),
        bad.extra("15 characters", "x".repeat(15)),
        bad.extra("a space inside", "my secret 1234567890"),
        bad.extra("201 characters", "x".repeat(201)),
        bad.extra("duplicate field", ["x".repeat(20), "y".repeat(20)]),
      ],
    },
    secret: ["secret"],
    cases: [{ label: "unknown source", params: () => ({ sourceId: unknown }), set: () => ({}), status: 404 }, viewerForbidden],
  },
  {
    form: "settings.webhooks.$sourceId#rotate",
    module: () => import("~/routes/settings.webhooks.$sourceId"),
    as: "cto",
    url: (f) => `/settings/webhooks/${f.source}`,
    params: (f) => ({ sourceId: s(f.source) }),
    valid: () => ({ intent: "rotate" }),
    fields: {},
    cases: [
      { label: "unknown source", params: () => ({ sourceId: unknown }), set: () => ({}), status: 404 },
      viewerForbidden,
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
    ],
  },
  {
    form: "settings.webhooks.$sourceId#delete",
    module: () => import("~/routes/settings.webhooks.$sourceId"),
    as: "cto",
    url: (f) => `/settings/webhooks/${f.source}`,
    params: (f) => ({ sourceId: s(f.source) }),
    valid: () => ({ intent: "delete" }),
    fields: {},
    cases: [{ label: "unknown source", params: () => ({ sourceId: unknown }), set: () => ({}), status: 404 }, viewerForbidden],
  },
  // ---------------------------------------------------------------- finance
  {
    form: "budgets#save-line",
    module: () => import("~/routes/budgets"),
    as: "ceo",
    url: () => "/budgets",
    valid: (f) => ({ intent: "save-line", categoryId: s(f.nonItCategory), month: "2026-01", planned: "1000", actual: "" }),
    fields: { categoryId: bad.id(), month: bad.month(), planned: bad.money({ nonNegative: true }), actual: bad.money({ required: false, nonNegative: true }) },
    cases: [
      { label: "unknown category", set: () => ({ categoryId: unknown }), field: "categoryId" },
      { label: "the CTO on a non-IT category", as: "cto", set: () => ({}), status: 403 },
      viewerForbidden,
      unknownIntent,
    ],
  },
  {
    form: "finance.snapshots#save-snapshot",
    module: () => import("~/routes/finance.snapshots"),
    as: "ceo",
    url: () => "/finance/snapshots",
    valid: () => ({
      intent: "save-snapshot",
      month: "2030-06",
      cash: "100000",
      revenue: "1000",
      mrr: "1000",
      customers: "10",
      newCustomers: "1",
      churnedCustomers: "0",
      financing: "",
      costOfRevenue: "",
    }),
    fields: {
      month: bad.month(),
      cash: bad.money(),
      revenue: bad.money({ nonNegative: true }),
      mrr: bad.money({ nonNegative: true }),
      customers: bad.int(0, 1_000_000_000),
      newCustomers: bad.int(0, 10).filter((b) => b.label !== "above the maximum"),
      churnedCustomers: bad.int(0, 1_000_000_000),
      financing: bad.money({ required: false, nonNegative: true }),
      costOfRevenue: bad.money({ required: false, nonNegative: true }),
    },
    cases: [
      { label: "new customers above customers", set: () => ({ customers: "1", newCustomers: "2" }), field: "newCustomers" },
      { label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 },
      unknownIntent,
    ],
  },
  // ---------------------------------------------------------------- delivery
  {
    form: "delivery.incidents.new#*",
    module: () => import("~/routes/delivery.incidents.new"),
    as: "cto",
    url: () => "/delivery/incidents/new",
    valid: (f) => ({
      serviceId: s(f.serviceId),
      title: "Malformed incident",
      severity: "SEV3",
      startedAt: "2025-06-01T10:00",
      resolvedAt: "",
      externalId: "",
      causeRef: "",
    }),
    fields: {
      serviceId: bad.id(),
      title: bad.text(300),
      severity: bad.oneOf("SEV3"),
      startedAt: bad.localTime(),
      resolvedAt: bad.localTime({ required: false }),
      externalId: bad.text(200, { required: false }),
      causeRef: bad.text(200, { required: false }),
      noCause: bad.checkbox(),
    },
    cases: [
      { label: "unknown service", set: () => ({ serviceId: unknown }), field: "serviceId" },
      { label: "resolved before started", set: () => ({ resolvedAt: "2025-06-01T09:00" }), field: "resolvedAt" },
      { label: "a cause and 'no deployment caused it' together", set: () => ({ causeRef: "#1", noCause: "on" }), field: "causeRef" },
      { label: "a cause naming no deployment", set: () => ({ causeRef: "no-such-deployment" }), field: "causeRef" },
      { label: "external id already used", set: (f) => ({ externalId: f.existingIncidentExternalId }), field: "externalId" },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
    ],
  },
  {
    form: "delivery.incidents.$incidentId#details",
    module: () => import("~/routes/delivery.incidents.$incidentId"),
    as: "cto",
    url: (f) => `/delivery/incidents/${f.incident}`,
    params: (f) => ({ incidentId: s(f.incident) }),
    valid: () => ({ intent: "details", title: "Malformed: incident", severity: "SEV3", startedAt: "2025-06-01T12:00", resolvedAt: "" }),
    fields: { title: bad.text(300), severity: bad.oneOf("SEV3"), startedAt: bad.localTime(), resolvedAt: bad.localTime({ required: false }) },
    cases: [
      { label: "resolved before started", set: () => ({ resolvedAt: "2025-06-01T11:00" }), field: "resolvedAt" },
      { label: "unknown incident", params: () => ({ incidentId: unknown }), set: () => ({}), status: 404 },
      { label: "incident id not a number", params: () => ({ incidentId: "abc" }), set: () => ({}), status: 404 },
      viewerForbidden,
      unknownIntent,
    ],
  },
  {
    form: "delivery.incidents.$incidentId#resolve",
    module: () => import("~/routes/delivery.incidents.$incidentId"),
    as: "cto",
    url: (f) => `/delivery/incidents/${f.incident}`,
    params: (f) => ({ incidentId: s(f.incident) }),
    valid: () => ({ intent: "resolve", resolvedAt: "2025-06-01T14:00" }),
    fields: { resolvedAt: bad.localTime() },
    cases: [{ label: "resolved before started", set: () => ({ resolvedAt: "2025-06-01T08:00" }), field: "resolvedAt" }],
  },
  {
    form: "delivery.incidents.$incidentId#reopen",
    module: () => import("~/routes/delivery.incidents.$incidentId"),
    as: "cto",
    url: (f) => `/delivery/incidents/${f.incident}`,
    params: (f) => ({ incidentId: s(f.incident) }),
    valid: () => ({ intent: "reopen" }),
    fields: {},
    cases: [
      { label: "unknown incident", params: () => ({ incidentId: unknown }), set: () => ({}), status: 404 },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
    ],
  },
  {
    form: "delivery.incidents.$incidentId#cause",
    module: () => import("~/routes/delivery.incidents.$incidentId"),
    as: "cto",
    url: (f) => `/delivery/incidents/${f.incident}`,
    params: (f) => ({ incidentId: s(f.incident) }),
    valid: () => ({ intent: "cause", cause: "none" }),
    fields: { cause: [...bad.oneOf("none"), bad.extra("negative id", "-1"), bad.extra("exponent", "1e1"), bad.extra("16 digits", "9".repeat(16))] },
    cases: [
      { label: "unknown deployment", set: () => ({ cause: unknown }), field: "cause" },
      { label: "a deployment of another service", set: (f) => ({ cause: s(f.otherServiceDeployment) }), field: "cause" },
    ],
  },
  {
    form: "delivery.services#create",
    module: () => import("~/routes/delivery.services"),
    as: "ceo",
    url: () => "/delivery/services",
    valid: () => ({ intent: "create", name: "malformed-service", teamId: "" }),
    fields: {
      name: [...bad.text(100), bad.extra("starts with a dash", "-svc"), bad.extra("<script>", bad.SCRIPT), bad.extra("emoji", "svc-🚀")],
      teamId: bad.id({ required: false }),
    },
    cases: [
      { label: "unknown team", set: () => ({ teamId: unknown }), field: "teamId" },
      { label: "name already used", set: () => ({ name: "api-gateway" }), field: "name" },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
      unknownIntent,
    ],
  },
  {
    form: "delivery.services#update",
    module: () => import("~/routes/delivery.services"),
    as: "cto",
    url: () => "/delivery/services",
    valid: (f) => ({ intent: "update", serviceId: s(f.serviceId), name: "api-gateway", teamId: s(f.core) }),
    fields: { serviceId: bad.id(), name: [...bad.text(100), bad.extra("<script>", bad.SCRIPT)], teamId: bad.id({ required: false }) },
    cases: [
      { label: "unknown service", set: () => ({ serviceId: unknown }), field: "serviceId" },
      { label: "unknown team", set: () => ({ teamId: unknown }), field: "teamId" },
      { label: "another service's name", set: () => ({ name: "web-app" }), field: "name" },
    ],
  },
  // ---------------------------------------------------------------- governance
  {
    form: "governance.compliance#update",
    module: () => import("~/routes/governance.compliance"),
    as: "cto",
    url: () => "/governance/compliance",
    valid: (f) => ({ intent: "update", requirementId: s(f.requirement), status: "todo", result: "", ownerUserId: "", evidenceUrl: "" }),
    fields: { requirementId: bad.id(), ...requirementFields },
    cases: [
      { label: "unknown requirement", set: () => ({ requirementId: unknown }), field: "requirementId" },
      { label: "unknown owner", set: () => ({ ownerUserId: unknown }), field: "ownerUserId" },
      viewerForbidden,
      unknownIntent,
    ],
  },
  {
    form: "governance.compliance#create",
    module: () => import("~/routes/governance.compliance"),
    as: "ceo",
    url: () => "/governance/compliance",
    valid: (f) => ({
      intent: "create",
      frameworkId: s(f.framework),
      ref: "MAL-NEW",
      title: "Malformed new requirement",
      status: "todo",
      result: "",
      ownerUserId: "",
      evidenceUrl: "",
    }),
    fields: { frameworkId: bad.id(), ref: bad.text(40), title: bad.text(300, { min: 3 }), ...requirementFields },
    cases: [
      { label: "unknown framework", set: () => ({ frameworkId: unknown }), field: "frameworkId" },
      { label: "ref already in the framework", set: (f) => ({ ref: f.existingRef }), field: "ref" },
      { label: "unknown owner", set: () => ({ ownerUserId: unknown }), field: "ownerUserId" },
    ],
  },
  {
    form: "governance.gates._index#*",
    module: () => import("~/routes/governance.gates._index"),
    as: "ceo",
    url: () => "/governance/gates?index",
    valid: () => ({
      intent: "create",
      name: "Malformed gate",
      description: "",
      dueDate: "2027-01-01",
      metric_0: "finance.customers",
      operator_0: ">=",
      threshold_0: "15",
    }),
    fields: gateFields,
    cases: [{ label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 }],
  },
  {
    form: "governance.gates.$gateId#*",
    module: () => import("~/routes/governance.gates.$gateId"),
    as: "ceo",
    url: (f) => `/governance/gates/${f.gate}`,
    params: (f) => ({ gateId: s(f.gate) }),
    valid: () => ({
      intent: "update",
      name: "Malformed gate fixture",
      description: "",
      dueDate: "2027-01-31",
      metric_0: "finance.customers",
      operator_0: ">=",
      threshold_0: "10",
    }),
    fields: sample(gateFields),
    cases: [
      { label: "unknown gate", params: () => ({ gateId: unknown }), set: () => ({}), status: 404 },
      { label: "gate id not a number", params: () => ({ gateId: "1e1" }), set: () => ({}), status: 404 },
      { label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 },
    ],
  },
  {
    form: "governance.gates.$gateId#delete",
    module: () => import("~/routes/governance.gates.$gateId"),
    as: "ceo",
    url: (f) => `/governance/gates/${f.gate}`,
    params: (f) => ({ gateId: s(f.gate) }),
    valid: () => ({ intent: "delete" }),
    fields: {},
    cases: [
      { label: "unknown gate", params: () => ({ gateId: unknown }), set: () => ({}), status: 404 },
      { label: "gate id not a number", params: () => ({ gateId: "abc" }), set: () => ({}), status: 404 },
      { label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 },
    ],
  },
  {
    form: "governance.maturity#*",
    module: () => import("~/routes/governance.maturity"),
    as: "cto",
    url: () => "/governance/maturity",
    valid: () => ({
      intent: "assess",
      assessedOn: "2025-01-15",
      score_process: "3",
      note_process: "",
      score_documentation: "3",
      note_documentation: "",
      score_governance: "3",
      note_governance: "",
      score_controls: "3",
      note_controls: "",
      score_audit: "3",
      note_audit: "",
    }),
    fields: {
      assessedOn: bad.date(),
      score_process: bad.int(1, 5),
      ...sample({ score_documentation: bad.int(1, 5), score_governance: bad.int(1, 5), score_controls: bad.int(1, 5), score_audit: bad.int(1, 5) }),
      note_process: bad.text(500, { required: false }),
      note_audit: bad.text(500, { required: false }),
    },
    cases: [viewerForbidden, { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 }],
  },
  // ---------------------------------------------------------------- hiring
  {
    form: "hiring._index#*",
    module: () => import("~/routes/hiring._index"),
    as: "cto",
    url: () => "/hiring?index",
    valid: (f) => ({ intent: "status", requisitionId: s(f.coreRequisition), expected: "planned", change: "next" }),
    fields: { requisitionId: bad.id(), change: bad.oneOf("next"), expected: bad.oneOf("planned", { required: false }) },
    cases: [
      { label: "unknown requisition", set: () => ({ requisitionId: unknown }), formError: true },
      { label: "stale expected status", set: () => ({ expected: "offer" }), formError: true },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
      unknownIntent,
    ],
  },
  {
    form: "hiring.new#*",
    module: () => import("~/routes/hiring.new"),
    as: "cto",
    url: () => "/hiring/new",
    valid: (f) => ({
      title: "Malformed hire",
      teamId: s(f.core),
      profile: "",
      priority: "P1",
      targetStartMonth: "2027-01",
      annualSalary: "60000",
      source: "",
      objectiveId: "",
      status: "planned",
    }),
    fields: { ...requisitionFields, annualSalary: [...bad.money({ nonNegative: true }), bad.extra("zero", "0"), bad.extra("above 10 M€", "10000000.01")] },
    cases: [
      { label: "unknown team", set: () => ({ teamId: unknown }), field: "teamId" },
      { label: "unknown objective", set: () => ({ objectiveId: unknown }), field: "objectiveId" },
      { label: "a lead proposes for another team", as: "lead", set: (f) => ({ teamId: s(f.otherTeam) }), status: 403 },
      viewerForbidden,
    ],
  },
  {
    form: "hiring.$requisitionId#*",
    module: () => import("~/routes/hiring.$requisitionId"),
    as: "ceo",
    url: (f) => `/hiring/${f.coreRequisition}`,
    params: (f) => ({ requisitionId: s(f.coreRequisition) }),
    valid: (f) => ({
      title: "Malformed: Core hire",
      teamId: s(f.core),
      profile: "",
      priority: "P1",
      targetStartMonth: "2027-03",
      annualSalary: "",
      source: "",
      objectiveId: "",
      status: "planned",
    }),
    fields: sample({ ...requisitionFields, annualSalary: bad.money({ required: false, nonNegative: true }) }),
    cases: [
      { label: "unknown team", set: () => ({ teamId: unknown }), field: "teamId" },
      { label: "unknown objective", set: () => ({ objectiveId: unknown }), field: "objectiveId" },
      { label: "unknown requisition", params: () => ({ requisitionId: unknown }), set: () => ({}), status: 404 },
      {
        label: "a lead edits another team's requisition",
        as: "lead",
        params: (f) => ({ requisitionId: s(f.otherRequisition) }),
        set: (f) => ({ teamId: s(f.otherTeam) }),
        status: 403,
      },
    ],
  },
  {
    form: "hiring.employees_.new#*",
    module: () => import("~/routes/hiring.employees_.new"),
    as: "ceo",
    url: () => "/hiring/employees/new",
    valid: () => ({ name: "Malformed Employee", teamId: "", title: "Engineer", startDate: "2026-01-05", endDate: "", annualSalary: "50000" }),
    fields: {
      name: bad.text(160),
      teamId: bad.id({ required: false }),
      title: bad.text(160),
      startDate: bad.date(),
      endDate: bad.date({ required: false }),
      annualSalary: [...bad.money({ nonNegative: true }), bad.extra("zero", "0")],
    },
    cases: [
      { label: "unknown team", set: () => ({ teamId: unknown }), field: "teamId" },
      { label: "end before start", set: () => ({ endDate: "2025-12-31" }), field: "endDate" },
      { label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 },
    ],
  },
  // ---------------------------------------------------------------- KPIs
  {
    form: "kpis._index#create-kpi",
    module: () => import("~/routes/kpis._index"),
    as: "lead",
    url: () => "/kpis?index",
    valid: () => ({
      intent: "create-kpi",
      key: "malformed_new_kpi",
      name: "Malformed new KPI",
      unit: "",
      direction: "higher",
      category: "product",
      source: "manual",
      description: "",
    }),
    fields: kpiFields,
    cases: [{ label: "key already used", set: () => ({ key: "nps" }), field: "key" }, viewerForbidden, unknownIntent],
  },
  {
    form: "kpis._index#import",
    module: () => import("~/routes/kpis._index"),
    as: "cto",
    url: () => "/kpis?index",
    valid: () => ({ intent: "import", csv: "kpi_key,measured_on,value,note\nnps,2025-02-01,40,\n" }),
    fields: {
      csv: [
        bad.extra("missing", MISSING),
        bad.extra("empty", ""),
        bad.extra("not CSV", "garbage"),
        bad.extra("unknown KPI key", "kpi_key,measured_on,value,note\nno_such_kpi,2025-02-01,1,\n"),
        bad.extra("a bad value", "kpi_key,measured_on,value,note\nnps,2025-02-01,1e1,\n"),
        bad.extra("a bad date", "kpi_key,measured_on,value,note\nnps,2025-02-30,1,\n"),
        bad.extra("one good row, one bad row", "kpi_key,measured_on,value,note\nnps,2025-02-01,40,\nnps,2999-01-01,41,\n"),
      ],
    },
  },
  {
    form: "kpis.$kpiId#update-kpi",
    module: () => import("~/routes/kpis.$kpiId"),
    as: "cto",
    url: (f) => `/kpis/${f.kpi}`,
    params: (f) => ({ kpiId: s(f.kpi) }),
    valid: () => ({
      intent: "update-kpi",
      key: "malformed_kpi_fixture",
      name: "Malformed KPI fixture",
      unit: "",
      direction: "higher",
      category: "product",
      source: "manual",
      description: "",
    }),
    fields: sample(kpiFields),
    cases: [
      { label: "another KPI's key", set: () => ({ key: "nps" }), field: "key" },
      { label: "unknown KPI", params: () => ({ kpiId: unknown }), set: () => ({}), status: 404 },
      viewerForbidden,
      unknownIntent,
    ],
  },
  {
    form: "kpis.$kpiId#target",
    module: () => import("~/routes/kpis.$kpiId"),
    as: "ceo",
    url: (f) => `/kpis/${f.kpi}`,
    params: (f) => ({ kpiId: s(f.kpi) }),
    valid: (f) => ({ intent: "target", cycleId: s(f.openCycle), target: "42" }),
    fields: { cycleId: bad.id(), target: bad.decimal({ required: false }) },
    cases: [{ label: "unknown cycle", set: () => ({ cycleId: unknown }), field: "cycleId" }],
  },
  {
    form: "kpis.$kpiId#measure",
    module: () => import("~/routes/kpis.$kpiId"),
    as: "lead",
    url: (f) => `/kpis/${f.kpi}`,
    params: (f) => ({ kpiId: s(f.kpi) }),
    valid: () => ({ intent: "measure", measuredOn: "2025-04-01", value: "12", note: "" }),
    fields: { measuredOn: bad.date({ past: true }), value: bad.decimal(), note: bad.text(500, { required: false }) },
    cases: [viewerForbidden],
  },
  {
    form: "kpis.$kpiId#delete-measurement",
    module: () => import("~/routes/kpis.$kpiId"),
    as: "ceo",
    url: (f) => `/kpis/${f.kpi}`,
    params: (f) => ({ kpiId: s(f.kpi) }),
    valid: (f) => ({ intent: "delete-measurement", measurementId: s(f.measurement) }),
    fields: { measurementId: bad.id() },
    cases: [
      { label: "unknown measurement", set: () => ({ measurementId: unknown }), field: "measurementId" },
      { label: "another KPI's measurement", set: (f) => ({ measurementId: s(f.otherMeasurement) }), field: "measurementId" },
    ],
  },
  // ---------------------------------------------------------------- OKRs
  {
    form: "okrs._index#create-cycle",
    module: () => import("~/routes/okrs._index"),
    as: "ceo",
    url: () => "/okrs?index",
    valid: () => ({ intent: "create-cycle", name: "Malformed cycle", startDate: "2032-01-01", endDate: "2032-03-31" }),
    fields: { name: bad.text(40), startDate: bad.date(), endDate: bad.date() },
    cases: [
      { label: "end before start", set: () => ({ endDate: "2031-12-31" }), field: "endDate" },
      { label: "name already used", set: () => ({ name: "Malformed cycle to close" }), field: "name" },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
      viewerForbidden,
      unknownIntent,
    ],
  },
  {
    form: "okrs._index#close-cycle",
    module: () => import("~/routes/okrs._index"),
    as: "ceo",
    url: () => "/okrs?index",
    valid: (f) => ({ intent: "close-cycle", cycleId: s(f.cycleToClose) }),
    fields: { cycleId: bad.id() },
    cases: [
      { label: "unknown cycle", set: () => ({ cycleId: unknown }), field: "cycleId" },
      { label: "a closed cycle", set: (f) => ({ cycleId: s(f.closedCycle) }), formError: true },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
    ],
  },
  {
    form: "okrs._index#create-objective",
    module: () => import("~/routes/okrs._index"),
    as: "lead",
    url: () => "/okrs?index",
    valid: (f) => ({
      intent: "create-objective",
      cycleId: s(f.openCycle),
      title: "Malformed new objective",
      teamId: s(f.core),
      ownerUserId: "",
      parentId: "",
      description: "",
    }),
    fields: { cycleId: bad.id(), ...objectiveFields, teamId: bad.id({ required: false }).filter((b) => b.label !== "missing" && b.label !== "empty") },
    cases: [
      { label: "unknown cycle", set: () => ({ cycleId: unknown }), field: "cycleId" },
      { label: "a closed cycle", set: (f) => ({ cycleId: s(f.closedCycle) }), field: "cycleId", formError: true },
      { label: "another team (lead)", set: (f) => ({ teamId: s(f.otherTeam) }), status: 403 },
      { label: "company-level (lead)", set: () => ({ teamId: "" }), status: 403 },
      { label: "unknown team (CEO)", as: "ceo", set: () => ({ teamId: unknown }), field: "teamId" },
      { label: "unknown owner", set: () => ({ ownerUserId: unknown }), field: "ownerUserId" },
      { label: "unknown parent", set: () => ({ parentId: unknown }), field: "parentId" },
      viewerForbidden,
    ],
  },
  {
    form: "okrs.$objectiveId#update-objective",
    module: () => import("~/routes/okrs.$objectiveId"),
    as: "lead",
    url: (f) => `/okrs/${f.coreObjective}`,
    params: (f) => ({ objectiveId: s(f.coreObjective) }),
    valid: (f) => ({ intent: "update-objective", title: "Malformed: Core objective", teamId: s(f.core), ownerUserId: "", parentId: "", description: "" }),
    fields: { ...objectiveFields, teamId: bad.id({ required: false }).filter((b) => b.label !== "missing" && b.label !== "empty") },
    cases: [
      { label: "moved to another team (lead)", set: (f) => ({ teamId: s(f.otherTeam) }), status: 403 },
      { label: "unknown team (CEO)", as: "ceo", set: () => ({ teamId: unknown }), field: "teamId" },
      { label: "unknown owner", set: () => ({ ownerUserId: unknown }), field: "ownerUserId" },
      { label: "unknown parent", set: () => ({ parentId: unknown }), field: "parentId" },
      { label: "itself as parent", set: (f) => ({ parentId: s(f.coreObjective) }), field: "parentId" },
      {
        label: "another team's objective (lead)",
        params: (f) => ({ objectiveId: s(f.otherObjective) }),
        set: (f) => ({ teamId: s(f.otherTeam) }),
        status: 403,
      },
      { label: "unknown objective", params: () => ({ objectiveId: unknown }), set: () => ({}), status: 404 },
      viewerForbidden,
      unknownIntent,
    ],
  },
  {
    form: "okrs.$objectiveId#create-kr",
    module: () => import("~/routes/okrs.$objectiveId"),
    as: "lead",
    url: (f) => `/okrs/${f.coreObjective}`,
    params: (f) => ({ objectiveId: s(f.coreObjective) }),
    valid: () => ({
      intent: "create-kr",
      title: "Malformed new KR",
      kind: "number",
      startValue: "0",
      targetValue: "10",
      unit: "",
      weight: "1",
      ownerUserId: "",
    }),
    fields: krFields,
    cases: [
      { label: "percent target above 100", set: () => ({ kind: "percent", targetValue: "150" }), field: "targetValue" },
      { label: "percent start below 0", set: () => ({ kind: "percent", startValue: "-20" }), field: "startValue" },
      { label: "currency with 3 decimals", set: () => ({ kind: "currency", targetValue: "10.123" }), field: "targetValue" },
      { label: "unknown owner", set: () => ({ ownerUserId: unknown }), field: "ownerUserId" },
      { label: "another team's objective (lead)", params: (f) => ({ objectiveId: s(f.otherObjective) }), set: () => ({}), status: 403 },
    ],
  },
  {
    form: "okrs.$objectiveId#update-kr",
    module: () => import("~/routes/okrs.$objectiveId"),
    as: "lead",
    url: (f) => `/okrs/${f.coreObjective}`,
    params: (f) => ({ objectiveId: s(f.coreObjective) }),
    valid: (f) => ({
      intent: "update-kr",
      keyResultId: s(f.kr),
      title: "Malformed: KR",
      kind: "number",
      startValue: "0",
      targetValue: "10",
      unit: "",
      weight: "1",
      ownerUserId: "",
    }),
    fields: sample(krFields),
    cases: [
      { label: "unknown owner", set: () => ({ ownerUserId: unknown }), field: "ownerUserId" },
      { label: "unknown key result", set: () => ({ keyResultId: unknown }), status: 404 },
      { label: "key result id not a number", set: () => ({ keyResultId: "abc" }), status: 404 },
      { label: "key result missing", set: () => ({ keyResultId: MISSING }), status: 404 },
      { label: "a key result of another objective", set: (f) => ({ keyResultId: s(f.otherKr) }), status: 404 },
    ],
  },
  ...(["archive-kr", "restore-kr", "carry-over"] as const).map((intent): FormTable => ({
    form: `okrs.$objectiveId#${intent}`,
    module: () => import("~/routes/okrs.$objectiveId"),
    as: "lead",
    url: (f) => `/okrs/${f.coreObjective}`,
    params: (f) => ({ objectiveId: s(f.coreObjective) }),
    valid: (f) => ({ intent, keyResultId: s(f.kr) }),
    fields: {},
    cases: [
      { label: "unknown key result", set: () => ({ keyResultId: unknown }), status: 404 },
      { label: "key result id not a number", set: () => ({ keyResultId: "1e1" }), status: 404 },
      { label: "key result missing", set: () => ({ keyResultId: MISSING }), status: 404 },
      { label: "a key result of another objective", set: (f) => ({ keyResultId: s(f.otherKr) }), status: 404 },
      viewerForbidden,
    ],
  })),
  ...(["archive-objective", "restore-objective"] as const).map((intent): FormTable => ({
    form: `okrs.$objectiveId#${intent}`,
    module: () => import("~/routes/okrs.$objectiveId"),
    as: "lead",
    url: (f) => `/okrs/${f.coreObjective}`,
    params: (f) => ({ objectiveId: s(f.coreObjective) }),
    valid: () => ({ intent }),
    fields: {},
    cases: [
      { label: "unknown objective", params: () => ({ objectiveId: unknown }), set: () => ({}), status: 404 },
      { label: "objective id not a number", params: () => ({ objectiveId: "0x5" }), set: () => ({}), status: 404 },
      { label: "another team's objective (lead)", params: (f) => ({ objectiveId: s(f.otherObjective) }), set: () => ({}), status: 403 },
      viewerForbidden,
    ],
  })),
  {
    form: "okrs.kr.$keyResultId#checkin",
    module: () => import("~/routes/okrs.kr.$keyResultId"),
    as: "lead",
    url: (f) => `/okrs/kr/${f.kr}`,
    params: (f) => ({ keyResultId: s(f.kr) }),
    valid: (f) => ({ intent: "checkin", keyResultId: s(f.kr), value: "5", confidence: "7", note: "" }),
    fields: checkinFields,
    cases: checkinCases,
  },
  {
    form: "okrs.mine#checkin",
    module: () => import("~/routes/okrs.mine"),
    as: "lead",
    url: () => "/okrs/mine",
    valid: (f) => ({ intent: "checkin", keyResultId: s(f.kr), value: "5", confidence: "7", note: "" }),
    fields: sample(checkinFields),
    cases: checkinCases,
  },
  {
    // the inbox's inline check-in: the same handler, and a linked KR takes no value
    form: "inbox#checkin",
    module: () => import("~/routes/inbox"),
    as: "lead",
    url: () => "/inbox",
    valid: (f) => ({ intent: "checkin", keyResultId: s(f.kr), value: "5", confidence: "7", note: "" }),
    fields: sample(checkinFields),
    cases: [
      ...checkinCases,
      { label: "a value on a linked KR", set: (f) => ({ keyResultId: s(f.linkedKr), value: "12" }), field: "value" },
      { label: "confidence missing on a linked KR", set: (f) => ({ keyResultId: s(f.linkedKr), value: MISSING, confidence: MISSING }), field: "confidence" },
    ],
  },
  // ---------------------------------------------------------------- risks
  {
    form: "risks.new#*",
    module: () => import("~/routes/risks.new"),
    as: "cto",
    url: () => "/risks/new",
    valid: () => ({
      intent: "risk",
      title: "Malformed new risk",
      description: "",
      category: "technical",
      ownerUserId: "",
      inherentLikelihood: "3",
      inherentImpact: "3",
      residualLikelihood: "2",
      residualImpact: "3",
      treatment: "mitigate",
      nextReviewDate: "",
      status: "open",
      mitigationPlan: "",
    }),
    fields: { ...riskFields, status: bad.oneOf("open", { required: false }) },
    cases: [{ label: "unknown owner", set: () => ({ ownerUserId: unknown }), field: "ownerUserId" }, viewerForbidden],
  },
  {
    form: "risks.$riskId#status",
    module: () => import("~/routes/risks.$riskId"),
    as: "cto",
    url: (f) => `/risks/${f.risk}`,
    params: (f) => ({ riskId: s(f.risk) }),
    valid: () => ({ intent: "status", status: "monitoring" }),
    fields: { status: bad.oneOf("monitoring") },
    cases: [
      { label: "unknown risk", params: () => ({ riskId: unknown }), set: () => ({}), status: 404 },
      { label: "risk id not a number", params: () => ({ riskId: "abc" }), set: () => ({}), status: 404 },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
      unknownIntent,
    ],
  },
  {
    form: "risks.$riskId#update",
    module: () => import("~/routes/risks.$riskId"),
    as: "ceo",
    url: (f) => `/risks/${f.risk}`,
    params: (f) => ({ riskId: s(f.risk) }),
    valid: () => ({
      intent: "update",
      title: "Malformed risk fixture",
      description: "",
      category: "technical",
      ownerUserId: "",
      inherentLikelihood: "3",
      inherentImpact: "3",
      residualLikelihood: "2",
      residualImpact: "3",
      treatment: "mitigate",
      nextReviewDate: "",
      status: "open",
      mitigationPlan: "",
    }),
    fields: sample({ ...riskFields, status: bad.oneOf("open") }),
    cases: [
      { label: "unknown owner", set: () => ({ ownerUserId: unknown }), field: "ownerUserId" },
      { label: "unknown risk", params: () => ({ riskId: unknown }), set: () => ({}), status: 404 },
    ],
  },
  {
    form: "risks.rules#*",
    module: () => import("~/routes/risks.rules"),
    as: "cto",
    url: () => "/risks/rules",
    valid: (f) => ({ intent: "rule", ruleId: s(f.rule), threshold: "12", enabled: "on" }),
    fields: { ruleId: bad.id(), threshold: bad.decimal({ min: 0, max: 120 }), enabled: bad.checkbox() },
    cases: [
      { label: "unknown rule", set: () => ({ ruleId: unknown }), field: "ruleId" },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
    ],
  },
  {
    form: "targets#set",
    module: () => import("~/routes/targets"),
    as: "cto",
    url: () => "/targets",
    valid: () => ({ intent: "set", metricId: "delivery.deploys_per_day", cycleId: "", comparison: ">=", value: "40", note: "" }),
    fields: {
      metricId: bad.oneOf("delivery.deploys_per_day"),
      cycleId: bad.id({ required: false }),
      comparison: bad.oneOf(">=").filter((b) => b.label !== "upper case"), // ">=" has no upper case
      value: bad.decimal(),
      note: bad.text(500, { required: false }),
    },
    cases: [
      { label: "a finance metric (the CTO sets delivery targets only)", set: () => ({ metricId: "finance.burn_multiple" }), field: "metricId" },
      { label: "unknown cycle", set: () => ({ cycleId: unknown }), field: "cycleId" },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
    ],
  },
  {
    form: "targets#delete",
    module: () => import("~/routes/targets"),
    as: "cto",
    url: () => "/targets",
    valid: (f) => ({ intent: "delete", id: s(f.target) }),
    fields: { id: bad.id() },
    cases: [
      { label: "unknown target", set: () => ({ id: unknown }), field: "id" },
      { label: "a lead posts it", as: "lead", set: () => ({}), status: 403 },
    ],
  },
  // ---------------------------------------------------------------- board pack (comment before publish: a published pack takes no commentary)
  {
    form: "reports.board.$month#comment",
    module: () => import("~/routes/reports.board.$month"),
    as: "ceo",
    url: (f) => `/reports/board/${f.packMonth}`,
    params: (f) => ({ month: f.packMonth }),
    valid: () => ({ intent: "comment", section: "cash", text: "Commentary" }),
    fields: {
      section: bad.oneOf("cash"),
      text: [bad.extra("missing", MISSING), ...bad.text(4000, { required: false })],
    },
    cases: [
      { label: "a month that is not the latest closed one", params: () => ({ month: "2001-01" }), set: () => ({}), field: "intent" },
      { label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 },
      viewerForbidden,
      unknownIntent,
    ],
  },
  {
    form: "reports.board.$month#publish",
    module: () => import("~/routes/reports.board.$month"),
    as: "ceo",
    url: (f) => `/reports/board/${f.packMonth}`,
    params: (f) => ({ month: f.packMonth }),
    valid: () => ({ intent: "publish", confirm: "yes" }),
    fields: {
      confirm: [
        bad.extra("missing (unticked)", MISSING),
        bad.extra("another value", "on"),
        bad.extra("<script>", bad.SCRIPT),
        bad.extra("duplicate field (yes, yes)", ["yes", "yes"]),
      ],
    },
    cases: [{ label: "the CTO posts it", as: "cto", set: () => ({}), status: 403 }, viewerForbidden],
  },
  // ---------------------------------------------------------------- session
  {
    form: "login#*",
    module: () => import("~/routes/login"),
    as: "viewer",
    url: () => "/login",
    valid: () => ({ email: "viewer@innovatech.test", password: "innovatech-demo", redirectTo: "/" }),
    secret: ["password"],
    fields: {
      email: bad.email(),
      password: [
        bad.extra("missing", MISSING),
        bad.extra("empty", ""),
        bad.extra("1025 characters", "x".repeat(1025)),
        bad.extra("10k characters", bad.LONG),
        bad.extra("duplicate field", ["a", "b"]),
      ],
    },
  },
  {
    form: "resources.theme#*",
    module: () => import("~/routes/resources.theme"),
    as: "viewer",
    url: () => "/resources/theme",
    valid: () => ({ theme: "dark", redirectTo: "/" }),
    fields: { theme: bad.oneOf("dark") },
  },
];

/** File imports: the reply lists row errors ({row, field, message}) instead of per-field messages. */
type ImportTable = {
  form: string;
  module: () => Promise<{ action: Action }>;
  as: Role;
  url: string;
  base: Record<string, string>;
  fileField: string;
  files: { label: string; file?: File; fields?: Record<string, string | undefined>; status?: number }[];
};

const csvFile = (text: string, name = "x.csv") => new File([text], name, { type: "text/csv" });

const IMPORT_TABLES: ImportTable[] = [
  {
    form: "governance.compliance#import",
    module: () => import("~/routes/governance.compliance"),
    as: "ceo",
    url: "/governance/compliance",
    base: { intent: "import" },
    fileField: "file",
    files: [
      { label: "no file chosen (empty part)", file: new File([], "", { type: "application/octet-stream" }) },
      { label: "unknown framework", file: csvFile("framework,ref,title,status,result,owner,evidence_url\nNope,X-1,Something,todo,,,\n") },
      { label: "bad status", file: csvFile("framework,ref,title,status,result,owner,evidence_url\nGDPR,X-1,Something,finished,,,\n") },
      { label: "wrong header", file: csvFile("a,b,c\n1,2,3\n") },
    ],
  },
  {
    form: "import#*",
    module: () => import("~/routes/import"),
    as: "ceo",
    url: "/import",
    base: { kind: "employees" },
    fileField: "file",
    files: [
      { label: "no file chosen (empty part)", file: new File([], "", { type: "application/octet-stream" }) },
      { label: "unknown team", file: csvFile("id,name,team,title,start_date,end_date,annual_salary\n,X,Nowhere,Eng,2024-01-01,,1000\n") },
      { label: "impossible date", file: csvFile("id,name,team,title,start_date,end_date,annual_salary\n,X,,Eng,2024-02-30,,1000\n") },
      { label: "wrong header", file: csvFile("a,b,c\n1,2,3\n") },
    ],
  },
  {
    form: "import#*",
    module: () => import("~/routes/import"),
    as: "lead",
    url: "/import",
    base: { kind: "roadmap" },
    fileField: "file",
    files: [
      { label: "no file chosen (empty part)", file: new File([], "", { type: "application/octet-stream" }) },
      {
        label: "another squad's row",
        file: csvFile("key,title,team,quarter,sprint,status,owner_email,key_result_ids\nPAY-77,x,Payments,2027-Q1,,planned,,\n"),
      },
      {
        label: "unknown owner",
        file: csvFile("key,title,team,quarter,sprint,status,owner_email,key_result_ids\nCORE-78,x,Core,2027-Q1,,planned,nobody@x.test,\n"),
      },
      { label: "bad status", file: csvFile("key,title,team,quarter,sprint,status,owner_email,key_result_ids\nCORE-78,x,Core,2027-Q1,,finished,,\n") },
      {
        label: "key twice",
        file: csvFile(
          "key,title,team,quarter,sprint,status,owner_email,key_result_ids\nCORE-78,x,Core,2027-Q1,,planned,,\ncore-78,y,Core,2027-Q1,,planned,,\n",
        ),
      },
      {
        label: "unknown key result",
        file: csvFile("key,title,team,quarter,sprint,status,owner_email,key_result_ids\nCORE-78,x,Core,2027-Q1,,planned,,999999\n"),
      },
      { label: "wrong header", file: csvFile("a,b,c\n1,2,3\n") },
    ],
  },
  {
    form: "budgets#import",
    module: () => import("~/routes/budgets"),
    as: "ceo",
    url: "/budgets",
    base: { intent: "import" },
    fileField: "file",
    files: [
      { label: "no file chosen (empty part)", file: new File([], "", { type: "application/octet-stream" }) },
      { label: "unknown category", file: csvFile("month,category,planned,actual\n2030-01,No such category,1000,\n") },
      { label: "bad month", file: csvFile("month,category,planned,actual\n2030-13,Marketing,1000,\n") },
      { label: "year 2999", file: csvFile("month,category,planned,actual\n2999-01,Marketing,1000,\n") },
      { label: "exponent amount", file: csvFile("month,category,planned,actual\n2030-01,Marketing,1e3,\n") },
      { label: "negative amount", file: csvFile("month,category,planned,actual\n2030-01,Marketing,-5,\n") },
      { label: "one good row and one bad row", file: csvFile("month,category,planned,actual\n2030-01,Marketing,10,\n2030-02,Marketing,abc,\n") },
      { label: "wrong header", file: csvFile("a,b,c\n1,2,3\n") },
      { label: "binary", file: new File([new Uint8Array([0, 159, 146, 150, 255, 0, 1])], "x.bin") },
    ],
  },
  {
    form: "finance.snapshots#import",
    module: () => import("~/routes/finance.snapshots"),
    as: "ceo",
    url: "/finance/snapshots",
    base: { intent: "import" },
    fileField: "file",
    files: [
      { label: "no file chosen (empty part)", file: new File([], "", { type: "application/octet-stream" }) },
      { label: "bad month", file: csvFile("month,cash,revenue,mrr,customers,new_customers,churned_customers,financing\n2030-13,1,1,1,1,0,0,\n") },
      { label: "exponent count", file: csvFile("month,cash,revenue,mrr,customers,new_customers,churned_customers,financing\n2030-01,1,1,1,1e1,0,0,\n") },
      { label: "hex amount", file: csvFile("month,cash,revenue,mrr,customers,new_customers,churned_customers,financing\n2030-01,0x5,1,1,1,0,0,\n") },
      {
        label: "one good row and one bad row",
        file: csvFile("month,cash,revenue,mrr,customers,new_customers,churned_customers,financing\n2030-01,1,1,1,1,0,0,\n2030-02,1,-1,1,1,0,0,\n"),
      },
      { label: "wrong header", file: csvFile("a,b\n1,2\n") },
    ],
  },
  {
    form: "delivery.import#*",
    module: () => import("~/routes/delivery.import"),
    as: "cto",
    url: "/delivery/import",
    base: { kind: "deployments" },
    fileField: "file",
    files: [
      { label: "nothing chosen, nothing pasted", file: new File([], "", { type: "application/octet-stream" }) },
      {
        label: "kind missing",
        fields: { kind: undefined },
        file: csvFile(
          "external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback\nk1,api-gateway,production,success,,2025-01-01T10:00:00Z,,,\n",
        ),
      },
      {
        label: "kind unknown",
        fields: { kind: "releases" },
        file: csvFile(
          "external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback\nk2,api-gateway,production,success,,2025-01-01T10:00:00Z,,,\n",
        ),
      },
      {
        label: "incidents pasted with a bad severity",
        fields: {
          kind: "incidents",
          csv: "external_id,service,title,severity,started_at,resolved_at,caused_by_external_id\np1,api-gateway,Pasted,SEV9,2025-01-01T10:00:00Z,,\n",
        },
      },
      {
        label: "incidents pasted, resolved before started",
        fields: {
          kind: "incidents",
          csv: "external_id,service,title,severity,started_at,resolved_at,caused_by_external_id\np2,api-gateway,Pasted,SEV2,2025-01-01T10:00:00Z,2025-01-01T09:00:00Z,\n",
        },
      },
      {
        label: "incidents pasted, cause naming no deployment",
        fields: {
          kind: "incidents",
          csv: "external_id,service,title,severity,started_at,resolved_at,caused_by_external_id\np3,api-gateway,Pasted,SEV2,2025-01-01T10:00:00Z,,no-such-deploy\n",
        },
      },
      {
        label: "bad status",
        file: csvFile(
          "external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback\nx1,api-gateway,production,maybe,,2025-01-01T10:00:00Z,,,\n",
        ),
      },
      {
        label: "time without a zone",
        file: csvFile(
          "external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback\nx2,api-gateway,production,success,,2025-01-01T10:00:00,,,\n",
        ),
      },
      {
        label: "year 2999",
        file: csvFile(
          "external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback\nx3,api-gateway,production,success,,2999-01-01T10:00:00Z,,,\n",
        ),
      },
      {
        label: "one good row and one bad row",
        file: csvFile(
          "external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback\nx4,api-gateway,production,success,,2025-01-01T10:00:00Z,,,\nx5,api-gateway,production,success,,not-a-time,,,\n",
        ),
      },
      { label: "wrong header", file: csvFile("a,b\n1,2\n") },
    ],
  },
];

/**
 * Cases that fail today because of issue-9 items being fixed on main by the lead (foreign keys reached
 * with unknown ids; lenient numbers and dates). `it.fails` until then: flip them when the fix lands.
 */
const KNOWN_FAILURES = new Set<string>([]);

// ------------------------------------------------------------------------------------------------

beforeAll(async () => {
  w = await demoWorld();
  fx = makeFixtures(w);
}, 60_000);
afterAll(() => w?.cleanup());

type Resolved = {
  status: number;
  field: string;
  formError: boolean;
  as: Role;
  params?: (fx: Fx) => Record<string, string>;
  set: (fx: Fx) => Record<string, BadValue>;
};

function casesOf(t: FormTable): { name: string; c: Resolved }[] {
  const out: { name: string; c: Resolved }[] = [];
  for (const [field, values] of Object.entries(t.fields)) {
    for (const v of values)
      out.push({ name: `${field}: ${v.label}`, c: { status: 400, field, formError: false, as: t.as, set: () => ({ [field]: v.value }) } });
  }
  for (const c of t.cases ?? []) {
    const changed = c.field ?? "";
    out.push({ name: c.label, c: { status: c.status ?? 400, field: changed, formError: !!c.formError, as: c.as ?? t.as, params: c.params, set: c.set } });
  }
  return out;
}

function bodyOf(t: FormTable, set: Record<string, BadValue>): Fields {
  const body: [string, string][] = [];
  const valid = t.valid(fx);
  const keys = [...new Set([...Object.keys(valid), ...Object.keys(set)])];
  for (const k of keys) {
    const v = k in set ? set[k] : valid[k];
    if (v === MISSING || v === undefined) continue;
    for (const one of Array.isArray(v) ? v : [v]) body.push([k, one]);
  }
  return body;
}

/** Runs one post inside a transaction that is rolled back; reports what it wrote before the rollback. */
async function isolated(fn: () => Promise<ActionResult>) {
  const client = w.db.$client;
  client.exec("BEGIN");
  try {
    const probe = writeProbe(w.db);
    let result: ActionResult | null = null;
    let error: unknown = null;
    try {
      result = await fn();
    } catch (e) {
      error = e;
    }
    return { result, error, writes: probe.diff() };
  } finally {
    if (client.inTransaction) client.exec("ROLLBACK");
  }
}

function post(t: FormTable, as: Role, params: Record<string, string> | undefined, body: Fields) {
  return async () => {
    const { action } = await t.module();
    const url = t.url(fx);
    const request = t.multipart
      ? multipartRequest(url, Object.fromEntries((body as [string, string][]).map(([k, v]) => [k, v])), { cookie: w.cookies[as] })
      : formRequest(url, body, { cookie: w.cookies[as] });
    return callAction(action as never, request, params);
  };
}

type Reply = { status?: string; fieldErrors?: Record<string, string[]>; formErrors?: string[]; values?: Record<string, string>; message?: string };

let caseCount = 0;
const caseIds = new Set<string>();

for (const t of TABLES) {
  describe(t.form, () => {
    it("the valid body succeeds (the baseline every bad value is measured against)", async () => {
      const run = await isolated(post(t, t.as, t.params?.(fx), bodyOf(t, {})));
      if (run.error) throw run.error;
      expect(run.result!.status, JSON.stringify(run.result!.body).slice(0, 300)).toBeLessThan(400);
    });

    for (const { name, c } of casesOf(t)) {
      caseCount++;
      const id = `${t.form} ${name}`;
      caseIds.add(id);
      const test = KNOWN_FAILURES.has(id) ? it.fails : it;
      test(name, async () => {
        const set = c.set(fx);
        const body = bodyOf(t, set);
        const run = await isolated(post(t, c.as, c.params ? c.params(fx) : t.params?.(fx), body));
        // never a 5xx: an exception escaping the action is a 500 in production
        if (run.error) throw new Error(`5xx: the action threw ${String(run.error)}`, { cause: run.error });
        const { status } = run.result!;
        const reply = (run.result!.body ?? {}) as Reply;
        expect(status, `status (reply ${JSON.stringify(reply).slice(0, 400)})`).toBe(c.status);
        expect(run.writes, "nothing written").toEqual({ tables: {}, changedRows: 0 });
        if (c.status !== 400) return;
        // a message next to the field (or for the form, where the table says so)
        const fieldMessages = c.field ? (reply.fieldErrors?.[c.field] ?? []) : [];
        const formMessages = reply.formErrors ?? [];
        if (c.formError) expect(fieldMessages.length + formMessages.length, `a message (reply ${JSON.stringify(reply).slice(0, 300)})`).toBeGreaterThan(0);
        else expect(fieldMessages.length, `fieldErrors.${c.field} (reply ${JSON.stringify(reply).slice(0, 300)})`).toBeGreaterThan(0);
        for (const m of [...fieldMessages, ...formMessages]) expect(typeof m === "string" && m.trim().length > 0).toBe(true);
        // the user's input comes back, field by field (never a password)
        const values = reply.values ?? {};
        for (const [name, v] of Object.entries({ ...t.valid(fx), ...set })) {
          if (t.secret?.includes(name)) {
            expect(values[name], `${name} is never sent back`).toBeUndefined();
            continue;
          }
          if (v === MISSING || v === undefined) continue;
          const sent = Array.isArray(v) ? v.join(",") : v;
          expect(values[name], `values.${name}`).toBe(sent);
        }
      });
    }
  });
}

for (const t of IMPORT_TABLES) {
  describe(t.form, () => {
    for (const f of t.files) {
      caseCount++;
      const id = `${t.form} ${f.label}`;
      caseIds.add(id);
      const test = KNOWN_FAILURES.has(id) ? it.fails : it;
      test(f.label, async () => {
        const { action } = await t.module();
        const fields = { ...t.base, ...(f.file ? { [t.fileField]: f.file } : {}), ...f.fields };
        const run = await isolated(() => callAction(action as never, multipartRequest(t.url, fields, { cookie: w.cookies[t.as] })));
        if (run.error) throw new Error(`5xx: the action threw ${String(run.error)}`, { cause: run.error });
        const reply = run.result!.body as { errors?: { row: number; field: string; message: string }[]; fieldErrors?: Record<string, string[]> };
        expect(run.result!.status, JSON.stringify(reply).slice(0, 300)).toBe(f.status ?? 400);
        expect(run.writes, "nothing written").toEqual({ tables: {}, changedRows: 0 });
        const messages = [...(reply.errors ?? []).map((e) => e.message), ...Object.values(reply.fieldErrors ?? {}).flat()];
        expect(messages.length, "row errors listed").toBeGreaterThan(0);
        for (const m of messages) expect(m.trim()).not.toBe("");
      });
    }
  });
}

describe("the table", () => {
  it(`covers every form action and intent of the app (${TABLES.length + IMPORT_TABLES.length} tables)`, () => {
    const tabled = new Set([...TABLES.map((t) => t.form), ...IMPORT_TABLES.map((t) => t.form)]);
    // logout takes no input: nothing to malform
    // logout takes no input: nothing to malform; /setup is a 404 once a user exists (its bad input: tests/integration/setup.test.ts)
    const missing = allFormKeys().filter((k) => !tabled.has(k) && k !== "logout#*" && k !== "setup#*");
    expect(missing).toEqual([]);
  });

  it("has at least 300 malformed-input cases", () => {
    expect(caseCount).toBeGreaterThanOrEqual(300);
  });

  it("lists only existing cases as known failures", () => {
    expect([...KNOWN_FAILURES].filter((id) => !caseIds.has(id))).toEqual([]);
  });
});
