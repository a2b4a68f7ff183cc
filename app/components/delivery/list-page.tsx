import { Link, useLocation } from "@remix-run/react";
import type { RowData } from "@tanstack/react-table";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { DeliveryTabs } from "~/components/delivery/tabs";
import { DataTable, type DataTableColumns } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { FilterBar, selectControl, type FilterControl } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { useFormatting } from "~/hooks/root-data";
import { formatNumber } from "~/lib/format";
import type { TableParams } from "~/lib/table-params";

/**
 * The shell of the deployments and incidents list pages: header with the delivery tabs, the filter
 * form, the table (sorted and paged in the URL) with its CSV link, an empty state that tells a
 * filtered-out list from an empty one, and the CSV cap note. Each page gives its texts, columns and filters.
 */
export function DeliveryListPage<Row extends RowData & { id: number }>({
  tab,
  text,
  actions,
  services,
  teams,
  filters,
  echo,
  notices,
  columns,
  rows,
  total,
  params,
  getRowId = (row) => String(row.id),
  csvHref,
  rowClassName,
  noMatchTitle,
  emptyAction,
  exportCap,
}: {
  tab: "deployments" | "incidents";
  /** the page's texts (keys of the delivery namespace, translated here) */
  text: { title: string; description: string; filters: string; caption: string; emptyTitle: string; emptyBody: string; whoMay: string };
  actions?: ReactNode;
  /** service and team names: the first two filters */
  services: readonly string[];
  teams: readonly string[];
  /** the page's own filters, after service and team */
  filters: readonly FilterControl[];
  /** the filters as read from the URL (the loader's echo) */
  echo: Readonly<Record<string, string | null | undefined>>;
  notices: readonly string[];
  columns: DataTableColumns<Row>;
  rows: readonly Row[];
  total: number;
  params: TableParams;
  /** default: the row's id */
  getRowId?: (row: Row, index: number) => string;
  /** the CSV export's path; the current filters and sort are appended */
  csvHref: string;
  rowClassName?: (row: Row) => string | undefined;
  /** the empty state's title when filters hide every row */
  noMatchTitle: string;
  /** the empty state's action when there are no rows at all */
  emptyAction?: ReactNode;
  exportCap: number;
}) {
  const { t } = useTranslation("delivery");
  const formatting = useFormatting();
  const location = useLocation();
  const filtered = Object.keys(echo).length > 0;
  const controls: FilterControl[] = [
    selectControl(
      "service",
      t("Service"),
      services.map((s) => [s, s]),
    ),
    selectControl(
      "team",
      t("Team"),
      teams.map((name) => [name, name]),
    ),
    ...filters,
  ];
  return (
    <>
      <PageHeader title={t(text.title)} description={t(text.description)} actions={actions}>
        <DeliveryTabs current={tab} />
      </PageHeader>
      <FilterBar controls={controls} values={echo} notices={notices} label={t(text.filters)} />
      <DataTable
        columns={columns}
        data={rows}
        total={total}
        params={params}
        caption={t(text.caption)}
        getRowId={getRowId}
        csvHref={`${csvHref}${location.search}`}
        rowClassName={rowClassName}
        emptyState={
          filtered ? (
            <EmptyState title={noMatchTitle}>
              <Link to={`/delivery/${tab}`}>{t("Clear the filters")}</Link>
            </EmptyState>
          ) : (
            <EmptyState title={t(text.emptyTitle)} whoMay={t(text.whoMay)} action={emptyAction}>
              <p>{t(text.emptyBody)}</p>
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
