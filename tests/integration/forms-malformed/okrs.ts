/** Malformed input over the forms of OKRs: cycles, objectives, key results and check-ins: the tables (tests/helpers/malformed-forms.ts runs them). */
import { date, id, sampled, text } from "../../helpers/bad-inputs";
import { MISSING } from "../../helpers/bad-values";
import { type FormTable, type ImportTable, form, page, rowPage, s } from "../../helpers/malformed-forms";
import { checkinCases, checkinFields, fxId, krFields, krNotFound, objective, objectiveFields, okrIndex } from "../../helpers/malformed-pages";
import { leadForbidden, noPage, refuse, unknown, unknownIntent, unknownRow, viewerForbidden } from "../../helpers/malformed-refusals";

export const TABLES: FormTable[] = [
  // ---------------------------------------------------------------- OKRs
  form(okrIndex, "create-cycle", "ceo", { name: text({ max: 40 }, "Malformed cycle"), startDate: date({}, "2032-01-01"), endDate: date({}, "2032-03-31") }, [
    refuse("end before start", "endDate", { endDate: "2031-12-31" }),
    refuse("name already used", "name", { name: "Malformed cycle to close" }),
    leadForbidden,
    viewerForbidden,
    unknownIntent,
  ]),
  form(okrIndex, "close-cycle", "ceo", { cycleId: id({}, fxId("cycleToClose")) }, [
    unknownRow("cycle", "cycleId"),
    { label: "a closed cycle", set: (f) => ({ cycleId: s(f.closedCycle) }), formError: true },
    leadForbidden,
  ]),
  form(okrIndex, "create-objective", "lead", { cycleId: id({}, fxId("openCycle")), ...objectiveFields("Malformed new objective") }, [
    unknownRow("cycle", "cycleId"),
    refuse("a closed cycle", "cycleId", (f) => ({ cycleId: s(f.closedCycle) }), { formError: true }),
    { label: "another team (lead)", set: (f) => ({ teamId: s(f.otherTeam) }), status: 403 },
    { label: "company-level (lead)", set: () => ({ teamId: "" }), status: 403 },
    refuse("unknown team (CEO)", "teamId", { teamId: unknown }, { as: "ceo" }),
    unknownRow("owner", "ownerUserId"),
    unknownRow("parent", "parentId"),
    viewerForbidden,
  ]),
  form(objective, "update-objective", "lead", objectiveFields("Malformed: Core objective"), [
    { label: "moved to another team (lead)", set: (f) => ({ teamId: s(f.otherTeam) }), status: 403 },
    refuse("unknown team (CEO)", "teamId", { teamId: unknown }, { as: "ceo" }),
    unknownRow("owner", "ownerUserId"),
    unknownRow("parent", "parentId"),
    refuse("itself as parent", "parentId", (f) => ({ parentId: s(f.coreObjective) })),
    {
      label: "another team's objective (lead)",
      params: (f) => ({ objectiveId: s(f.otherObjective) }),
      set: (f) => ({ teamId: s(f.otherTeam) }),
      status: 403,
    },
    noPage("unknown objective", "objectiveId"),
    viewerForbidden,
    unknownIntent,
  ]),
  form(objective, "create-kr", "lead", krFields("Malformed new KR"), [
    refuse("percent target above 100", "targetValue", { kind: "percent", targetValue: "150" }),
    refuse("percent start below 0", "startValue", { kind: "percent", startValue: "-20" }),
    refuse("currency with 3 decimals", "targetValue", { kind: "currency", targetValue: "10.123" }),
    unknownRow("owner", "ownerUserId"),
    { label: "another team's objective (lead)", params: (f) => ({ objectiveId: s(f.otherObjective) }), set: () => ({}), status: 403 },
  ]),
  form(objective, "update-kr", "lead", { keyResultId: fxId("kr"), ...sampled(krFields("Malformed: KR")) }, [
    unknownRow("owner", "ownerUserId"),
    ...krNotFound("abc"),
  ]),
  ...(["archive-kr", "restore-kr", "carry-over"] as const).map((intent) =>
    form(objective, intent, "lead", { keyResultId: fxId("kr") }, [...krNotFound("1e1"), viewerForbidden]),
  ),
  ...(["archive-objective", "restore-objective"] as const).map((intent) =>
    form(objective, intent, "lead", {}, [
      noPage("unknown objective", "objectiveId"),
      noPage("objective id not a number", "objectiveId", "0x5"),
      { label: "another team's objective (lead)", params: (f) => ({ objectiveId: s(f.otherObjective) }), set: () => ({}), status: 403 },
      viewerForbidden,
    ]),
  ),
  form(
    rowPage("okrs.kr.$keyResultId", () => import("~/routes/okrs.kr.$keyResultId"), "/okrs/kr", "keyResultId", "kr"),
    "checkin",
    "lead",
    checkinFields,
    checkinCases,
  ),
  form(
    page("okrs.mine", () => import("~/routes/okrs.mine"), "/okrs/mine"),
    "checkin",
    "lead",
    sampled(checkinFields),
    checkinCases,
  ),
  // the inbox's inline check-in: the same handler, and a linked KR takes no value
  form(
    page("inbox", () => import("~/routes/inbox"), "/inbox"),
    "checkin",
    "lead",
    sampled(checkinFields),
    [
      ...checkinCases,
      refuse("a value on a linked KR", "value", (f) => ({ keyResultId: s(f.linkedKr), value: "12" })),
      refuse("confidence missing on a linked KR", "confidence", (f) => ({ keyResultId: s(f.linkedKr), value: MISSING, confidence: MISSING })),
    ],
  ),
];

export const IMPORT_TABLES: ImportTable[] = [];
