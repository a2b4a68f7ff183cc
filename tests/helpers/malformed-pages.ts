/** The pages, ids and field declarations several malformed-input tables share (tests/integration/forms-malformed/). */
import { sql } from "drizzle-orm";
import { date, decimal, id, int, link, listed, month, oneOf, text, type Declared, type Field } from "./bad-inputs";
import { MISSING, SCRIPT, type BadValue } from "./bad-values";
import type { Role } from "./demo-world";
import { type Case, type Fx, type ImportFile, type ImportTable, type Page, idOf, page, rowPage, s } from "./malformed-forms";
import { refuse, unknown, unknownIntent, viewerForbidden } from "./malformed-refusals";

// fields several forms share
export const checkinFields: Declared<Fx> = {
  keyResultId: listed(
    [
      ["letters", "abc"],
      ["missing", MISSING],
      ["duplicate field (1, 2)", ["1", "2"]],
    ],
    (f) => s(f.kr),
  ),
  value: decimal({}, "5"),
  confidence: int({ min: 1, max: 10 }, "7"),
  note: text({ max: 500, required: false }, ""),
};
export const checkinCases: Case[] = [
  { label: "unknown key result", set: () => ({ keyResultId: unknown }), status: 404 },
  { label: "another team's key result (lead)", set: (f) => ({ keyResultId: s(f.otherKr) }), status: 403 },
  refuse("percent KR above 100", "value", (f) => ({ keyResultId: s(f.percentKr), value: "150" })),
  refuse("percent KR below 0", "value", (f) => ({ keyResultId: s(f.percentKr), value: "-20" })),
  viewerForbidden,
  unknownIntent,
];
export const krFields = (title: string): Declared<Fx> => ({
  title: text({ max: 200 }, title),
  kind: oneOf("number", {}, "number"),
  startValue: decimal({}, "0"),
  targetValue: decimal({}, "10"),
  unit: text({ max: 30, required: false }, ""),
  weight: decimal({ required: false, min: 0, max: 100 }, "1"),
  ownerUserId: id({ required: false }, ""),
});
export const objectiveFields = (title: string): Declared<Fx> => ({
  title: text({ max: 200 }, title),
  teamId: id({ required: false }, (f) => s(f.core)),
  ownerUserId: id({ required: false }, ""),
  parentId: id({ required: false }, ""),
  description: text({ max: 2000, required: false }, ""),
});
export const riskFields = (title: string, status: Field<Fx>): Declared<Fx> => ({
  title: text({ max: 200, min: 3 }, title),
  description: text({ max: 4000, required: false }, ""),
  category: oneOf("technical", {}, "technical"),
  ownerUserId: id({ required: false }, ""),
  inherentLikelihood: int({ min: 1, max: 5 }, "3"),
  inherentImpact: int({ min: 1, max: 5 }, "3"),
  residualLikelihood: int({ min: 1, max: 5 }, "2"),
  residualImpact: int({ min: 1, max: 5 }, "3"),
  treatment: oneOf("mitigate", {}, "mitigate"),
  nextReviewDate: date({ required: false }, ""),
  status,
  mitigationPlan: text({ max: 4000, required: false }, ""),
});
export const requisitionFields = (title: string, targetStartMonth: string, annualSalary: Field<Fx>): Declared<Fx> => ({
  title: text({ max: 160 }, title),
  teamId: id({}, (f) => s(f.core)),
  profile: text({ max: 200, required: false }, ""),
  priority: oneOf("P1", {}, "P1"),
  targetStartMonth: month({}, targetStartMonth),
  annualSalary,
  source: text({ max: 120, required: false }, ""),
  objectiveId: id({ required: false }, ""),
  status: oneOf("planned", { required: false }, "planned"),
});
export const kpiFields = (key: string, name: string): Declared<Fx> => ({
  key: text({ max: 60 }, key).and(["upper case and spaces", "Bad Key"], ["one character", "a"], ["<script>", SCRIPT]),
  name: text({ max: 120 }, name),
  unit: text({ max: 20, required: false }, ""),
  direction: oneOf("higher", {}, "higher"),
  category: oneOf("product", {}, "product"),
  source: oneOf("manual", { required: false }, "manual"),
  description: text({ max: 1000, required: false }, ""),
});
export const gateFields = (name: string, dueDate: string, threshold: string): Declared<Fx> => ({
  name: text({ max: 200, min: 3 }, name),
  description: text({ max: 2000, required: false }, ""),
  dueDate: date({}, dueDate),
  metric_0: oneOf("finance.customers", { required: false }, "finance.customers"),
  operator_0: oneOf(">=", {}, ">=").except("upper case"), // ">=" has no upper case
  threshold_0: decimal({}, threshold),
});
export const requirementFields: Declared<Fx> = {
  status: oneOf("todo", {}, "todo"),
  result: oneOf("compliant", { required: false }, ""),
  ownerUserId: id({ required: false }, ""),
  evidenceUrl: link(""),
};
export const webhookFields = (productionEnvironment: string, mappings: [string, BadValue][], serviceLabel: [string, BadValue][]): Declared<Fx> => ({
  name: text({ max: 100 }, "Malformed webhook source"),
  mappings: text({ max: 30_000, required: false }, "innovatech/api-gateway = api-gateway").and(...mappings),
  defaultServiceId: id({ required: false }, ""),
  productionEnvironment: text({ max: 100, required: false }, productionEnvironment),
  serviceLabel: listed(serviceLabel, "service"),
});
export const webhookSecret = (bad: [string, BadValue][], ok?: string) =>
  listed<Fx>([...bad, ["15 characters", "x".repeat(15)], ["a space inside", "my secret 1234567890"], ["201 characters", "x".repeat(201)]], ok);
export const secretDuplicate: [string, BadValue] = ["duplicate field", ["x".repeat(20), "y".repeat(20)]];

// the pages
export const scenarios = page("scenarios", () => import("~/routes/scenarios"), "/scenarios");
export const roadmap = page("roadmap", () => import("~/routes/roadmap"), "/roadmap");
export const strategy = page("strategy", () => import("~/routes/strategy"), "/strategy");
export const gateDecision = page("governance.decisions.$gateId", () => import("~/routes/governance.decisions.$gateId"), "/governance/decisions/1");
export const teams = page("teams", () => import("~/routes/teams"), "/teams");
export const categories = page("budgets_.categories", () => import("~/routes/budgets_.categories"), "/budgets/categories");
export const compliance = page("governance.compliance", () => import("~/routes/governance.compliance"), "/governance/compliance");
export const settings = page("settings._index", () => import("~/routes/settings._index"), "/settings?index");
export const tokens = page("settings.tokens", () => import("~/routes/settings.tokens"), "/settings/tokens");
export const webhookSource = rowPage(
  "settings.webhooks.$sourceId",
  () => import("~/routes/settings.webhooks.$sourceId"),
  "/settings/webhooks",
  "sourceId",
  "source",
);
export const incident = rowPage(
  "delivery.incidents.$incidentId",
  () => import("~/routes/delivery.incidents.$incidentId"),
  "/delivery/incidents",
  "incidentId",
  "incident",
);
export const services = page("delivery.services", () => import("~/routes/delivery.services"), "/delivery/services");
export const gate = rowPage("governance.gates.$gateId", () => import("~/routes/governance.gates.$gateId"), "/governance/gates", "gateId", "gate");
export const kpiIndex = page("kpis._index", () => import("~/routes/kpis._index"), "/kpis?index");
export const kpi = rowPage("kpis.$kpiId", () => import("~/routes/kpis.$kpiId"), "/kpis", "kpiId", "kpi");
export const okrIndex = page("okrs._index", () => import("~/routes/okrs._index"), "/okrs?index");
export const objective = rowPage("okrs.$objectiveId", () => import("~/routes/okrs.$objectiveId"), "/okrs", "objectiveId", "coreObjective");
export const risk = rowPage("risks.$riskId", () => import("~/routes/risks.$riskId"), "/risks", "riskId", "risk");
export const targets = page("targets", () => import("~/routes/targets"), "/targets");
export const boardPack = rowPage("reports.board.$month", () => import("~/routes/reports.board.$month"), "/reports/board", "month", "packMonth");

export const firstScenario = idOf(sql`select id from scenarios order by id limit 1`);
export const roadmapItem = (key: string) => idOf(sql`select id from roadmap_items where key = ${key}`);
export const firstGate = idOf(sql`select id from decision_gates order by id limit 1`);
export const category = (name: string) => idOf(sql`select id from budget_categories where name = ${name}`);
export const fxId = (key: keyof Fx) => (f: Fx) => s(f[key]);

/** the update-kr and per-key-result intents: a key result that is not this objective's is not found */
export function krNotFound(notANumber: string): Case[] {
  return [
    { label: "unknown key result", set: () => ({ keyResultId: unknown }), status: 404 },
    { label: "key result id not a number", set: () => ({ keyResultId: notANumber }), status: 404 },
    { label: "key result missing", set: () => ({ keyResultId: MISSING }), status: 404 },
    { label: "a key result of another objective", set: (f) => ({ keyResultId: s(f.otherKr) }), status: 404 },
  ];
}

export const csvFile = (text: string, name = "x.csv") => new File([text], name, { type: "text/csv" });
/** a CSV file of this header and rows */
export const csv =
  (header: string) =>
  (label: string, ...rows: string[]) => ({ label, file: csvFile([header, ...rows].join("\n") + "\n") });
/** a pasted CSV of this header and rows, with the other fields of the form */
export const pasted =
  (header: string) =>
  (label: string, fields: Record<string, string>, ...rows: string[]) => ({
    label,
    fields: { ...fields, csv: [header, ...rows].join("\n") + "\n" },
  });
export const emptyPart = (label = "no file chosen (empty part)"): ImportFile => ({ label, file: new File([], "", { type: "application/octet-stream" }) });
export const wrongHeader = (text: string): ImportFile => ({ label: "wrong header", file: csvFile(text) });

/** One import form: an empty part first, the wrong header last, the file's own bad rows between. */
export function importForm(
  p: Page,
  intent: string,
  as: Role,
  base: Record<string, string>,
  files: ImportFile[],
  o: { header?: string; empty?: string } = {},
): ImportTable {
  const url = p.url(undefined as never);
  const first = emptyPart(o.empty);
  return {
    form: `${p.route}#${intent}`,
    module: p.module,
    as,
    url,
    base,
    fileField: "file",
    files: [first, ...files, wrongHeader(o.header ?? "a,b,c\n1,2,3\n")],
  };
}

export const requirementsCsv = csv("framework,ref,title,status,result,owner,evidence_url");
export const employeesCsv = csv("id,name,team,title,start_date,end_date,annual_salary");
export const roadmapCsv = csv("key,title,team,quarter,sprint,status,owner_email,key_result_ids");
export const budgetCsv = csv("month,category,planned,actual");
export const snapshotsCsv = csv("month,cash,revenue,mrr,customers,new_customers,churned_customers,financing");
export const deploymentsCsv = csv("external_id,service,environment,status,started_at,finished_at,first_commit_at,hotfix,rollback");
export const incidentsPasted = pasted("external_id,service,title,severity,started_at,resolved_at,caused_by_external_id");
export const importPage = page("import", () => import("~/routes/import"), "/import");
