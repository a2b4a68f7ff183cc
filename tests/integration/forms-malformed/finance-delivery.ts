/** Malformed input over the forms of finance (budgets, snapshots) and delivery (incidents, services), with their CSV imports: the tables (tests/helpers/malformed-forms.ts runs them). */
import { checkbox, id, int, localTime, money, month, oneOf, text } from "../../helpers/bad-inputs";
import { SCRIPT } from "../../helpers/bad-values";
import { type FormTable, type ImportTable, form, page, s } from "../../helpers/malformed-forms";
import { budgetCsv, deploymentsCsv, fxId, importForm, incident, incidentsPasted, services, snapshotsCsv } from "../../helpers/malformed-pages";
import { ctoForbidden, forbidden, leadForbidden, noPage, refuse, unknownIntent, unknownRow, viewerForbidden } from "../../helpers/malformed-refusals";

export const TABLES: FormTable[] = [
  // ---------------------------------------------------------------- finance
  form(
    page("budgets", () => import("~/routes/budgets"), "/budgets"),
    "save-line",
    "ceo",
    {
      categoryId: id({}, fxId("nonItCategory")),
      month: month({}, "2026-01"),
      planned: money({ nonNegative: true }, "1000"),
      actual: money({ required: false, nonNegative: true }, ""),
    },
    [unknownRow("category", "categoryId"), forbidden("cto", "the CTO on a non-IT category"), viewerForbidden, unknownIntent],
  ),
  form(
    page("finance.snapshots", () => import("~/routes/finance.snapshots"), "/finance/snapshots"),
    "save-snapshot",
    "ceo",
    {
      month: month({}, "2030-06"),
      cash: money({}, "100000"),
      revenue: money({ nonNegative: true }, "1000"),
      mrr: money({ nonNegative: true }, "1000"),
      customers: int({ min: 0, max: 1_000_000_000 }, "10"),
      newCustomers: int({ min: 0, max: 10 }, "1").except("above the maximum"),
      churnedCustomers: int({ min: 0, max: 1_000_000_000 }, "0"),
      financing: money({ required: false, nonNegative: true }, ""),
      costOfRevenue: money({ required: false, nonNegative: true }, ""),
    },
    [refuse("new customers above customers", "newCustomers", { customers: "1", newCustomers: "2" }), ctoForbidden, unknownIntent],
  ),
  // ---------------------------------------------------------------- delivery
  form(
    page("delivery.incidents.new", () => import("~/routes/delivery.incidents.new"), "/delivery/incidents/new"),
    "*",
    "cto",
    {
      serviceId: id({}, fxId("serviceId")),
      title: text({ max: 300 }, "Malformed incident"),
      severity: oneOf("SEV3", {}, "SEV3"),
      startedAt: localTime({}, "2025-06-01T10:00"),
      resolvedAt: localTime({ required: false }, ""),
      externalId: text({ max: 200, required: false }, ""),
      causeRef: text({ max: 200, required: false }, ""),
      noCause: checkbox(),
    },
    [
      unknownRow("service", "serviceId"),
      refuse("resolved before started", "resolvedAt", { resolvedAt: "2025-06-01T09:00" }),
      refuse("a cause and 'no deployment caused it' together", "causeRef", { causeRef: "#1", noCause: "on" }),
      refuse("a cause naming no deployment", "causeRef", { causeRef: "no-such-deployment" }),
      refuse("external id already used", "externalId", (f) => ({ externalId: f.existingIncidentExternalId })),
      leadForbidden,
    ],
  ),
  form(
    incident,
    "details",
    "cto",
    {
      title: text({ max: 300 }, "Malformed: incident"),
      severity: oneOf("SEV3", {}, "SEV3"),
      startedAt: localTime({}, "2025-06-01T12:00"),
      resolvedAt: localTime({ required: false }, ""),
    },
    [
      refuse("resolved before started", "resolvedAt", { resolvedAt: "2025-06-01T11:00" }),
      noPage("unknown incident", "incidentId"),
      noPage("incident id not a number", "incidentId", "abc"),
      viewerForbidden,
      unknownIntent,
    ],
  ),
  form(incident, "resolve", "cto", { resolvedAt: localTime({}, "2025-06-01T14:00") }, [
    refuse("resolved before started", "resolvedAt", { resolvedAt: "2025-06-01T08:00" }),
  ]),
  form(incident, "reopen", "cto", {}, [noPage("unknown incident", "incidentId"), leadForbidden]),
  form(incident, "cause", "cto", { cause: oneOf("none", {}, "none").and(["negative id", "-1"], ["exponent", "1e1"], ["16 digits", "9".repeat(16)]) }, [
    unknownRow("deployment", "cause"),
    refuse("a deployment of another service", "cause", (f) => ({ cause: s(f.otherServiceDeployment) })),
  ]),
  form(
    services,
    "create",
    "ceo",
    {
      name: text({ max: 100 }, "malformed-service").and(["starts with a dash", "-svc"], ["<script>", SCRIPT], ["emoji", "svc-🚀"]),
      teamId: id({ required: false }, ""),
    },
    [unknownRow("team", "teamId"), refuse("name already used", "name", { name: "api-gateway" }), leadForbidden, unknownIntent],
  ),
  form(
    services,
    "update",
    "cto",
    { serviceId: id({}, fxId("serviceId")), name: text({ max: 100 }, "api-gateway").and(["<script>", SCRIPT]), teamId: id({ required: false }, fxId("core")) },
    [unknownRow("service", "serviceId"), unknownRow("team", "teamId"), refuse("another service's name", "name", { name: "web-app" })],
  ),
];

export const IMPORT_TABLES: ImportTable[] = [
  importForm(
    page("budgets", () => import("~/routes/budgets"), "/budgets"),
    "import",
    "ceo",
    { intent: "import" },
    [
      budgetCsv("unknown category", "2030-01,No such category,1000,"),
      budgetCsv("bad month", "2030-13,Marketing,1000,"),
      budgetCsv("year 2999", "2999-01,Marketing,1000,"),
      budgetCsv("exponent amount", "2030-01,Marketing,1e3,"),
      budgetCsv("negative amount", "2030-01,Marketing,-5,"),
      budgetCsv("one good row and one bad row", "2030-01,Marketing,10,", "2030-02,Marketing,abc,"),
      { label: "binary", file: new File([new Uint8Array([0, 159, 146, 150, 255, 0, 1])], "x.bin") },
    ],
  ),
  importForm(
    page("finance.snapshots", () => import("~/routes/finance.snapshots"), "/finance/snapshots"),
    "import",
    "ceo",
    { intent: "import" },
    [
      snapshotsCsv("bad month", "2030-13,1,1,1,1,0,0,"),
      snapshotsCsv("exponent count", "2030-01,1,1,1,1e1,0,0,"),
      snapshotsCsv("hex amount", "2030-01,0x5,1,1,1,0,0,"),
      snapshotsCsv("one good row and one bad row", "2030-01,1,1,1,1,0,0,", "2030-02,1,-1,1,1,0,0,"),
    ],
    { header: "a,b\n1,2\n" },
  ),
  importForm(
    page("delivery.import", () => import("~/routes/delivery.import"), "/delivery/import"),
    "*",
    "cto",
    { kind: "deployments" },
    [
      { ...deploymentsCsv("kind missing", "k1,api-gateway,production,success,,2025-01-01T10:00:00Z,,,"), fields: { kind: undefined } },
      { ...deploymentsCsv("kind unknown", "k2,api-gateway,production,success,,2025-01-01T10:00:00Z,,,"), fields: { kind: "releases" } },
      incidentsPasted("incidents pasted with a bad severity", { kind: "incidents" }, "p1,api-gateway,Pasted,SEV9,2025-01-01T10:00:00Z,,"),
      incidentsPasted(
        "incidents pasted, resolved before started",
        { kind: "incidents" },
        "p2,api-gateway,Pasted,SEV2,2025-01-01T10:00:00Z,2025-01-01T09:00:00Z,",
      ),
      incidentsPasted("incidents pasted, cause naming no deployment", { kind: "incidents" }, "p3,api-gateway,Pasted,SEV2,2025-01-01T10:00:00Z,,no-such-deploy"),
      deploymentsCsv("bad status", "x1,api-gateway,production,maybe,,2025-01-01T10:00:00Z,,,"),
      deploymentsCsv("time without a zone", "x2,api-gateway,production,success,,2025-01-01T10:00:00,,,"),
      deploymentsCsv("year 2999", "x3,api-gateway,production,success,,2999-01-01T10:00:00Z,,,"),
      deploymentsCsv(
        "one good row and one bad row",
        "x4,api-gateway,production,success,,2025-01-01T10:00:00Z,,,",
        "x5,api-gateway,production,success,,not-a-time,,,",
      ),
    ],
    { header: "a,b\n1,2\n", empty: "nothing chosen, nothing pasted" },
  ),
];
