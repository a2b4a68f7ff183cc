/** Malformed input over the forms of hiring (requisitions, employees) and KPIs (and the employees import): the tables (tests/helpers/malformed-forms.ts runs them). */
import { date, decimal, id, listed, money, oneOf, sampled, text } from "../../helpers/bad-inputs";
import { MISSING } from "../../helpers/bad-values";
import { type FormTable, type ImportTable, form, page, rowPage, s } from "../../helpers/malformed-forms";
import { employeesCsv, fxId, importForm, importPage, kpi, kpiFields, kpiIndex, requisitionFields } from "../../helpers/malformed-pages";
import { ctoForbidden, leadForbidden, noPage, refuse, unknown, unknownIntent, unknownRow, viewerForbidden } from "../../helpers/malformed-refusals";

export const TABLES: FormTable[] = [
  // ---------------------------------------------------------------- hiring
  form(
    page("hiring._index", () => import("~/routes/hiring._index"), "/hiring?index"),
    "*",
    "cto",
    {
      intent: "status",
      requisitionId: id({}, fxId("coreRequisition")),
      expected: oneOf("planned", { required: false }, "planned"),
      change: oneOf("next", {}, "next"),
    },
    [
      { label: "unknown requisition", set: () => ({ requisitionId: unknown }), formError: true },
      { label: "stale expected status", set: () => ({ expected: "offer" }), formError: true },
      leadForbidden,
      unknownIntent,
    ],
  ),
  form(
    page("hiring.new", () => import("~/routes/hiring.new"), "/hiring/new"),
    "*",
    "cto",
    requisitionFields("Malformed hire", "2027-01", money({ nonNegative: true }, "60000").and(["zero", "0"], ["above 10 M€", "10000000.01"])),
    [
      unknownRow("team", "teamId"),
      unknownRow("objective", "objectiveId"),
      { label: "a lead proposes for another team", as: "lead", set: (f) => ({ teamId: s(f.otherTeam) }), status: 403 },
      viewerForbidden,
    ],
  ),
  form(
    rowPage("hiring.$requisitionId", () => import("~/routes/hiring.$requisitionId"), "/hiring", "requisitionId", "coreRequisition"),
    "*",
    "ceo",
    sampled(requisitionFields("Malformed: Core hire", "2027-03", money({ required: false, nonNegative: true }, ""))),
    [
      unknownRow("team", "teamId"),
      unknownRow("objective", "objectiveId"),
      noPage("unknown requisition", "requisitionId"),
      {
        label: "a lead edits another team's requisition",
        as: "lead",
        params: (f) => ({ requisitionId: s(f.otherRequisition) }),
        set: (f) => ({ teamId: s(f.otherTeam) }),
        status: 403,
      },
    ],
  ),
  form(
    page("hiring.employees_.new", () => import("~/routes/hiring.employees_.new"), "/hiring/employees/new"),
    "*",
    "ceo",
    {
      name: text({ max: 160 }, "Malformed Employee"),
      teamId: id({ required: false }, ""),
      title: text({ max: 160 }, "Engineer"),
      startDate: date({}, "2026-01-05"),
      endDate: date({ required: false }, ""),
      annualSalary: money({ nonNegative: true }, "50000").and(["zero", "0"]),
    },
    [unknownRow("team", "teamId"), refuse("end before start", "endDate", { endDate: "2025-12-31" }), ctoForbidden],
  ),
  // ---------------------------------------------------------------- KPIs
  form(kpiIndex, "create-kpi", "lead", kpiFields("malformed_new_kpi", "Malformed new KPI"), [
    refuse("key already used", "key", { key: "nps" }),
    viewerForbidden,
    unknownIntent,
  ]),
  form(kpiIndex, "import", "cto", {
    csv: listed(
      [
        ["missing", MISSING],
        ["empty", ""],
        ["not CSV", "garbage"],
        ["unknown KPI key", "kpi_key,measured_on,value,note\nno_such_kpi,2025-02-01,1,\n"],
        ["a bad value", "kpi_key,measured_on,value,note\nnps,2025-02-01,1e1,\n"],
        ["a bad date", "kpi_key,measured_on,value,note\nnps,2025-02-30,1,\n"],
        ["one good row, one bad row", "kpi_key,measured_on,value,note\nnps,2025-02-01,40,\nnps,2999-01-01,41,\n"],
      ],
      "kpi_key,measured_on,value,note\nnps,2025-02-01,40,\n",
    ),
  }),
  form(kpi, "update-kpi", "cto", sampled(kpiFields("malformed_kpi_fixture", "Malformed KPI fixture")), [
    refuse("another KPI's key", "key", { key: "nps" }),
    noPage("unknown KPI", "kpiId"),
    viewerForbidden,
    unknownIntent,
  ]),
  form(kpi, "target", "ceo", { cycleId: id({}, fxId("openCycle")), target: decimal({ required: false }, "42") }, [unknownRow("cycle", "cycleId")]),
  form(kpi, "measure", "lead", { measuredOn: date({ past: true }, "2025-04-01"), value: decimal({}, "12"), note: text({ max: 500, required: false }, "") }, [
    viewerForbidden,
  ]),
  form(kpi, "delete-measurement", "ceo", { measurementId: id({}, fxId("measurement")) }, [
    unknownRow("measurement", "measurementId"),
    refuse("another KPI's measurement", "measurementId", (f) => ({ measurementId: s(f.otherMeasurement) })),
  ]),
];

export const IMPORT_TABLES: ImportTable[] = [
  importForm(importPage, "*", "ceo", { kind: "employees" }, [
    employeesCsv("unknown team", ",X,Nowhere,Eng,2024-01-01,,1000"),
    employeesCsv("impossible date", ",X,,Eng,2024-02-30,,1000"),
  ]),
];
