import type { TableParams } from "~/lib/table-params";

/**
 * The DataTable props of one page of rows as a loader returns it (`{ rows, total, params }`), each
 * row known by its id: `<DataTable {...pagedRows(data)} columns={…} caption={…} />`.
 */
export function pagedRows<Row extends { id: number }>(page: { rows: Row[]; total: number; params: TableParams }) {
  return { data: page.rows, total: page.total, params: page.params, getRowId: (row: { id: number }) => String(row.id) };
}
