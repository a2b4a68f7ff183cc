import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { CauseKindBadge, IncidentStateBadge, SeverityBadge } from "~/components/delivery/badges";
import { DeliveryListPage } from "~/components/delivery/list-page";
import { buttonClassName } from "~/components/ui/button";
import { createDataTableColumnHelper } from "~/components/ui/data-table";
import { selectControl, type FilterControl } from "~/components/ui/filter-bar";
import { INCIDENTS_LIST, loadDeliveryList } from "~/handlers/delivery-list.server";
import { useFormatting, useOptionalUser } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatDateTime, formatHours } from "~/lib/format";
import { SEVERITIES, type IncidentListRow } from "~/models/delivery.server";
import { getDb } from "~/utils/db.server";
import { routeHead } from "~/utils/route-head";

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

export const { handle, meta } = routeHead("delivery", N_("Incidents", "delivery"));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return { ...loadDeliveryList(getDb(), new URL(request.url), INCIDENTS_LIST), severities: SEVERITIES };
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
  const { severities, ...list } = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const columns = useColumns();
  const editable = can(user, "delivery:edit");
  const controls: FilterControl[] = [
    selectControl(
      "severity",
      t("Severity"),
      severities.map((s) => [s, s]),
    ),
    selectControl("state", t("State"), [
      ["open", t("Open")],
      ["resolved", t("Resolved")],
    ]),
    selectControl("cause", t("Cause"), [
      ["explicit", t("Explicit")],
      ["inferred", t("Inferred")],
      ["none", t("Cleared")],
      ["unset", t("No cause found")],
    ]),
    { kind: "date", name: "from", label: t("Started from") },
    { kind: "date", name: "to", label: t("Started to") },
  ];
  return (
    <DeliveryListPage
      {...list}
      tab="incidents"
      text={TEXT}
      actions={
        editable ? (
          <Link to="/delivery/incidents/new" className={buttonClassName("primary")}>
            {t(TEXT.create)}
          </Link>
        ) : undefined
      }
      filters={controls}
      columns={columns}
      csvHref="/delivery/incidents.csv"
      rowClassName={(r) => (r.resolvedAt === null ? "dl-row--open" : undefined)}
      noMatchTitle={t("No incident matches these filters")}
      emptyAction={
        editable ? (
          <Link to="/delivery/incidents/new" className={buttonClassName("primary", "sm")}>
            {t(TEXT.create)}
          </Link>
        ) : undefined
      }
    />
  );
}
