import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { HiringMeta } from "~/components/hiring/hiring-meta";
import { HiringTabs } from "~/components/hiring/hiring-tabs";
import { formatDeltaDays, PRIORITY_VALUES, STATUS_LABELS, STATUSES } from "~/components/hiring/labels";
import { hiringColumns, type RequisitionDelta } from "~/components/hiring/requisition-columns";
import { REQUISITIONS_TEXT as TEXT } from "~/components/hiring/requisitions-text";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { DataTable } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { FilterBar } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { pagedRows } from "~/components/ui/paged-rows";
import { useRootData } from "~/hooks/root-data";
import { serverT } from "~/i18n/translate.server";
import { formatMonth } from "~/lib/format";
import type { FormReply } from "~/lib/forms";
import { isErrorReply } from "~/lib/forms";
import { formError } from "~/lib/forms.server";
import { isForecastRequisition } from "~/lib/metrics/finance";
import { RequisitionStatusChangeSchema } from "~/lib/schemas/hiring.server";
import { parseTableParams, tablePaging } from "~/lib/table-params";
import { getRequisitionDeltaDays } from "~/models/finance.server";
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
  savedFlagFromUrl,
} from "~/models/hiring.server";
import { MetricContext } from "~/models/metrics/context.server";
import { readFigureMap } from "~/models/metrics/readings.server";
import { getCompanySettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { answerForm } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead("hiring", TEXT.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db, url } = await pageRequest(request, "dashboards:read");
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

  // Δ zero-cash days, only for requisitions whose salary this user may see (it is derived from it),
  // and only for this page's rows: the whole plan enters as its cost per start month, summed in SQL.
  const forecast = getRequisitionDeltaDays(
    db,
    list.rows.flatMap((r) => (r.salaryVisible && r.annualSalaryCents != null ? [{ ...r, annualSalaryCents: r.annualSalaryCents }] : [])),
  );
  const rows = list.rows.map((r) => {
    let delta: RequisitionDelta;
    if (!forecast) delta = { kind: "noForecast" };
    else if (!isForecastRequisition(r)) delta = { kind: "notCounted" };
    else if (!r.salaryVisible) delta = { kind: "hidden" };
    else {
      const d = forecast.deltaDays.get(r.id);
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
  return answerForm(
    formData,
    RequisitionStatusChangeSchema,
    ({ requisitionId, change, expected }) => {
      // hiring:edit ({teamIsTech}) checked inside, on the stored row: a forbidden DomainError → 403
      const result = changeRequisitionStatus(getDb(), user, requisitionId, change, expected);
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
    },
    { replyTo: "status" },
  );
}

export default function HiringIndex() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { formatting, permissions } = useRootData();
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

      <HiringMeta
        headcount={data.headcount}
        loadedCostFactor={data.loadedCostFactor}
        seesSomeSalary={data.seesSomeSalary}
        visibleSalaryTotalCents={data.visibleSalaryTotalCents}
        hiddenSalaryCount={data.hiddenSalaryCount}
      />

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
        {...pagedRows(data)}
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
