import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { HiringTabs } from "~/components/hiring/hiring-tabs";
import {
  formatDeltaDays,
  NEXT,
  PRIORITY_VALUES,
  PriorityBadge,
  RequisitionStatusBadge,
  STATUS_LABELS,
  STATUSES,
  type Status,
} from "~/components/hiring/labels";
import { metricAttributes } from "~/components/metrics/kpi-tile";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { createDataTableColumnHelper, DataTable } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { FilterBar } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { Tooltip } from "~/components/ui/tooltip";
import { useFormatting, useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { metaT, pageTitle } from "~/i18n/meta";
import { serverT } from "~/i18n/translate.server";
import { formatMoney, formatMonth, formatNumber, NO_DATA } from "~/lib/format";
import type { FormReply } from "~/lib/forms";
import { isErrorReply } from "~/lib/forms";
import { badRequest, formError, parseForm, domainErrorReply } from "~/lib/forms.server";
import { parseTableParams, tablePaging } from "~/lib/table-params";
import { idSchema } from "~/lib/validation.server";
import { getCashForecast } from "~/models/finance.server";
import {
  changeRequisitionStatus,
  currentMonth,
  getHeadcountSummary,
  hiringSettings,
  listRequisitions,
  listTeamsForHiring,
  hasHeadcountData,
  parseRequisitionFilters,
  REQUISITION_SORTS,
  REQUISITION_STATUSES,
  savedFlagFromUrl,
} from "~/models/hiring.server";
import { MetricContext } from "~/models/metrics/context.server";
import { readFigureMap } from "~/models/metrics/readings.server";
import { getCompanySettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Hiring plan"),
  description: N_("Requisitions by team, their status, and what each one does to the zero-cash date."),
  newRequisition: N_("New requisition"),
  propose: N_("Propose a hire"),
  caption: N_("Requisitions"),
  filterLabel: N_("Search title, profile, source"),
  filters: N_("Filters"),
  team: N_("Team"),
  status: N_("Status"),
  priority: N_("Priority"),
  from: N_("Start from"),
  to: N_("Start to"),
  exportCsv: N_("Export CSV"),
  salary: N_("Annual salary"),
  salaryHidden: N_("hidden"),
  salaryHiddenWhy: N_("Your role may not see this salary."),
  delta: N_("Δ zero-cash"),
  deltaFormula: N_(
    "Δ = zero-cash date with the whole open hiring plan − zero-cash date with the plan minus this requisition. Each requisition costs annual salary ÷ 12 × loaded-cost factor per month from its target start month. Forecast after M (latest closed month): planned budget lines, revenue growing by g. Negative = this hire brings zero cash earlier.",
  ),
  deltaHidden: N_("hidden"),
  salaryColumnWithheld: N_("Salaries are not shown: your role may not see these requisitions' salaries."),
  deltaColumnWithheld: N_("Δ zero-cash is not shown: it derives from salaries your role may not see."),
  deltaHiddenWhy: N_("Derived from the salary, which your role may not see."),
  notCounted: N_("not counted"),
  notCountedWhy: N_("Hired or cancelled requisitions are not in the forecast (a hire is counted through the actuals)."),
  noForecastWhy: N_("No closed month yet: the forecast needs at least one finance snapshot."),
  noZeroCash: N_("not burning"),
  noZeroCashWhy: N_("No zero-cash date within the forecast horizon, with or without this requisition."),
  cancel: N_("Cancel"),
  reopen: N_("Reopen"),
  changeInSettings: N_("change in settings"),
  headcount: N_("Headcount"),
  emptyTitle: N_("No requisitions yet"),
  emptyBody: N_("Add the first hire of the plan with “New requisition”: title, team, target start month and salary."),
  emptyWho: N_("CEO (any team), CTO (tech teams); team leads propose hires for their own team."),
  visibleTotal: N_("Annual salaries shown"),
  created: N_("Requisition saved."),
  addHired: N_("Add the person hired to the employees, so the headcount counts them →"),
  updated: N_("Changes saved."),
} as const;

export const handle = { i18n: ["hiring"] };

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "hiring");
  return [{ title: pageTitle(t, t(TEXT.title)) }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboards:read");
  const db = getDb();
  const url = new URL(request.url);
  const filters = parseRequisitionFilters(url);
  // Sorting by salary only for those who see some salary (the SQL sorts on the masked value anyway).
  const seesSomeSalary = can(user, "salaries:requisitions:read");
  const sortable = [...REQUISITION_SORTS];
  const params = parseTableParams(url, {
    sortable: seesSomeSalary ? sortable : sortable.filter((s) => s !== "salary"),
    defaultSort: { id: "targetStartMonth", desc: false },
  });
  const list = listRequisitions(db, user, filters, {
    sort: { id: params.sort.id as (typeof REQUISITION_SORTS)[number], desc: params.sort.desc },
    page: tablePaging(params),
  });
  const settings = getCompanySettings(db);
  const month = currentMonth(settings.timeZone);

  // Δ zero-cash days, only for requisitions whose salary this user may see (it is derived from it).
  const forecast = getCashForecast(db);
  const impacts = new Map((forecast?.requisitionImpacts ?? []).map((i) => [i.id, i.deltaDays]));
  const rows = list.rows.map((r) => {
    let delta: { kind: "days"; days: number } | { kind: "hidden" | "notCounted" | "noForecast" | "noZeroCash" };
    if (!forecast) delta = { kind: "noForecast" };
    else if (!impacts.has(r.id)) delta = { kind: "notCounted" };
    else if (!r.salaryVisible) delta = { kind: "hidden" };
    else {
      const d = impacts.get(r.id);
      delta = d == null ? { kind: "noZeroCash" } : { kind: "days", days: d };
    }
    return { ...r, delta };
  });

  const flag = savedFlagFromUrl(url);
  const saved = flag === null ? null : TEXT[flag];
  return {
    saved,
    rows,
    total: list.total,
    visibleSalaryTotalCents: list.visibleSalaryTotalCents,
    hiddenSalaryCount: list.hiddenSalaryCount,
    params,
    filters: {
      team: filters.teamId ?? null,
      status: filters.status ?? null,
      priority: filters.priority ?? null,
      from: filters.from ?? null,
      to: filters.to ?? null,
    },
    teams: listTeamsForHiring(db),
    seesSomeSalary,
    loadedCostFactor: hiringSettings(db).loadedCostFactor,
    forecastAsOf: forecast?.asOfMonth ?? null,
    headcount: { month, ...hiringHeadcount(db), empty: !hasHeadcountData(db) },
  };
}

/** Today's headcount and plan: the catalogue's people.* figures, with their data-metric marks. */
function hiringHeadcount(db: ReturnType<typeof getDb>) {
  const ctx = new MetricContext(db);
  const f = readFigureMap(ctx, ["people.headcount", "people.headcount_planned"] as const);
  const mark = (id: "people.headcount" | "people.headcount_planned") => ({ id, value: f[id].value, asOf: f[id].asOf });
  return {
    ...getHeadcountSummary(db, ctx.month, ctx.today),
    actual: f["people.headcount"].value as number,
    planned: f["people.headcount_planned"].value as number,
    marks: { actual: mark("people.headcount"), planned: mark("people.headcount_planned") },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "hiring:edit");
  const formData = await request.formData();
  const StatusSchema = z.object({
    intent: z.literal("status"),
    requisitionId: idSchema,
    change: z.enum(["next", "cancel", "reopen"], { error: () => serverT("must be next, cancel or reopen", { ns: "hiring" }) }),
    expected: z.enum(REQUISITION_STATUSES).optional(),
  });
  const parsed = parseForm(formData, StatusSchema, "status");
  if (!parsed.ok) return badRequest(parsed.reply);
  const { requisitionId, change, expected } = parsed.data;
  // hiring:edit ({teamIsTech}) checked inside, on the stored row: a forbidden DomainError → 403
  let result: ReturnType<typeof changeRequisitionStatus>;
  try {
    result = changeRequisitionStatus(getDb(), user, requisitionId, change, expected);
  } catch (e) {
    return domainErrorReply(e, formData, "status");
  }
  if (!result) return formError(formData, serverT("This requisition no longer exists.", { ns: "hiring" }), "status");
  if (!result.ok) return formError(formData, result.error, "status");
  const reply = {
    status: "ok",
    intent: "status",
    message: serverT("Status changed from {{from}} to {{to}}.", {
      ns: "hiring",
      from: serverT(STATUS_LABELS[result.from], { ns: "hiring" }),
      to: serverT(STATUS_LABELS[result.to], { ns: "hiring" }),
    }),
  } satisfies FormReply;
  return { ...reply, hiredRequisitionId: result.to === "hired" ? requisitionId : null };
}

type Row = Awaited<ReturnType<typeof loader>>["rows"][number];

function StatusActions({ row }: { row: Row }) {
  const navigation = useNavigation();
  const { t } = useTranslation("hiring");
  if (!row.canEdit) return null;
  const next = NEXT[row.status as Status];
  const busy =
    navigation.state === "submitting" && navigation.formData?.get("requisitionId") === String(row.id) ? String(navigation.formData?.get("change")) : null;
  const hidden = (
    <>
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="requisitionId" value={row.id} />
      <input type="hidden" name="expected" value={row.status} />
    </>
  );
  return (
    <div className="hiring-actions">
      {next ? (
        <Form method="post" preventScrollReset>
          {hidden}
          <input type="hidden" name="change" value="next" />
          <button
            type="submit"
            className="btn btn--primary btn--sm"
            aria-label={t("Move to {{status}}: {{title}}", { status: t(STATUS_LABELS[next]), title: row.title })}
            aria-busy={busy === "next" || undefined}
          >
            {busy === "next" ? "…" : `→ ${t(STATUS_LABELS[next])}`}
          </button>
        </Form>
      ) : null}
      {row.status !== "hired" && row.status !== "cancelled" ? (
        <Form method="post" preventScrollReset>
          {hidden}
          <input type="hidden" name="change" value="cancel" />
          <button
            type="submit"
            className="btn btn--ghost btn--sm"
            title={t(TEXT.cancel)}
            aria-label={t("Cancel: {{title}}", { title: row.title })}
            aria-busy={busy === "cancel" || undefined}
          >
            {busy === "cancel" ? "…" : "✕"}
          </button>
        </Form>
      ) : null}
      {row.status === "cancelled" ? (
        <Form method="post" preventScrollReset>
          {hidden}
          <input type="hidden" name="change" value="reopen" />
          <button type="submit" className="btn btn--ghost btn--sm" aria-label={t("Reopen: {{title}}", { title: row.title })}>
            {t(TEXT.reopen)}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

function SalaryCell({ row }: { row: Row }) {
  const formatting = useFormatting();
  const { t } = useTranslation("hiring");
  if (row.annualSalaryCents == null) {
    return (
      <span className="muted" title={t(TEXT.salaryHiddenWhy)}>
        {t(TEXT.salaryHidden)}
      </span>
    );
  }
  return <>{formatMoney(row.annualSalaryCents, formatting)}</>;
}

function DeltaCell({ row }: { row: Row }) {
  const { t } = useTranslation("hiring");
  const d = row.delta;
  if (d.kind === "days") {
    return <span className={d.days < 0 ? "hiring-delta hiring-delta--earlier" : "hiring-delta"}>{formatDeltaDays(d.days, t)}</span>;
  }
  const [text, why] =
    d.kind === "hidden"
      ? [TEXT.deltaHidden, TEXT.deltaHiddenWhy]
      : d.kind === "notCounted"
        ? [TEXT.notCounted, TEXT.notCountedWhy]
        : d.kind === "noForecast"
          ? [NO_DATA, TEXT.noForecastWhy]
          : [TEXT.noZeroCash, TEXT.noZeroCashWhy];
  return (
    <span className="muted" title={t(why)}>
      {text === NO_DATA ? text : t(text)}
    </span>
  );
}

function MonthCell({ month }: { month: string }) {
  const formatting = useFormatting();
  return <>{formatMonth(month, formatting.locale)}</>;
}

const col = createDataTableColumnHelper<Row>();

/** The table's columns, headers in the reader's language. */
function hiringColumns(t: TFunction) {
  const baseColumns = [
    col.accessor("title", {
      id: "title",
      header: t("Title"),
      meta: { rowHeader: true },
      cell: (c) => (
        <span className="hiring-title">
          <Link to={`/hiring/${c.row.original.id}`}>{c.getValue()}</Link>
          {c.row.original.profile || c.row.original.source ? (
            <span className="muted hiring-sub">{[c.row.original.profile, c.row.original.source].filter(Boolean).join(" · ")}</span>
          ) : null}
        </span>
      ),
    }),
    col.accessor("teamName", { id: "team", header: t("Team"), cell: (c) => c.getValue() ?? "—" }),
    col.accessor("priority", { id: "priority", header: t("Priority"), cell: (c) => <PriorityBadge priority={c.getValue()} /> }),
    col.accessor("targetStartMonth", {
      id: "targetStartMonth",
      header: t("Target start"),
      meta: { nowrap: true },
      cell: (c) => <MonthCell month={c.getValue()} />,
    }),
    col.accessor("status", {
      id: "status",
      header: t("Status"),
      cell: (c) => (
        <div className="hiring-status">
          <RequisitionStatusBadge status={c.getValue()} />
          <StatusActions row={c.row.original} />
        </div>
      ),
    }),
    col.accessor("objectiveTitle", {
      id: "objective",
      header: t("Objective"),
      cell: (c) => {
        const v = c.getValue();
        return v ? (
          <span className="hiring-clamp" title={v}>
            {v}
          </span>
        ) : (
          "—"
        );
      },
    }),
  ];
  const salaryColumn = col.accessor("annualSalaryCents", {
    id: "salary",
    header: t(TEXT.salary),
    meta: { align: "end", nowrap: true, withheld: (r: Row) => !r.salaryVisible, withheldNote: t(TEXT.salaryColumnWithheld) },
    cell: (c) => <SalaryCell row={c.row.original} />,
  });
  const deltaColumn = col.display({
    id: "delta",
    header: () => (
      <span className="hiring-th-tip">
        {t(TEXT.delta)} <Tooltip label={t("How Δ zero-cash is computed")} content={t(TEXT.deltaFormula)} align="end" />
      </span>
    ),
    meta: {
      align: "end",
      nowrap: true,
      withheld: (r: Row) => r.delta.kind === "hidden" || (r.delta.kind === "notCounted" && !r.salaryVisible),
      withheldNote: t(TEXT.deltaColumnWithheld),
    },
    cell: (c) => <DeltaCell row={c.row.original} />,
  });
  return { withSalary: col.columns([...baseColumns, salaryColumn, deltaColumn]), withoutSalary: col.columns([...baseColumns, deltaColumn]) };
}

export default function HiringIndex() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { user, formatting, permissions } = useRootData();
  const location = useLocation();
  const canCreate = permissions.includes("hiring:edit") || permissions.includes("hiring:propose");
  const isFullEditor = permissions.includes("hiring:edit");
  const f = data.filters;
  const csvHref = `/hiring.csv${location.search}`;
  const { t } = useTranslation("hiring");
  const columns = useMemo(() => hiringColumns(t), [t]);

  return (
    <>
      <PageHeader
        title={t(TEXT.title)}
        description={t(TEXT.description)}
        actions={
          canCreate ? (
            <ButtonLink to="/hiring/new" variant="primary">
              {isFullEditor ? t(TEXT.newRequisition) : t(TEXT.propose)}
            </ButtonLink>
          ) : undefined
        }
      >
        <HiringTabs />
      </PageHeader>

      <p className="hiring-meta">
        <span>
          {t("Headcount ({{month}}):", { month: formatMonth(data.headcount.month, formatting.locale) })}{" "}
          {data.headcount.empty ? (
            <>
              {t("no employees or requisitions yet —")} <Link to="/import#import-employees">{t("import your employees")}</Link>
            </>
          ) : (
            <Link to="/hiring/headcount">
              <strong {...metricAttributes(data.headcount.marks.actual)}>{data.headcount.actual}</strong> {t("actual")} ·{" "}
              <span {...metricAttributes(data.headcount.marks.planned)}>{data.headcount.planned}</span> {t("planned")} ·{" "}
              {t("target {{target}}", { target: data.headcount.target })}
            </Link>
          )}
        </span>
        <span>
          {t("Loaded-cost factor {{factor}}", { factor: formatNumber(data.loadedCostFactor, { locale: formatting.locale, digits: 2 }) })}
          {user && can(user, "settings:manage") ? (
            <>
              {" — "}
              <Link to="/settings">{t(TEXT.changeInSettings)}</Link>
            </>
          ) : null}
        </span>
        {data.seesSomeSalary && data.visibleSalaryTotalCents != null ? (
          <span>
            {t("Annual salaries shown: {{total}}", { total: formatMoney(data.visibleSalaryTotalCents, formatting) })}
            {data.hiddenSalaryCount > 0 ? (
              <span className="muted"> ({t("{{count}} salaries hidden from your role", { count: data.hiddenSalaryCount })})</span>
            ) : null}
          </span>
        ) : null}
      </p>

      {reply?.status === "ok" ? (
        <p className="notice" role="status">
          {reply.message}
          {"hiredRequisitionId" in reply && reply.hiredRequisitionId && permissions.includes("salaries:employees:read") ? (
            <>
              {" "}
              <Link to={`/hiring/employees/new?fromRequisition=${reply.hiredRequisitionId}`}>{t(TEXT.addHired)}</Link>
            </>
          ) : null}
        </p>
      ) : data.saved ? (
        <p className="notice" role="status">
          {t(data.saved)}
        </p>
      ) : null}
      {isErrorReply(reply) ? (
        <p className="form-error" role="alert">
          {[...reply.formErrors, ...Object.entries(reply.fieldErrors).map(([k, m]) => `${k} ${m.join(", ")}`)].join(" ")}
        </p>
      ) : null}

      <FilterBar
        label={t(TEXT.filters)}
        keep={["sort", "dir", "size", "q"]}
        values={{ team: f.team == null ? undefined : String(f.team), status: f.status, priority: f.priority, from: f.from, to: f.to }}
        controls={[
          { kind: "select", name: "team", label: t(TEXT.team), options: data.teams.map((tm) => ({ value: String(tm.id), label: tm.name })) },
          { kind: "select", name: "status", label: t(TEXT.status), options: STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) })) },
          { kind: "select", name: "priority", label: t(TEXT.priority), options: PRIORITY_VALUES.map((p) => ({ value: p, label: p })) },
          { kind: "month", name: "from", label: t(TEXT.from) },
          { kind: "month", name: "to", label: t(TEXT.to) },
        ]}
      />

      <DataTable
        caption={t(TEXT.caption)}
        columns={data.seesSomeSalary ? columns.withSalary : columns.withoutSalary}
        data={data.rows}
        total={data.total}
        params={data.params}
        getRowId={(r) => String(r.id)}
        filter={{ label: t(TEXT.filterLabel) }}
        csvHref={csvHref}
        rowClassName={(r) => (r.status === "cancelled" ? "hiring-row--cancelled" : undefined)}
        emptyState={
          <EmptyState
            title={t(TEXT.emptyTitle)}
            whoMay={t(TEXT.emptyWho)}
            action={canCreate ? <ButtonLink to="/hiring/new">{isFullEditor ? t(TEXT.newRequisition) : t(TEXT.propose)}</ButtonLink> : undefined}
          >
            {t(TEXT.emptyBody)}
          </EmptyState>
        }
      />
      {data.forecastAsOf ? (
        <p className="muted hiring-footnote">
          {t("Δ zero-cash from the forecast after {{month}} (latest closed month).", { month: formatMonth(data.forecastAsOf, formatting.locale) })}{" "}
          <Badge tone="bad">{formatDeltaDays(-30, t)}</Badge> {t("= brings the zero-cash date 30 days earlier.")}
        </p>
      ) : null}
    </>
  );
}
