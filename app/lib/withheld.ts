/**
 * Interface convention (README, "Interface conventions"): a column whose every shown value is
 * withheld from the user — a salary, or a figure derived from one — is not shown at all, with one
 * line saying why; a column of "hidden" cells tells nothing. A column with some visible values
 * keeps the word "hidden" in the others. Pure; used by DataTable (column meta `withheld`) and by
 * the plain tables.
 */
export function isColumnWithheld<Row>(rows: readonly Row[], withheld: (row: Row) => boolean): boolean {
  return rows.length > 0 && rows.every(withheld);
}
