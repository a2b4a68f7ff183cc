import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { HiringTabs } from "~/components/hiring/hiring-tabs";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { createDataTableColumnHelper, DataTable } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { FilterBar, labelOptions } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { pagedRows } from "~/components/ui/paged-rows";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { employmentStatus, type EmploymentStatus } from "~/lib/employment";
import { formatDate, formatMoney } from "~/lib/format";
import { parseTableParams, tablePaging } from "~/lib/table-params";
import {
  canManageEmployees,
  currentDay,
  EMPLOYEE_SORTS,
  listEmployees,
  listTeamsForHiring,
  parseEmployeeFilters,
  type EmployeeRow,
  type EmployeeSort,
} from "~/models/hiring.server";
import { getCompanySettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const STATUS_FILTER_LABELS = { current: N_("On the payroll"), starting: N_("Not started yet"), left: N_("Left") };

const TEXT = {
  title: N_("Employees"),
  description: N_("The actual headcount: who works here, in which team, since when."),
  caption: N_("Employees"),
  filterLabel: N_("Search name or title"),
  team: N_("Team"),
  at: N_("Employed at end of"),
  emptyTitle: N_("No employees yet"),
  emptyBody: N_("Add the first person with “Add employee” (or load the demo team with npm run db:seed)."),
  add: N_("Add employee"),
  emptyWho: N_("CEO"),
  status: N_("Status"),
  anyStatus: N_("Any"),
  current: N_("Current"),
} as const;

export const { handle, meta } = routeHead("hiring", TEXT.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboards:read");
  const url = new URL(request.url);
  const seesSalary = can(user, "salaries:employees:read");
  const params = parseTableParams(url, {
    sortable: seesSalary ? EMPLOYEE_SORTS : EMPLOYEE_SORTS.filter((s) => s !== "salary"),
    defaultSort: { id: "name", desc: false },
  });
  const db = getDb();
  // "current" means on the payroll today, in the company's time zone: a person hired to start later is not current
  const today = currentDay(getCompanySettings(db).timeZone);
  const filters = { ...parseEmployeeFilters(url), today };
  // salary masked in SQL unless salaries:employees:read (CEO)
  const { rows, total } = listEmployees(db, user, filters, {
    sort: { id: params.sort.id as EmployeeSort, desc: params.sort.desc },
    page: tablePaging(params),
  });
  return {
    rows: rows.map((r) => ({ ...r, status: employmentStatus(r.startDate, r.endDate, today) })),
    total,
    params,
    seesSalary,
    canAdd: canManageEmployees(user),
    teams: listTeamsForHiring(db),
    filters: { team: filters.teamId ?? null, at: filters.employedAt ?? null, status: filters.status ?? null },
  };
}

type Row = EmployeeRow & { status: EmploymentStatus };

function StatusCell({ row }: { row: Row }) {
  const formatting = useFormatting();
  const d = (v: string) => formatDate(v, formatting.timeZone, formatting.locale);
  const { t } = useTranslation("hiring");
  switch (row.status) {
    case "starting":
      return <Badge tone="info">{t("Starts {{date}}", { date: d(row.startDate) })}</Badge>;
    case "leaving":
      return <Badge tone="warn">{t("Leaving {{date}}", { date: d(row.endDate!) })}</Badge>;
    case "left":
      return <span className="muted">{t("Left {{date}}", { date: d(row.endDate!) })}</span>;
    case "current":
      return <>{t(TEXT.current)}</>;
  }
}

function DateCell({ value, fallback }: { value: string | null; fallback: string }) {
  const formatting = useFormatting();
  return <>{value ? formatDate(value, formatting.timeZone, formatting.locale) : fallback}</>;
}

function SalaryCell({ cents }: { cents: number | null }) {
  const formatting = useFormatting();
  return <>{cents == null ? "—" : formatMoney(cents, formatting)}</>;
}

const col = createDataTableColumnHelper<Row>();

/** The table's columns, headers in the reader's language. */
function employeeColumns(t: TFunction) {
  const base = [
    col.accessor("name", { id: "name", header: t("Name"), meta: { rowHeader: true } }),
    col.accessor("teamName", { id: "team", header: t("Team"), cell: (c) => c.getValue() ?? "—" }),
    col.accessor("title", { id: "title", header: t("Title") }),
    col.accessor("startDate", { id: "startDate", header: t("Start"), meta: { nowrap: true }, cell: (c) => <DateCell value={c.getValue()} fallback="—" /> }),
    col.accessor("endDate", { id: "endDate", header: t("End"), meta: { nowrap: true }, cell: (c) => <DateCell value={c.getValue()} fallback="—" /> }),
    col.display({ id: "status", header: t(TEXT.status), cell: (c) => <StatusCell row={c.row.original} /> }),
  ];
  const salary = col.accessor("annualSalaryCents", {
    id: "salary",
    header: t("Annual salary"),
    meta: { align: "end", nowrap: true },
    cell: (c) => <SalaryCell cents={c.getValue()} />,
  });
  return { withSalary: col.columns([...base, salary]), withoutSalary: col.columns(base) };
}

export default function Employees() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const f = data.filters;
  const { t } = useTranslation("hiring");
  const columns = useMemo(() => employeeColumns(t), [t]);
  const statusLabels = Object.fromEntries(Object.entries(STATUS_FILTER_LABELS).map(([k, v]) => [k, t(v)])) as typeof STATUS_FILTER_LABELS;
  return (
    <>
      <PageHeader
        title={t(TEXT.title)}
        description={t(TEXT.description)}
        actions={
          data.canAdd ? (
            <ButtonLink to="/hiring/employees/new" variant="primary">
              {t(TEXT.add)}
            </ButtonLink>
          ) : undefined
        }
      >
        <HiringTabs />
      </PageHeader>
      <FilterBar
        label={t("Filters")}
        keep={["sort", "dir", "size", "q"]}
        values={{ team: f.team == null ? undefined : String(f.team), status: f.status, at: f.at }}
        controls={[
          { kind: "select", name: "team", label: t(TEXT.team), options: data.teams.map((tm) => ({ value: String(tm.id), label: tm.name })) },
          { kind: "select", name: "status", label: t(TEXT.status), anyLabel: t(TEXT.anyStatus), options: labelOptions(statusLabels) },
          { kind: "month", name: "at", label: t(TEXT.at) },
        ]}
      />
      <DataTable
        caption={t(TEXT.caption)}
        columns={data.seesSalary ? columns.withSalary : columns.withoutSalary}
        {...pagedRows(data)}
        filter={{ label: t(TEXT.filterLabel) }}
        csvHref={`/hiring/employees.csv${location.search}`}
        emptyState={
          <EmptyState
            title={t(TEXT.emptyTitle)}
            whoMay={t(TEXT.emptyWho)}
            action={data.canAdd ? <ButtonLink to="/hiring/employees/new">{t(TEXT.add)}</ButtonLink> : undefined}
          >
            {t(TEXT.emptyBody)}
          </EmptyState>
        }
      />
    </>
  );
}
