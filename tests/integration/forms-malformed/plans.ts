/** Malformed input over the forms of scenarios, the roadmap, the multi-year plan and gate decisions (and the roadmap import): the tables (tests/helpers/malformed-forms.ts runs them). */
import { sql } from "drizzle-orm";
import { checkbox, date, decimal, id, int, money, month, oneOf, text } from "../../helpers/bad-inputs";
import { type FormTable, type ImportTable, form, idOf, s } from "../../helpers/malformed-forms";
import {
  firstGate,
  firstScenario,
  fxId,
  gateDecision,
  importForm,
  importPage,
  roadmap,
  roadmapCsv,
  roadmapItem,
  scenarios,
  strategy,
} from "../../helpers/malformed-pages";
import { ctoForbidden, refuse, unknownIntent, unknownRow, viewerForbidden } from "../../helpers/malformed-refusals";

export const TABLES: FormTable[] = [
  // ---------------------------------------------------------------- plans: scenarios, roadmap, multi-year plan, gate decisions
  ...(["create", "update"] as const).map((intent) =>
    form(
      scenarios,
      intent,
      "ceo",
      {
        ...(intent === "update" ? { scenarioId: firstScenario } : {}),
        name: text({ max: 80 }, intent === "update" ? "A — Hyper-growth" : "Malformed scenario"),
        probability: decimal({ min: 0, max: 100 }, "20"),
        revenueGrowth: decimal({ required: false, min: -50, max: 100 }),
        hiringFreezeFrom: month({ required: false }),
        triggerMetric: oneOf("finance.customers", { required: false }, "finance.customers").except("missing"),
        triggerComparison: ">=",
        triggerValue: "50",
        triggerBy: date({ required: false }),
        funding_month_0: month({ required: false }, "2027-06").except("missing"),
        funding_amount_0: money({ required: false, nonNegative: true }, "1000000").except("missing"),
        raisesRisk: checkbox(),
      },
      [
        refuse("name of another scenario", "name", { name: "c — slow growth" }),
        refuse("a range without its upper value", "triggerValue2", { triggerComparison: "between" }),
        ctoForbidden,
        viewerForbidden,
        ...(intent === "update" ? [unknownRow("scenario", "scenarioId")] : [unknownIntent]),
      ],
    ),
  ),
  form(scenarios, "delete", "ceo", { scenarioId: id({}, firstScenario) }, [unknownRow("scenario", "scenarioId"), viewerForbidden]),
  ...(["create", "update"] as const).map((intent) =>
    form(
      roadmap,
      intent,
      "lead",
      {
        ...(intent === "update" ? { itemId: roadmapItem("CORE-03") } : {}),
        // (only "missing": no label of text() holds "long")
        key: text({ max: 17 }, intent === "update" ? "CORE-03" : "CORE-77").only("missing"),
        title: text({ max: 200 }, "Malformed item"),
        teamId: id({}, fxId("core")),
        quarter: oneOf("2027-Q1", {}, "2027-Q1"),
        status: oneOf("planned", {}, "planned"),
        ownerUserId: id({ required: false }),
        keyResultIds: id({ required: false }).except("duplicate field (1, 2)"),
      },
      [
        refuse("another squad (a lead)", "teamId", (f) => ({ teamId: s(f.otherTeam) })),
        refuse("key of another item", "key", { key: "FE-01" }),
        unknownRow("key result", "keyResultIds"),
        viewerForbidden,
      ],
    ),
  ),
  form(roadmap, "status", "lead", { itemId: id({}, roadmapItem("CORE-03")), status: oneOf("done", {}, "done") }, [
    unknownRow("item", "itemId"),
    { label: "another squad's item", set: () => ({ itemId: roadmapItem("PAY-01")() }), status: 403 },
    viewerForbidden,
  ]),
  form(roadmap, "delete", "lead", { itemId: id({}, roadmapItem("CORE-03")) }, [unknownRow("item", "itemId"), viewerForbidden]),
  form(
    strategy,
    "target",
    "ceo",
    {
      metricId: oneOf("finance.customers", {}, "finance.customers"),
      year: int({ min: 2000, max: 2100 }, () => s(new Date().getUTCFullYear())),
      value: decimal({}, "25"),
      note: text({ max: 500, required: false }),
    },
    [refuse("a sixth year", "year", { year: "2099" }), ctoForbidden, viewerForbidden, unknownIntent],
  ),
  form(strategy, "delete-target", "ceo", { targetId: id({}, idOf(sql`select id from plan_targets order by id limit 1`)) }, [
    unknownRow("target", "targetId"),
    viewerForbidden,
  ]),
  form(
    strategy,
    "milestone",
    "ceo",
    {
      title: text({ max: 200 }, "Malformed milestone"),
      dueDate: date({}, "2027-06-30"),
      status: oneOf("pending", {}, "pending"),
      metricId: oneOf("finance.customers", { required: false }).except("missing"),
      evidence: text({ max: 2000, required: false }),
    },
    [
      refuse("a metric without its value", "value", { metricId: "finance.customers", comparison: ">=" }),
      unknownRow("milestone", "milestoneId"),
      viewerForbidden,
    ],
  ),
  form(strategy, "delete-milestone", "ceo", { milestoneId: id({}, idOf(sql`select id from milestones order by id limit 1`)) }, [
    unknownRow("milestone", "milestoneId"),
    viewerForbidden,
  ]),
  form(
    { ...gateDecision, params: () => ({ gateId: firstGate() }) },
    "decide",
    "ceo",
    { decision: oneOf("go", {}, "go"), rationale: text({ max: 4000 }, "Malformed rationale"), alternative: text({ max: 500, required: false }) },
    [refuse("an alternative not named", "alternative", { decision: "alternative" }), ctoForbidden, viewerForbidden, unknownIntent],
  ),
  form({ ...gateDecision, params: () => ({ gateId: firstGate() }) }, "add-criterion", "ceo", { label: text({ max: 200 }, "Malformed criterion") }, [
    viewerForbidden,
  ]),
  ...(["check", "delete-criterion"] as const).map((intent) =>
    form(
      { ...gateDecision, params: () => ({ gateId: idOf(sql`select gate_id as g from gate_manual_criteria order by id limit 1`, "g")() }) },
      intent,
      "ceo",
      {
        criterionId: id({}, idOf(sql`select id from gate_manual_criteria order by id limit 1`)),
        ...(intent === "check" ? { checked: checkbox("on"), note: text({ max: 1000, required: false }, "ok") } : {}),
      },
      [unknownRow("criterion", "criterionId"), viewerForbidden],
    ),
  ),
];

export const IMPORT_TABLES: ImportTable[] = [
  importForm(importPage, "*", "lead", { kind: "roadmap" }, [
    roadmapCsv("another squad's row", "PAY-77,x,Payments,2027-Q1,,planned,,"),
    roadmapCsv("unknown owner", "CORE-78,x,Core,2027-Q1,,planned,nobody@x.test,"),
    roadmapCsv("bad status", "CORE-78,x,Core,2027-Q1,,finished,,"),
    roadmapCsv("key twice", "CORE-78,x,Core,2027-Q1,,planned,,", "core-78,y,Core,2027-Q1,,planned,,"),
    roadmapCsv("unknown key result", "CORE-78,x,Core,2027-Q1,,planned,,999999"),
  ]),
];
