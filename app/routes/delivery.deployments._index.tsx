import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { DeploymentStatusBadge } from "~/components/delivery/badges";
import { DeliveryTabs } from "~/components/delivery/tabs";
import { Badge } from "~/components/ui/badge";
import { buttonClassName } from "~/components/ui/button";
import { createDataTableColumnHelper, DataTable } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { FilterBar, type FilterControl } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { useFormatting, useOptionalUser } from "~/hooks/root-data";
import { formatDateTime, formatHours, formatNumber } from "~/lib/format";
import { parseTableParams, tablePaging } from "~/lib/table-params";
import {
  DEPLOYMENT_SORTS,
  listDeployments,
  listServiceOptions,
  listTeamOptions,
  MAX_EXPORT_ROWS,
  parseDeploymentFilter,
  type DeploymentListRow,
} from "~/models/delivery.server";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Deployments",
  description: "Every deployment sent by CI (POST /api/v1/deployments) or imported from CSV. Only successful production deployments count in the DORA figures.",
  caption: "Deployments",
  emptyTitle: "No deployments yet",
  emptyBody: "Connect a CI pipeline to POST /api/v1/deployments with an API token, or import a CSV of history.",
  whoMay: "CEO and CTO (API tokens and imports)",
  import: "Import CSV",
  filters: "Filter deployments",
};

export const meta: MetaFunction = () => [{ title: "Deployments · Strategy Tracker" }];

const TABLE = { sortable: DEPLOYMENT_SORTS, defaultSort: { id: "finishedAt", desc: true } } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const db = getDb();
  const url = new URL(request.url);
  const params = parseTableParams(url, TABLE);
  const { filter, notices, echo } = parseDeploymentFilter(db, url.searchParams);
  const { rows, total } = listDeployments(db, filter, params.sort, tablePaging(params));
  return {
    params,
    rows,
    total,
    notices,
    echo,
    services: listServiceOptions(db).map((s) => s.name),
    teams: listTeamOptions(db).map((t) => t.name),
    exportCap: MAX_EXPORT_ROWS,
  };
}

const col = createDataTableColumnHelper<DeploymentListRow>();

function useColumns() {
  const formatting = useFormatting();
  return col.columns([
    col.accessor("finishedAt", {
      id: "finishedAt",
      header: "Finished",
      meta: { rowHeader: true },
      cell: (c) => <Link to={`/delivery/deployments/${c.row.original.id}`}>{formatDateTime(c.getValue(), formatting.timeZone, formatting.locale)}</Link>,
    }),
    col.accessor("service", {
      id: "service",
      header: "Service",
      meta: { nowrap: true },
      cell: (c) => (
        <Link to={`?service=${encodeURIComponent(c.getValue())}`} title={`Only ${c.getValue()}`}>
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor("team", { id: "team", header: "Team", cell: (c) => c.getValue() ?? "—" }),
    col.accessor("environment", { id: "environment", header: "Environment" }),
    col.accessor("status", { id: "status", header: "Status", cell: (c) => <DeploymentStatusBadge status={c.getValue()} /> }),
    col.accessor("externalId", { id: "externalId", header: "External id", cell: (c) => <code>{c.getValue() ?? "—"}</code> }),
    col.accessor("commits", {
      id: "commits",
      header: "Commits",
      meta: { align: "end" },
      cell: (c) => formatNumber(c.getValue(), { locale: formatting.locale, digits: 0 }),
    }),
    col.accessor("oldestChangeHours", {
      id: "oldestChange",
      header: "Oldest change",
      meta: { align: "end", nowrap: true },
      cell: (c) => {
        const v = c.getValue();
        return v === null ? (
          <span className="dl-muted">no data</span>
        ) : (
          <span title="Finished − oldest commit (or first-commit time)">{formatHours(v, formatting.locale)}</span>
        );
      },
    }),
    col.display({
      id: "flags",
      header: "Flags",
      cell: (c) => (
        <span className="dl-flags">
          {c.row.original.isHotfix ? <Badge tone="warn">hotfix</Badge> : null}
          {c.row.original.isRollback ? <Badge tone="warn">rollback</Badge> : null}
        </span>
      ),
    }),
    col.accessor("incidents", {
      id: "incidents",
      header: "Incidents caused",
      meta: { align: "end" },
      cell: (c) => (c.getValue() > 0 ? <Badge tone="bad">{c.getValue()}</Badge> : "0"),
    }),
  ]);
}

export default function Deployments() {
  const { params, rows, total, notices, echo, services, teams } = useLoaderData<typeof loader>();
  const { exportCap } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const location = useLocation();
  const columns = useColumns();
  const controls: FilterControl[] = [
    { kind: "select", name: "service", label: "Service", options: services.map((s) => ({ value: s, label: s })) },
    { kind: "select", name: "team", label: "Team", options: teams.map((t) => ({ value: t, label: t })) },
    {
      kind: "select",
      name: "status",
      label: "Status",
      options: [
        { value: "success", label: "Success" },
        { value: "failure", label: "Failure" },
      ],
    },
    { kind: "text", name: "environment", label: "Environment", list: ["production", "staging"], placeholder: "any" },
    { kind: "date", name: "from", label: "Finished from" },
    { kind: "date", name: "to", label: "Finished to" },
    {
      kind: "select",
      name: "hotfix",
      label: "Hotfix",
      options: [
        { value: "yes", label: "Yes" },
        { value: "no", label: "No" },
      ],
    },
    {
      kind: "select",
      name: "rollback",
      label: "Rollback",
      options: [
        { value: "yes", label: "Yes" },
        { value: "no", label: "No" },
      ],
    },
  ];
  const filtered = Object.keys(echo).length > 0;
  return (
    <>
      <PageHeader
        title={TEXT.title}
        description={TEXT.description}
        actions={
          can(user, "delivery:edit") ? (
            <Link to="/delivery/import" className={buttonClassName("secondary")}>
              {TEXT.import}
            </Link>
          ) : undefined
        }
      >
        <DeliveryTabs current="deployments" />
      </PageHeader>
      <FilterBar controls={controls} values={echo} notices={notices} label={TEXT.filters} />
      <DataTable
        columns={columns}
        data={rows}
        total={total}
        params={params}
        caption={TEXT.caption}
        getRowId={(r) => String(r.id)}
        csvHref={`/delivery/deployments.csv${location.search}`}
        emptyState={
          filtered ? (
            <EmptyState title="No deployment matches these filters">
              <Link to="/delivery/deployments">Clear the filters</Link>
            </EmptyState>
          ) : (
            <EmptyState title={TEXT.emptyTitle} whoMay={TEXT.whoMay}>
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
