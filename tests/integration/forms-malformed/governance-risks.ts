/** Malformed input over the forms of governance (compliance, decision gates, targets), risks and the board pack (and the compliance import): the tables (tests/helpers/malformed-forms.ts runs them). */
import { checkbox, date, decimal, id, int, listed, oneOf, sampled, text } from "../../helpers/bad-inputs";
import { MISSING, SCRIPT } from "../../helpers/bad-values";
import { type FormTable, type ImportTable, form, page } from "../../helpers/malformed-forms";
import {
  boardPack,
  compliance,
  fxId,
  gate,
  gateFields,
  importForm,
  requirementFields,
  requirementsCsv,
  risk,
  riskFields,
  targets,
} from "../../helpers/malformed-pages";
import { ctoForbidden, leadForbidden, noPage, refuse, unknownIntent, unknownRow, viewerForbidden } from "../../helpers/malformed-refusals";

export const TABLES: FormTable[] = [
  // ---------------------------------------------------------------- governance
  form(compliance, "update", "cto", { requirementId: id({}, fxId("requirement")), ...requirementFields }, [
    unknownRow("requirement", "requirementId"),
    unknownRow("owner", "ownerUserId"),
    viewerForbidden,
    unknownIntent,
  ]),
  form(
    compliance,
    "create",
    "ceo",
    {
      frameworkId: id({}, fxId("framework")),
      ref: text({ max: 40 }, "MAL-NEW"),
      title: text({ max: 300, min: 3 }, "Malformed new requirement"),
      ...requirementFields,
    },
    [
      unknownRow("framework", "frameworkId"),
      refuse("ref already in the framework", "ref", (f) => ({ ref: f.existingRef })),
      unknownRow("owner", "ownerUserId"),
    ],
  ),
  form(
    page("governance.gates._index", () => import("~/routes/governance.gates._index"), "/governance/gates?index"),
    "*",
    "ceo",
    { intent: "create", ...gateFields("Malformed gate", "2027-01-01", "15") },
    [ctoForbidden],
  ),
  form(gate, "update", "ceo", { ...sampled(gateFields("Malformed gate fixture", "2027-01-31", "10")) }, [
    noPage("unknown gate", "gateId"),
    noPage("gate id not a number", "gateId", "1e1"),
    ctoForbidden,
  ]),
  form(gate, "delete", "ceo", {}, [noPage("unknown gate", "gateId"), noPage("gate id not a number", "gateId", "abc"), ctoForbidden]),
  form(
    page("governance.maturity", () => import("~/routes/governance.maturity"), "/governance/maturity"),
    "*",
    "cto",
    {
      intent: "assess",
      assessedOn: date({}, "2025-01-15"),
      score_process: int({ min: 1, max: 5 }, "3"),
      note_process: text({ max: 500, required: false }, ""),
      ...sampled(
        Object.fromEntries(
          ["documentation", "governance", "controls", "audit"].flatMap((area) => [
            [`score_${area}`, int({ min: 1, max: 5 }, "3")],
            [`note_${area}`, ""],
          ]),
        ),
      ),
      note_audit: text({ max: 500, required: false }, ""),
    },
    [viewerForbidden, leadForbidden],
  ),
  // ---------------------------------------------------------------- risks
  form(
    page("risks.new", () => import("~/routes/risks.new"), "/risks/new"),
    "*",
    "cto",
    { intent: "risk", ...riskFields("Malformed new risk", oneOf("open", { required: false }, "open")) },
    [unknownRow("owner", "ownerUserId"), viewerForbidden],
  ),
  form(risk, "status", "cto", { status: oneOf("monitoring", {}, "monitoring") }, [
    noPage("unknown risk", "riskId"),
    noPage("risk id not a number", "riskId", "abc"),
    leadForbidden,
    unknownIntent,
  ]),
  form(risk, "update", "ceo", sampled(riskFields("Malformed risk fixture", oneOf("open", {}, "open"))), [
    unknownRow("owner", "ownerUserId"),
    noPage("unknown risk", "riskId"),
  ]),
  form(
    page("risks.rules", () => import("~/routes/risks.rules"), "/risks/rules"),
    "*",
    "cto",
    { intent: "rule", ruleId: id({}, fxId("rule")), threshold: decimal({ min: 0, max: 120 }, "12"), enabled: checkbox("on") },
    [unknownRow("rule", "ruleId"), leadForbidden],
  ),
  form(
    targets,
    "set",
    "cto",
    {
      metricId: oneOf("delivery.deploys_per_day", {}, "delivery.deploys_per_day"),
      cycleId: id({ required: false }, ""),
      comparison: oneOf(">=", {}, ">=").except("upper case"), // ">=" has no upper case
      value: decimal({}, "40"),
      note: text({ max: 500, required: false }, ""),
    },
    [
      refuse("a finance metric (the CTO sets delivery targets only)", "metricId", { metricId: "finance.burn_multiple" }),
      unknownRow("cycle", "cycleId"),
      leadForbidden,
    ],
  ),
  form(targets, "delete", "cto", { id: id({}, fxId("target")) }, [unknownRow("target", "id"), leadForbidden]),
  // ---------------------------------------------------------------- board pack (comment before publish: a published pack takes no commentary)
  form(
    boardPack,
    "comment",
    "ceo",
    { section: oneOf("cash", {}, "cash"), text: text({ max: 4000, required: false }, "Commentary").and(["missing", MISSING]) },
    [
      { label: "a month that is not the latest closed one", params: () => ({ month: "2001-01" }), set: () => ({}), field: "intent" },
      ctoForbidden,
      viewerForbidden,
      unknownIntent,
    ],
  ),
  form(
    boardPack,
    "publish",
    "ceo",
    {
      confirm: listed(
        [
          ["missing (unticked)", MISSING],
          ["another value", "on"],
          ["<script>", SCRIPT],
          ["duplicate field (yes, yes)", ["yes", "yes"]],
        ],
        "yes",
      ),
    },
    [ctoForbidden, viewerForbidden],
  ),
];

export const IMPORT_TABLES: ImportTable[] = [
  importForm(compliance, "import", "ceo", { intent: "import" }, [
    requirementsCsv("unknown framework", "Nope,X-1,Something,todo,,,"),
    requirementsCsv("bad status", "GDPR,X-1,Something,finished,,,"),
  ]),
];
