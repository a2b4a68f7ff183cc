import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
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
import { N_ } from "~/i18n/mark";
import { metaT, pageTitle } from "~/i18n/meta";
import { formatDateTime, formatHours, formatNumber } from "~/lib/format";
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
  title: N_("Incidents"),
  description: N_(
    "Incidents from the incident tool (POST /api/v1/incidents), CSV imports or this page. A cause marked “inferred” follows the rule: the latest successful production deployment of the service finished at or before the incident started.",
  ),
  caption: N_("Incidents"),
  emptyTitle: N_("No incidents yet"),
  emptyBody: N_("Send them from the incident tool to POST /api/v1/incidents, import a CSV, or declare one here."),
  whoMay: N_("CEO and CTO"),
  create: N_("Declare an incident"),
  filters: N_("Filter incidents"),
};

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "delivery");
  return [{ title: pageTitle(t, t("Incidents")) }];
};

export const handle = { i18n: ["delivery"] };

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
  const { t } = useTranslation("delivery");
  const formatting = useFormatting();
  return col.columns([
    col.accessor("startedAt", {
      id: "startedAt",
      header: t("Started"),
      cell: (c) => formatDateTime(c.getValue(), formatting.timeZone, formatting.locale),
    }),
    col.accessor("title", {
      id: "title",
      header: t("Incident"),
      meta: { rowHeader: true, className: "dl-col-title" },
      cell: (c) => <Link to={`/delivery/incidents/${c.row.original.id}`}>{c.getValue()}</Link>,
    }),
    col.accessor("severity", { id: "severity", header: t("Severity"), cell: (c) => <SeverityBadge severity={c.getValue()} /> }),
    col.accessor("service", {
      id: "service",
      header: t("Service"),
      meta: { nowrap: true },
      cell: (c) => <Link to={`?service=${encodeURIComponent(c.getValue())}`}>{c.getValue()}</Link>,
    }),
    col.accessor("team", { id: "team", header: t("Team"), cell: (c) => c.getValue() ?? "—" }),
    col.accessor("resolvedAt", {
      id: "resolvedAt",
      header: t("State"),
      meta: { nowrap: true },
      cell: (c) => (
        <span
          title={c.getValue() !== null ? t("Resolved {{time}}", { time: formatDateTime(c.getValue(), formatting.timeZone, formatting.locale) }) : undefined}
        >
          <IncidentStateBadge resolvedAt={c.getValue()} />
        </span>
      ),
    }),
    col.accessor("durationHours", {
      id: "duration",
      header: t("Time to restore"),
      meta: { align: "end", nowrap: true },
      cell: (c) => (c.getValue() === null ? <span className="dl-muted">{t("open")}</span> : formatHours(c.getValue(), formatting.locale)),
    }),
    col.display({
      id: "cause",
      header: t("Caused by"),
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
  const { t } = useTranslation("delivery");
  const { params, rows, total, notices, echo, services, teams, severities } = useLoaderData<typeof loader>();
  const { exportCap } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const formatting = useFormatting();
  const location = useLocation();
  const columns = useColumns();
  const editable = can(user, "delivery:edit");
  const controls: FilterControl[] = [
    { kind: "select", name: "service", label: t("Service"), options: services.map((s) => ({ value: s, label: s })) },
    { kind: "select", name: "team", label: t("Team"), options: teams.map((t) => ({ value: t, label: t })) },
    { kind: "select", name: "severity", label: t("Severity"), options: severities.map((s) => ({ value: s, label: s })) },
    {
      kind: "select",
      name: "state",
      label: t("State"),
      options: [
        { value: "open", label: t("Open") },
        { value: "resolved", label: t("Resolved") },
      ],
    },
    {
      kind: "select",
      name: "cause",
      label: t("Cause"),
      options: [
        { value: "explicit", label: t("Explicit") },
        { value: "inferred", label: t("Inferred") },
        { value: "none", label: t("Cleared") },
        { value: "unset", label: t("No cause found") },
      ],
    },
    { kind: "date", name: "from", label: t("Started from") },
    { kind: "date", name: "to", label: t("Started to") },
  ];
  const filtered = Object.keys(echo).length > 0;
  return (
    <>
      <PageHeader
        title={t(TEXT.title)}
        description={t(TEXT.description)}
        actions={
          editable ? (
            <Link to="/delivery/incidents/new" className={buttonClassName("primary")}>
              {t(TEXT.create)}
            </Link>
          ) : undefined
        }
      >
        <DeliveryTabs current="incidents" />
      </PageHeader>
      <FilterBar controls={controls} values={echo} notices={notices} label={t(TEXT.filters)} />
      <DataTable
        columns={columns}
        data={rows}
        total={total}
        params={params}
        caption={t(TEXT.caption)}
        getRowId={(r) => String(r.id)}
        csvHref={`/delivery/incidents.csv${location.search}`}
        rowClassName={(r) => (r.resolvedAt === null ? "dl-row--open" : undefined)}
        emptyState={
          filtered ? (
            <EmptyState title={t("No incident matches these filters")}>
              <Link to="/delivery/incidents">{t("Clear the filters")}</Link>
            </EmptyState>
          ) : (
            <EmptyState
              title={t(TEXT.emptyTitle)}
              whoMay={t(TEXT.whoMay)}
              action={
                editable ? (
                  <Link to="/delivery/incidents/new" className={buttonClassName("primary", "sm")}>
                    {t(TEXT.create)}
                  </Link>
                ) : undefined
              }
            >
              <p>{t(TEXT.emptyBody)}</p>
            </EmptyState>
          )
        }
      />
      {total > exportCap ? (
        <p className="dl-muted">
          {t("The CSV export holds the first {{cap}} of these {{total}} rows, in the order shown; narrow the filters (e.g. a date range) to export the rest.", {
            cap: formatNumber(exportCap, { locale: formatting.locale, digits: 0 }),
            total: formatNumber(total, { locale: formatting.locale, digits: 0 }),
          })}
        </p>
      ) : null}
    </>
  );
}
