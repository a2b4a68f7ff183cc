import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { HiringTabs } from "~/components/hiring/hiring-tabs";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { createDataTableColumnHelper, DataTable } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { FilterBar, labelOptions } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { useFormatting } from "~/hooks/root-data";
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

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Employees",
  description: "The actual headcount: who works here, in which team, since when.",
  caption: "Employees",
  filterLabel: "Search name or title",
  team: "Team",
  at: "Employed at end of",
  emptyTitle: "No employees yet",
  emptyBody: "Add the first person with “Add employee” (or load the demo team with npm run db:seed).",
  add: "Add employee",
  emptyWho: "CEO",
  status: "Status",
  anyStatus: "Any",
  statusLabels: { current: "On the payroll", starting: "Not started yet", left: "Left" },
  current: "Current",
  starting: (d: string) => `Starts ${d}`,
  leaving: (d: string) => `Leaving ${d}`,
  left: (d: string) => `Left ${d}`,
} as const;

export const meta: MetaFunction = () => [{ title: "Employees · Strategy Tracker" }];

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
  switch (row.status) {
    case "starting":
      return <Badge tone="info">{TEXT.starting(d(row.startDate))}</Badge>;
    case "leaving":
      return <Badge tone="warn">{TEXT.leaving(d(row.endDate!))}</Badge>;
    case "left":
      return <span className="muted">{TEXT.left(d(row.endDate!))}</span>;
    case "current":
      return <>{TEXT.current}</>;
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
const base = [
  col.accessor("name", { id: "name", header: "Name", meta: { rowHeader: true } }),
  col.accessor("teamName", { id: "team", header: "Team", cell: (c) => c.getValue() ?? "—" }),
  col.accessor("title", { id: "title", header: "Title" }),
  col.accessor("startDate", { id: "startDate", header: "Start", meta: { nowrap: true }, cell: (c) => <DateCell value={c.getValue()} fallback="—" /> }),
  col.accessor("endDate", { id: "endDate", header: "End", meta: { nowrap: true }, cell: (c) => <DateCell value={c.getValue()} fallback="—" /> }),
  col.display({ id: "status", header: TEXT.status, cell: (c) => <StatusCell row={c.row.original} /> }),
];
const salary = col.accessor("annualSalaryCents", {
  id: "salary",
  header: "Annual salary",
  meta: { align: "end", nowrap: true },
  cell: (c) => <SalaryCell cents={c.getValue()} />,
});
const columnsWithSalary = col.columns([...base, salary]);
const columnsWithoutSalary = col.columns(base);

export default function Employees() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const f = data.filters;
  return (
    <>
      <PageHeader
        title={TEXT.title}
        description={TEXT.description}
        actions={
          data.canAdd ? (
            <ButtonLink to="/hiring/employees/new" variant="primary">
              {TEXT.add}
            </ButtonLink>
          ) : undefined
        }
      >
        <HiringTabs />
      </PageHeader>
      <FilterBar
        label="Filters"
        keep={["sort", "dir", "size", "q"]}
        values={{ team: f.team == null ? undefined : String(f.team), status: f.status, at: f.at }}
        controls={[
          { kind: "select", name: "team", label: TEXT.team, options: data.teams.map((t) => ({ value: String(t.id), label: t.name })) },
          { kind: "select", name: "status", label: TEXT.status, anyLabel: TEXT.anyStatus, options: labelOptions(TEXT.statusLabels) },
          { kind: "month", name: "at", label: TEXT.at },
        ]}
      />
      <DataTable
        caption={TEXT.caption}
        columns={data.seesSalary ? columnsWithSalary : columnsWithoutSalary}
        data={data.rows}
        total={data.total}
        params={data.params}
        getRowId={(r) => String(r.id)}
        filter={{ label: TEXT.filterLabel }}
        csvHref={`/hiring/employees.csv${location.search}`}
        emptyState={
          <EmptyState
            title={TEXT.emptyTitle}
            whoMay={TEXT.emptyWho}
            action={data.canAdd ? <ButtonLink to="/hiring/employees/new">{TEXT.add}</ButtonLink> : undefined}
          >
            {TEXT.emptyBody}
          </EmptyState>
        }
      />
    </>
  );
}
