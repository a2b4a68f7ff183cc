/**
 * DataTable — one table component for every list in the app, on TanStack Table v9.
 *
 * All table state lives in the URL (`~/lib/table-params`), so every view is a shareable
 * link and everything works without JavaScript:
 * - header cells of sortable columns are links that set `sort`/`dir` (and reset `page`);
 *   the sorted column has `aria-sort`;
 * - the pager has Previous/Next links, "Rows x–y of N" and page-size links;
 * - the filter box is a GET form that sets `q` (hidden inputs keep the other parameters).
 *
 * Two modes:
 * - "server" (default) — `data` is one page already filtered, sorted and sliced in SQL;
 *   pass `total` (the row count before paging). TanStack runs with manual sorting,
 *   filtering and pagination.
 * - "client" — for small tables: pass every row; TanStack's filtered / sorted / paginated
 *   row models do the work, on the server render as well as in the browser. With
 *   JavaScript the filter box filters as you type.
 *
 * Columns: build them once, at module scope, with the helper:
 *
 *   const col = createDataTableColumnHelper<DeploymentRow>();
 *   const columns = col.columns([
 *     col.accessor("service", { header: "Service", meta: { rowHeader: true } }),
 *     col.accessor("finishedAt", { id: "finishedAt", header: "Finished", cell: (c) => formatDateTime(c.getValue()) }),
 *     col.accessor("leadTimeHours", { header: "Lead time", meta: { align: "end" } }),
 *     col.display({ id: "actions", header: "Actions", cell: (c) => <Link to={...}>Edit</Link> }),
 *   ]);
 *
 * A column is sortable when its id is in `params.sortable` (the list given to
 * `parseTableParams`) — and, in client mode, when it has an accessor.
 */
import { Form, Link, useLocation } from "@remix-run/react";
import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  metaHelper,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnHelper,
  type RowData,
  type TableOptions,
} from "@tanstack/react-table";
import { useEffect, useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { pageCount, tableHref, tableParamKeys, type TableHrefPatch, type TableParams } from "~/lib/table-params";
import { isColumnWithheld } from "~/lib/withheld";
import { PagerLinks } from "./pager";

/** Per-column options, set with `meta: { … }` in the column definition. */
export type DataTableColumnMeta = {
  /** text alignment; use "end" for numbers and money (also turns on tabular figures) */
  align?: "start" | "center" | "end";
  /** render this column's cells as row headers (`<th scope="row">`), e.g. the name column */
  rowHeader?: boolean;
  /** extra class on the column's th and td */
  className?: string;
  /** keep the cell on one line (dates, amounts) */
  nowrap?: boolean;
  /**
   * Whether a row's value is withheld from this user (e.g. a salary): when it is for every row shown,
   * the column is left out and `withheldNote` says why (interface conventions, README).
   */
  withheld?: (row: never) => boolean;
  /** the line shown instead of a withheld column, e.g. "Salaries are hidden from your role." */
  withheldNote?: string;
};

/** The TanStack features every DataTable registers (both modes). */
export const dataTableFeatures = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  filterFns: { includesString: filterFn_includesString },
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: {
    alphanumeric: sortFn_alphanumeric,
    text: sortFn_text,
    datetime: sortFn_datetime,
    basic: sortFn_basic,
  },
  rowPaginationFeature,
  paginatedRowModel: createPaginatedRowModel(),
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

/** Column helper bound to the DataTable features: `const col = createDataTableColumnHelper<Row>()`. */
export function createDataTableColumnHelper<Row extends RowData>(): ColumnHelper<DataTableFeatures, Row> {
  return createColumnHelper<DataTableFeatures, Row>();
}

/** What `col.columns([...])` returns. */
export type DataTableColumns<Row extends RowData> = TableOptions<DataTableFeatures, Row>["columns"];

type CommonProps<Row extends RowData> = {
  /** module-level constant made with `createDataTableColumnHelper` (keep it stable) */
  columns: DataTableColumns<Row>;
  /** server mode: the current page; client mode: all rows */
  data: readonly Row[];
  /** from `parseTableParams` in the loader */
  params: TableParams;
  /** names the table for screen readers (visually hidden caption; also labels the scroll region and pager) */
  caption: string;
  /** shown instead of the table when there are no rows at all (no filter active) */
  emptyState: ReactNode;
  /** renders an "Export CSV" link (a resource route; keep the current filters in it) */
  csvHref?: string;
  getRowId: (row: Row, index: number) => string;
  /**
   * The text filter box (`q`). Default: shown in client mode, hidden in server mode
   * (pass `filter` when the loader filters by `params.q` in SQL).
   */
  filter?: boolean | { label?: string; placeholder?: string };
  /** more controls in the toolbar (extra filters…) */
  toolbar?: ReactNode;
  /** class on a body row */
  rowClassName?: (row: Row) => string | undefined;
  className?: string;
};

export type DataTableProps<Row extends RowData> = CommonProps<Row> &
  ({ mode?: "server"; /** rows matching the filters, before paging */ total: number } | { mode: "client"; total?: undefined });

const EMPTY_COLUMN_FILTERS: never[] = [];

export function DataTable<Row extends RowData>(props: DataTableProps<Row>) {
  const { columns, data, params, caption, emptyState, csvHref, getRowId, toolbar, rowClassName, className } = props;
  const mode = props.mode ?? "server";
  const isClient = mode === "client";
  const location = useLocation();
  const captionId = useId();
  const filterId = useId();
  const keys = tableParamKeys(params.prefix);
  const { t } = useTranslation("common");

  // The filter text. In client mode it follows typing (with JS); the URL value wins on navigation.
  const urlQ = params.q ?? "";
  const [q, setQ] = useState(urlQ);
  useEffect(() => setQ(urlQ), [urlQ]);
  const localFilterDiffers = isClient && q !== urlQ;

  const filterOpt = props.filter ?? isClient;
  const showFilter = filterOpt !== false;
  const filterLabel = typeof filterOpt === "object" && filterOpt.label ? filterOpt.label : t("Filter rows");
  const filterPlaceholder = typeof filterOpt === "object" ? filterOpt.placeholder : undefined;
  // the search box: typed into live once hydrated, a plain GET field before (and without JavaScript)
  const filterInput = {
    id: filterId,
    type: "search",
    name: keys.q,
    className: "dt__filter-input",
    placeholder: filterPlaceholder,
    maxLength: 200,
    autoComplete: "off",
  } as const;

  // a column withheld on every row shown is left out (its header would only head "hidden" cells)
  const withheldNotes: string[] = [];
  const shownColumns = columns.filter((c) => {
    const withheld = c.meta?.withheld as ((row: Row) => boolean) | undefined;
    if (!withheld || !isColumnWithheld(data, withheld)) return true;
    if (c.meta?.withheldNote && !withheldNotes.includes(c.meta.withheldNote)) withheldNotes.push(c.meta.withheldNote);
    return false;
  });

  const table = useTable({
    features: dataTableFeatures,
    columns: shownColumns,
    data: data as Row[],
    getRowId,
    state: {
      sorting: [{ id: params.sort.id, desc: params.sort.desc }],
      pagination: { pageIndex: localFilterDiffers ? 0 : params.page - 1, pageSize: params.pageSize },
      globalFilter: isClient ? q : urlQ,
      columnFilters: EMPTY_COLUMN_FILTERS,
    },
    manualSorting: !isClient,
    manualFiltering: !isClient,
    manualPagination: !isClient,
    rowCount: isClient ? undefined : props.total,
    autoResetPageIndex: false,
    enableMultiSort: false,
    enableSortingRemoval: false,
    globalFilterFn: "includesString",
  });

  const rows = table.getRowModel().rows;
  const total = isClient ? table.getPrePaginatedRowModel().rows.length : (props.total ?? 0);
  const pageIndex = localFilterDiffers ? 0 : params.page - 1;
  const pages = pageCount(total, params.pageSize);
  const firstRow = pageIndex * params.pageSize + 1;
  const lastRow = Math.min(total, firstRow + rows.length - 1);
  const activeQ = isClient ? q.trim() : urlQ;

  /** Link target that keeps the pathname and every other parameter. */
  const to = (patch: TableHrefPatch) => {
    const withQ: TableHrefPatch = isClient && showFilter ? { ...patch, q: q.trim() || null } : patch;
    return { pathname: location.pathname, search: tableHref(location.search, withQ, params.prefix) };
  };

  const noRowsAtAll = total === 0 && !activeQ;
  const pastTheEnd = !isClient && rows.length === 0 && total > 0;

  // hidden inputs that keep the other URL parameters when the filter form is submitted
  const keptParams = [...new URLSearchParams(location.search).entries()].filter(([k]) => k !== keys.q && k !== keys.page);

  return (
    <div className={["dt", className].filter(Boolean).join(" ")}>
      {showFilter || csvHref !== undefined || toolbar !== undefined ? (
        <div className="dt__toolbar">
          {showFilter ? (
            <Form method="get" action={location.pathname} className="dt__filter" role="search" aria-label={`${caption}: ${filterLabel}`} preventScrollReset>
              {keptParams.map(([k, v], i) => (
                <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
              ))}
              <label htmlFor={filterId} className="dt__filter-label">
                {filterLabel}
              </label>
              {isClient ? (
                <input {...filterInput} value={q} onChange={(e) => setQ(e.currentTarget.value)} />
              ) : (
                <input key={urlQ} {...filterInput} defaultValue={urlQ} />
              )}
              <button type="submit" className="btn btn--secondary btn--sm">
                {t("Filter")}
              </button>
              {activeQ ? (
                <Link className="dt__filter-clear" to={to({ q: null, page: null })} preventScrollReset onClick={() => setQ("")}>
                  {t("Clear filter")}
                </Link>
              ) : null}
            </Form>
          ) : null}
          {toolbar}
          {csvHref !== undefined ? (
            <a className="btn btn--secondary btn--sm dt__csv" href={csvHref} download>
              {t("Export CSV")}
            </a>
          ) : null}
        </div>
      ) : null}

      {noRowsAtAll ? (
        <div className="dt__empty">{emptyState}</div>
      ) : rows.length === 0 ? (
        <div className="dt__empty dt__empty--filtered" role="status">
          {pastTheEnd ? (
            <p>
              {t("Page {{page}} is past the end of this list.", { page: params.page })}{" "}
              <Link to={to({ page: null })} preventScrollReset>
                {t("Go to the first page")}
              </Link>
            </p>
          ) : (
            <p>
              {t("No rows match “{{filter}}”.", { filter: activeQ })}{" "}
              <Link to={to({ q: null, page: null })} preventScrollReset onClick={() => setQ("")}>
                {t("Clear the filter")}
              </Link>
            </p>
          )}
        </div>
      ) : (
        <div className="dt__scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="dt__table">
            <caption id={captionId} className="visually-hidden">
              {total > rows.length ? t("{{caption}}, rows {{first}} to {{last}} of {{total}}", { caption, first: firstRow, last: lastRow, total }) : caption}
            </caption>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const column = header.column;
                    const meta = column.columnDef.meta;
                    const sortable =
                      !header.isPlaceholder &&
                      params.sortable.includes(column.id) &&
                      column.columnDef.enableSorting !== false &&
                      (!isClient || column.getCanSort());
                    const sorted = sortable && params.sort.id === column.id ? (params.sort.desc ? "desc" : "asc") : false;
                    const nextDesc = sorted ? sorted === "asc" : column.getFirstSortDir() === "desc";
                    const cls = ["dt__th", meta?.align ? `dt__cell--${meta.align}` : null, meta?.nowrap ? "dt__cell--nowrap" : null, meta?.className]
                      .filter(Boolean)
                      .join(" ");
                    return (
                      <th
                        key={header.id}
                        colSpan={header.colSpan > 1 ? header.colSpan : undefined}
                        scope="col"
                        className={cls}
                        aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      >
                        {header.isPlaceholder ? null : sortable ? (
                          <Link
                            className={sorted ? "dt__sort dt__sort--active" : "dt__sort"}
                            to={to({ sort: column.id, dir: nextDesc ? "desc" : "asc", page: null })}
                            preventScrollReset
                          >
                            <table.FlexRender header={header} />
                            <span className="dt__sort-icon" aria-hidden="true">
                              {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                            </span>
                            <span className="visually-hidden">{nextDesc ? t(", sort descending") : t(", sort ascending")}</span>
                          </Link>
                        ) : (
                          <table.FlexRender header={header} />
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className={rowClassName?.(row.original)}>
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta;
                    const cls =
                      [meta?.align ? `dt__cell--${meta.align}` : null, meta?.nowrap ? "dt__cell--nowrap" : null, meta?.className].filter(Boolean).join(" ") ||
                      undefined;
                    return meta?.rowHeader ? (
                      <th key={cell.id} scope="row" className={cls ? `dt__rowheader ${cls}` : "dt__rowheader"}>
                        <table.FlexRender cell={cell} />
                      </th>
                    ) : (
                      <td key={cell.id} className={cls}>
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {withheldNotes.length > 0 && rows.length > 0 ? <p className="dt__withheld muted">{withheldNotes.join(" ")}</p> : null}

      {total > 0 ? (
        <nav className="dt__pager" aria-label={t("{{caption}}: pages", { caption })}>
          <p className="dt__range">
            {rows.length > 0 ? t("Rows {{first}}–{{last}} of {{total}}", { first: firstRow, last: lastRow, total }) : t("{{count}} rows", { count: total })}
            {pages > 1 ? <span className="dt__page-of">{` · ${t("Page {{page}} of {{pages}}", { page: Math.min(pageIndex + 1, pages), pages })}`}</span> : null}
          </p>
          <PagerLinks pageIndex={pageIndex} pages={pages} params={params} to={to} preventScrollReset />
        </nav>
      ) : null}
    </div>
  );
}
