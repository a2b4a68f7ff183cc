/**
 * The month × category budget grid (like seed 002's table): rows = categories, columns = months,
 * a row total per category, a Total row (= gross burn of each month) and a Cumulative row.
 * Each cell shows actual over planned and the variance, coloured (see varianceTone).
 * An editable cell carries an "Edit" link (?edit=categoryId:month); the cell being edited
 * renders its form in place — forms work without JavaScript.
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import { formatMoney, formatMonth, formatPercent, type FormatOptions } from "~/lib/format";
import { eurosFromCents } from "~/lib/format";
import type { BudgetGrid } from "~/lib/metrics/finance";

export type VarianceTone = "good" | "warn" | "bad" | "none";

/** Over budget by more than this share of the plan is "bad"; over by less is "warn". */
export const VARIANCE_WARN_SHARE = 0.05;

/**
 * Colour of a planned-vs-actual pair: none when no actual; good when actual ≤ planned; warn when
 * over by at most 5 % of the plan; bad beyond (or any actual against a zero plan).
 */
export function varianceTone(plannedCents: number, actualCents: number | null): VarianceTone {
  if (actualCents === null) return "none";
  if (actualCents <= plannedCents) return "good";
  if (plannedCents > 0 && actualCents - plannedCents <= plannedCents * VARIANCE_WARN_SHARE) return "warn";
  return "bad";
}

export const GRID_TEXT = {
  category: "Category",
  total: "Total",
  cumulative: "Cumulative",
  rowTotal: "Total",
  vsPlanToDate: (planned: string) => `vs the plan of the months with an actual: ${planned}`,
  actual: "Actual",
  planned: "Planned",
  noActual: "no actual",
  edit: "Edit",
  save: "Save",
  saving: "Saving…",
  cancel: "Cancel",
  plannedLabel: "Planned (€)",
  actualLabel: "Actual (€, empty = not recorded)",
  legend:
    "Each cell: actual, then planned and the variance (actual − planned) ÷ planned. Green: at or under plan; amber: over by up to 5 %; red: over by more. A missing actual counts as 0 in the totals.",
} as const;

export type EditState = {
  categoryId: number;
  month: string;
  errors?: Record<string, string[] | undefined>;
  values?: { planned?: string; actual?: string };
};

type Props = {
  grid: BudgetGrid;
  categories: { id: number; name: string; isIt: boolean; isSalesMarketing: boolean; editable: boolean }[];
  fmt: FormatOptions;
  /** href of the page with ?edit=… for a cell */
  editHref: (categoryId: number, month: string) => string;
  cancelHref: string;
  editing: EditState | null;
  /** where the variance of a month links to (the rows behind it) */
  caption: string;
};

function Variance({ planned, actual, fmt, title }: { planned: number; actual: number | null; fmt: FormatOptions; title?: string }) {
  if (actual === null) return <span className="bgrid__var bgrid__var--none">{GRID_TEXT.noActual}</span>;
  const diff = actual - planned;
  const text =
    planned > 0 ? formatPercent(diff / planned, 0, { locale: fmt.locale, signed: true }) : formatMoney(diff, { ...fmt, compact: true, signed: true });
  return (
    <span className="bgrid__var" title={title}>
      {text}
      {title ? <span className="visually-hidden"> ({title})</span> : null}
    </span>
  );
}

/**
 * Actual / planned and the variance. `plannedToDate` (totals): the variance compares the actuals
 * with the plan of the months that have an actual, not with the plan of months still to come.
 */
function Amounts({ planned, actual, fmt, plannedToDate }: { planned: number; actual: number | null; fmt: FormatOptions; plannedToDate?: number }) {
  return (
    <>
      <span className="bgrid__actual">{actual === null ? "—" : formatMoney(actual, { ...fmt, compact: true })}</span>
      <span className="bgrid__planned">
        <span className="visually-hidden">{GRID_TEXT.planned} </span>/ {formatMoney(planned, { ...fmt, compact: true })}
      </span>
      {plannedToDate === undefined ? (
        <Variance planned={planned} actual={actual} fmt={fmt} />
      ) : (
        <Variance planned={plannedToDate} actual={actual} fmt={fmt} title={GRID_TEXT.vsPlanToDate(formatMoney(plannedToDate, { ...fmt, compact: true }))} />
      )}
    </>
  );
}

function CellEditor({
  category,
  month,
  planned,
  actual,
  editing,
  cancelHref,
}: {
  category: string;
  month: string;
  planned: number;
  actual: number | null;
  editing: EditState;
  cancelHref: string;
}) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "save-line";
  const err = (name: string) => editing.errors?.[name];
  const id = `edit-${editing.categoryId}-${month}`;
  return (
    <Form method="post" className="bgrid__editor" aria-label={`Edit ${category}, ${month}`} id={id}>
      <input type="hidden" name="intent" value="save-line" />
      <input type="hidden" name="categoryId" value={editing.categoryId} />
      <input type="hidden" name="month" value={month} />
      <label htmlFor={`${id}-planned`}>{GRID_TEXT.plannedLabel}</label>
      <input
        id={`${id}-planned`}
        name="planned"
        inputMode="decimal"
        defaultValue={editing.values?.planned ?? eurosFromCents(planned)}
        aria-invalid={err("planned") ? true : undefined}
        aria-describedby={err("planned") ? `${id}-planned-error` : undefined}
        autoFocus
      />
      {err("planned") ? (
        <p className="field-error" id={`${id}-planned-error`}>
          {err("planned")!.join(", ")}
        </p>
      ) : null}
      <label htmlFor={`${id}-actual`}>{GRID_TEXT.actualLabel}</label>
      <input
        id={`${id}-actual`}
        name="actual"
        inputMode="decimal"
        defaultValue={editing.values?.actual ?? (actual === null ? "" : eurosFromCents(actual))}
        aria-invalid={err("actual") ? true : undefined}
        aria-describedby={err("actual") ? `${id}-actual-error` : undefined}
      />
      {err("actual") ? (
        <p className="field-error" id={`${id}-actual-error`}>
          {err("actual")!.join(", ")}
        </p>
      ) : null}
      <div className="bgrid__editor-actions">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {busy ? GRID_TEXT.saving : GRID_TEXT.save}
        </button>
        <Link to={cancelHref} className="btn btn--ghost">
          {GRID_TEXT.cancel}
        </Link>
      </div>
    </Form>
  );
}

export function BudgetGridTable({ grid, categories, fmt, editHref, cancelHref, editing, caption }: Props) {
  const catByName = new Map(categories.map((c) => [c.name, c]));
  return (
    <div className="bgrid-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="bgrid">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="bgrid__corner">
              {GRID_TEXT.category}
            </th>
            {grid.months.map((m) => (
              <th scope="col" key={m} className="bgrid__month">
                {formatMonth(m, fmt.locale)}
              </th>
            ))}
            <th scope="col" className="bgrid__month">
              {GRID_TEXT.rowTotal}
            </th>
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => {
            const cat = catByName.get(row.category)!;
            return (
              <tr key={row.category} data-category-id={cat.id}>
                <th scope="row" className="bgrid__cat">
                  {row.category}
                  {cat.isIt ? (
                    <span className="bgrid__flag" title="IT category">
                      IT
                    </span>
                  ) : null}
                  {cat.isSalesMarketing ? (
                    <span className="bgrid__flag" title="Sales and marketing category (CAC)">
                      S&amp;M
                    </span>
                  ) : null}
                </th>
                {row.cells.map((cell) => {
                  const isEditing = editing !== null && editing.categoryId === cat.id && editing.month === cell.month;
                  const tone = varianceTone(cell.plannedCents, cell.actualCents);
                  return (
                    <td
                      key={cell.month}
                      id={`cell-${cat.id}-${cell.month}`}
                      className={`bgrid__cell bgrid__cell--${tone}${isEditing ? " bgrid__cell--editing" : cat.editable ? " bgrid__cell--editable" : ""}`}
                      data-month={cell.month}
                      data-category={row.category}
                    >
                      {isEditing ? (
                        <CellEditor
                          category={row.category}
                          month={cell.month}
                          planned={cell.plannedCents}
                          actual={cell.actualCents}
                          editing={editing}
                          cancelHref={cancelHref}
                        />
                      ) : (
                        <>
                          <Amounts planned={cell.plannedCents} actual={cell.actualCents} fmt={fmt} />
                          {cat.editable ? (
                            <Link className="bgrid__edit" to={editHref(cat.id, cell.month)} preventScrollReset>
                              {GRID_TEXT.edit}
                              <span className="visually-hidden">
                                {" "}
                                {row.category}, {formatMonth(cell.month, fmt.locale)}
                              </span>
                            </Link>
                          ) : null}
                        </>
                      )}
                    </td>
                  );
                })}
                <td className={`bgrid__cell bgrid__cell--total bgrid__cell--${varianceTone(row.plannedToDateCents, row.totalActualCents)}`}>
                  <Amounts planned={row.totalPlannedCents} actual={row.totalActualCents} fmt={fmt} plannedToDate={row.plannedToDateCents} />
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr className="bgrid__total">
            <th scope="row">{GRID_TEXT.total}</th>
            {grid.totalRow.map((t) => {
              // a month where no line has an actual yet shows "no actual", not a 0 (it is still 0 in gross burn)
              const actual = t.hasActual ? t.actualCents : null;
              return (
                <td key={t.month} className={`bgrid__cell bgrid__cell--${varianceTone(t.plannedCents, actual)}`} data-month={t.month} data-total="true">
                  <Amounts planned={t.plannedCents} actual={actual} fmt={fmt} />
                </td>
              );
            })}
            <td className={`bgrid__cell bgrid__cell--total bgrid__cell--${varianceTone(grid.grandTotal.plannedToDateCents, grid.grandTotal.actualCents)}`}>
              <Amounts
                planned={grid.grandTotal.plannedCents}
                actual={grid.grandTotal.actualCents}
                fmt={fmt}
                plannedToDate={grid.grandTotal.plannedToDateCents}
              />
            </td>
          </tr>
          <tr className="bgrid__cumulative">
            <th scope="row">{GRID_TEXT.cumulative}</th>
            {grid.cumulativeRow.map((t) => (
              <td key={t.month} className="bgrid__cell">
                <span className="bgrid__actual">{formatMoney(t.actualCents, { ...fmt, compact: true })}</span>
                <span className="bgrid__planned">
                  <span className="visually-hidden">{GRID_TEXT.planned} </span>/ {formatMoney(t.plannedCents, { ...fmt, compact: true })}
                </span>
              </td>
            ))}
            <td className="bgrid__cell" />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
