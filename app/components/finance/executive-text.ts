import { N_ } from "~/i18n/mark";

/** The executive dashboard's interface text (the finance namespace). */
export const EXECUTIVE_TEXT = {
  title: N_("Executive dashboard", "finance"),
  description: N_("How long the money lasts, how fast revenue grows, and what the hiring plan does to runway.", "finance"),
  asOf: N_("As of", "finance"),
  show: N_("Show", "finance"),
  asOfHint: N_("Closed months only (a month is closed when it has a finance snapshot).", "finance"),
  vsPrevious: N_("vs {{month}}", "finance"),
  emptyTitle: N_("No closed month yet", "finance"),
  emptyAsOfTitle: N_("No closed month on or before {{month}}", "finance"),
  latest: N_("Show the latest closed month", "finance"),
  emptyBody: N_("Finance metrics need at least one finance snapshot (cash at month end) and the budget actuals of that month.", "finance"),
  emptyWho: N_("the CEO records snapshots; the CEO and the CTO (IT categories) enter budget actuals", "finance"),
  addSnapshot: N_("Record a finance snapshot", "finance"),
  finance: N_("Cash and burn", "finance"),
  saas: N_("Revenue and customers", "finance"),
  team: N_("Team", "finance"),
  charts: N_("Trends and forecast", "finance"),
  hiringImpact: N_("What each open requisition does to the zero-cash date", "finance"),
  hiringImpactHelp: N_(
    "Δ days = zero-cash date with every open requisition − the same without this one (negative: this hire brings zero cash earlier). Requisitions that are hired or cancelled are not counted.",
    "finance",
  ),
  hidden: N_("hidden", "finance"),
  withheld: N_("Monthly costs and their effect on the zero-cash date are not shown: they derive from salaries your role may not see.", "finance"),
  noRequisitions: N_("No open requisition: the forecast with and without the hiring plan are the same.", "finance"),
  notBurning: N_("not burning", "finance"),
  alive: N_("Default alive", "finance"),
  dead: N_("Default dead", "finance"),
  months: N_("{{n}} months", "finance"),
  headcountFormula: N_(
    "Actual (people.headcount): employees whose start date ≤ today < end date. Planned (people.headcount_planned): employees at the end of the current month plus the open requisitions (not hired, not cancelled) whose target start month is this month or earlier. Target: the company headcount target (settings).",
    "finance",
  ),
  pinned: N_("Pinned KPIs", "finance"),
  pinnedHint: N_(
    "KPIs pinned to this dashboard (pin or unpin one on its page): latest value, the cycle's target and the change since the previous value.",
    "finance",
  ),
} as const;
