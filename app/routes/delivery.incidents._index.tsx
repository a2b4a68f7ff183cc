import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { CauseKindBadge, IncidentStateBadge, SeverityBadge } from "~/components/delivery/badges";
import { DeliveryTabs } from "~/components/delivery/tabs";
import { buttonClassName } from "~/components/ui/button";
import { createDataTableColumnHelper, DataTable } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { FilterBar, type FilterControl } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { useFormatting, useOptionalUser } from "~/hooks/root-data";
import { formatDateTime, formatHours } from "~/lib/format";
import { parseTableParams, tablePaging } from "~/lib/table-params";
import {
  INCIDENT_SORTS,
  listIncidents,
  listServiceOptions,
  listTeamOptions,
  MAX_EXPORT_ROWS,
  parseIncidentFilter,
  SEVERITIES,
  type IncidentListRow,
} from "~/models/delivery.server";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Incidents",
  description:
    "Incidents from the incident tool (POST /api/v1/incidents), CSV imports or this page. A cause marked “inferred” follows the rule: the latest successful production deployment of the service finished at or before the incident started.",
  caption: "Incidents",
  emptyTitle: "No incidents yet",
  emptyBody: "Send them from the incident tool to POST /api/v1/incidents, import a CSV, or declare one here.",
  whoMay: "CEO and CTO",
  create: "Declare an incident",
  filters: "Filter incidents",
};

export const meta: MetaFunction = () => [{ title: "Incidents · Strategy Tracker" }];

const TABLE = { sortable: INCIDENT_SORTS, defaultSort: { id: "startedAt", desc: true } } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const db = getDb();
  const url = new URL(request.url);
  const params = parseTableParams(url, TABLE);
  const { filter, notices, echo } = parseIncidentFilter(db, url.searchParams);
  const { rows, total } = listIncidents(db, filter, params.sort, tablePaging(params));
  return {
    params,
    rows,
    total,
    notices,
    echo,
    services: listServiceOptions(db).map((s) => s.name),
    teams: listTeamOptions(db).map((t) => t.name),
    exportCap: MAX_EXPORT_ROWS,
    severities: SEVERITIES,
  };
}

const col = createDataTableColumnHelper<IncidentListRow>();

function useColumns() {
  const formatting = useFormatting();
  return col.columns([
    col.accessor("startedAt", {
      id: "startedAt",
      header: "Started",
      cell: (c) => formatDateTime(c.getValue(), formatting.timeZone, formatting.locale),
    }),
    col.accessor("title", {
      id: "title",
      header: "Incident",
      meta: { rowHeader: true, className: "dl-col-title" },
      cell: (c) => <Link to={`/delivery/incidents/${c.row.original.id}`}>{c.getValue()}</Link>,
    }),
    col.accessor("severity", { id: "severity", header: "Severity", cell: (c) => <SeverityBadge severity={c.getValue()} /> }),
    col.accessor("service", {
      id: "service",
      header: "Service",
      meta: { nowrap: true },
      cell: (c) => <Link to={`?service=${encodeURIComponent(c.getValue())}`}>{c.getValue()}</Link>,
    }),
    col.accessor("team", { id: "team", header: "Team", cell: (c) => c.getValue() ?? "—" }),
    col.accessor("resolvedAt", {
      id: "resolvedAt",
      header: "State",
      meta: { nowrap: true },
      cell: (c) => (
        <span title={c.getValue() !== null ? `Resolved ${formatDateTime(c.getValue(), formatting.timeZone, formatting.locale)}` : undefined}>
          <IncidentStateBadge resolvedAt={c.getValue()} />
        </span>
      ),
    }),
    col.accessor("durationHours", {
      id: "duration",
      header: "Time to restore",
      meta: { align: "end", nowrap: true },
      cell: (c) => (c.getValue() === null ? <span className="dl-muted">open</span> : formatHours(c.getValue(), formatting.locale)),
    }),
    col.display({
      id: "cause",
      header: "Caused by",
      cell: (c) => {
        const r = c.row.original;
        return (
          <span className="dl-flags">
            {r.causeDeploymentId !== null ? (
              <Link to={`/delivery/deployments/${r.causeDeploymentId}`}>
                <code>{r.causeExternalId ?? `#${r.causeDeploymentId}`}</code>
              </Link>
            ) : null}
            <CauseKindBadge kind={r.causeKind} />
          </span>
        );
      },
    }),
  ]);
}

export default function Incidents() {
  const { params, rows, total, notices, echo, services, teams, severities } = useLoaderData<typeof loader>();
  const { exportCap } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const location = useLocation();
  const columns = useColumns();
  const editable = can(user, "delivery:edit");
  const controls: FilterControl[] = [
    { kind: "select", name: "service", label: "Service", options: services.map((s) => ({ value: s, label: s })) },
    { kind: "select", name: "team", label: "Team", options: teams.map((t) => ({ value: t, label: t })) },
    { kind: "select", name: "severity", label: "Severity", options: severities.map((s) => ({ value: s, label: s })) },
    {
      kind: "select",
      name: "state",
      label: "State",
      options: [
        { value: "open", label: "Open" },
        { value: "resolved", label: "Resolved" },
      ],
    },
    {
      kind: "select",
      name: "cause",
      label: "Cause",
      options: [
        { value: "explicit", label: "Explicit" },
        { value: "inferred", label: "Inferred" },
        { value: "none", label: "Cleared" },
        { value: "unset", label: "No cause found" },
      ],
    },
    { kind: "date", name: "from", label: "Started from" },
    { kind: "date", name: "to", label: "Started to" },
  ];
  const filtered = Object.keys(echo).length > 0;
  return (
    <>
      <PageHeader
        title={TEXT.title}
        description={TEXT.description}
        actions={
          editable ? (
            <Link to="/delivery/incidents/new" className={buttonClassName("primary")}>
              {TEXT.create}
            </Link>
          ) : undefined
        }
      >
        <DeliveryTabs current="incidents" />
      </PageHeader>
      <FilterBar controls={controls} values={echo} notices={notices} label={TEXT.filters} />
      <DataTable
        columns={columns}
        data={rows}
        total={total}
        params={params}
        caption={TEXT.caption}
        getRowId={(r) => String(r.id)}
        csvHref={`/delivery/incidents.csv${location.search}`}
        rowClassName={(r) => (r.resolvedAt === null ? "dl-row--open" : undefined)}
        emptyState={
          filtered ? (
            <EmptyState title="No incident matches these filters">
              <Link to="/delivery/incidents">Clear the filters</Link>
            </EmptyState>
          ) : (
            <EmptyState
              title={TEXT.emptyTitle}
              whoMay={TEXT.whoMay}
              action={
                editable ? (
                  <Link to="/delivery/incidents/new" className={buttonClassName("primary", "sm")}>
                    {TEXT.create}
                  </Link>
                ) : undefined
              }
            >
              <p>{TEXT.emptyBody}</p>
            </EmptyState>
          )
        }
      />
      {total > exportCap ? (
        <p className="dl-muted">
          The CSV export holds the first {exportCap.toLocaleString("en")} of these {total.toLocaleString("en")} rows, in the order shown; narrow the filters
          (e.g. a date range) to export the rest.
        </p>
      ) : null}
    </>
  );
}
