import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { DeploymentStatusBadge } from "~/components/delivery/badges";
import { DeliveryListPage } from "~/components/delivery/list-page";
import { Badge } from "~/components/ui/badge";
import { buttonClassName } from "~/components/ui/button";
import { createDataTableColumnHelper } from "~/components/ui/data-table";
import { selectControl, type FilterControl } from "~/components/ui/filter-bar";
import { DEPLOYMENTS_LIST, loadDeliveryList } from "~/handlers/delivery-list.server";
import { useFormatting, useOptionalUser } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatDateTime, formatHours, formatNumber } from "~/lib/format";
import { type DeploymentListRow } from "~/models/delivery.server";
import { getDb } from "~/utils/db.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Deployments"),
  description: N_(
    "Every deployment sent by CI (POST /api/v1/deployments) or imported from CSV. Only successful production deployments count in the DORA figures.",
  ),
  caption: N_("Deployments"),
  emptyTitle: N_("No deployments yet"),
  emptyBody: N_("Connect a CI pipeline to POST /api/v1/deployments with an API token, or import a CSV of history."),
  whoMay: N_("CEO and CTO (API tokens and imports)"),
  import: N_("Import CSV"),
  filters: N_("Filter deployments"),
};

export const { handle, meta } = routeHead("delivery", N_("Deployments", "delivery"));

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return loadDeliveryList(getDb(), new URL(request.url), DEPLOYMENTS_LIST);
}

const col = createDataTableColumnHelper<DeploymentListRow>();

function useColumns() {
  const { t } = useTranslation("delivery");
  const formatting = useFormatting();
  return col.columns([
    col.accessor("finishedAt", {
      id: "finishedAt",
      header: t("Finished"),
      meta: { rowHeader: true },
      cell: (c) => <Link to={`/delivery/deployments/${c.row.original.id}`}>{formatDateTime(c.getValue(), formatting.timeZone, formatting.locale)}</Link>,
    }),
    col.accessor("service", {
      id: "service",
      header: t("Service"),
      meta: { nowrap: true },
      cell: (c) => (
        <Link to={`?service=${encodeURIComponent(c.getValue())}`} title={t("Only {{name}}", { name: c.getValue() })}>
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor("team", { id: "team", header: t("Team"), cell: (c) => c.getValue() ?? "—" }),
    col.accessor("environment", { id: "environment", header: t("Environment") }),
    col.accessor("status", { id: "status", header: t("Status"), cell: (c) => <DeploymentStatusBadge status={c.getValue()} /> }),
    col.accessor("externalId", { id: "externalId", header: t("External id"), cell: (c) => <code>{c.getValue() ?? "—"}</code> }),
    col.accessor("commits", {
      id: "commits",
      header: t("Commits"),
      meta: { align: "end" },
      cell: (c) => formatNumber(c.getValue(), { locale: formatting.locale, digits: 0 }),
    }),
    col.accessor("oldestChangeHours", {
      id: "oldestChange",
      header: t("Oldest change"),
      meta: { align: "end", nowrap: true },
      cell: (c) => {
        const v = c.getValue();
        return v === null ? (
          <span className="dl-muted">{t("no data")}</span>
        ) : (
          <span title={t("Finished − oldest commit (or first-commit time)")}>{formatHours(v, formatting.locale)}</span>
        );
      },
    }),
    col.display({
      id: "flags",
      header: t("Flags"),
      cell: (c) => (
        <span className="dl-flags">
          {c.row.original.isHotfix ? <Badge tone="warn">{t("hotfix")}</Badge> : null}
          {c.row.original.isRollback ? <Badge tone="warn">{t("rollback")}</Badge> : null}
        </span>
      ),
    }),
    col.accessor("incidents", {
      id: "incidents",
      header: t("Incidents caused"),
      meta: { align: "end" },
      cell: (c) => (c.getValue() > 0 ? <Badge tone="bad">{c.getValue()}</Badge> : "0"),
    }),
  ]);
}

export default function Deployments() {
  const { t } = useTranslation("delivery");
  const list = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const columns = useColumns();
  const yesNo = [
    ["yes", t("Yes")],
    ["no", t("No")],
  ] as const;
  const controls: FilterControl[] = [
    selectControl("status", t("Status"), [
      ["success", t("Success")],
      ["failure", t("Failure")],
    ]),
    { kind: "text", name: "environment", label: t("Environment"), list: ["production", "staging"], placeholder: t("any") },
    { kind: "date", name: "from", label: t("Finished from") },
    { kind: "date", name: "to", label: t("Finished to") },
    selectControl("hotfix", t("Hotfix"), yesNo),
    selectControl("rollback", t("Rollback"), yesNo),
  ];
  return (
    <DeliveryListPage
      {...list}
      tab="deployments"
      text={TEXT}
      actions={
        can(user, "delivery:edit") ? (
          <Link to="/delivery/import" className={buttonClassName("secondary")}>
            {t(TEXT.import)}
          </Link>
        ) : undefined
      }
      filters={controls}
      columns={columns}
      csvHref="/delivery/deployments.csv"
      noMatchTitle={t("No deployment matches these filters")}
    />
  );
}
