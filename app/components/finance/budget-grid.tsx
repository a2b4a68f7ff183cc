/**
 * The month × category budget grid (like seed 002's table): rows = categories, columns = months,
 * a row total per category, a Total row (= gross burn of each month) and a Cumulative row.
 * Each cell shows actual over planned and the variance, coloured (see varianceTone).
 * An editable cell carries an "Edit" link (?edit=categoryId:month); the cell being edited
 * renders its form in place — forms work without JavaScript.
 */
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ButtonLink } from "~/components/ui/button";
import { N_ } from "~/i18n/mark";
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
  category: N_("Category"),
  total: N_("Total"),
  cumulative: N_("Cumulative"),
  rowTotal: N_("Total"),
  vsPlanToDate: N_("vs the plan of the months with an actual: {{planned}}"),
  actual: N_("Actual"),
  planned: N_("Planned"),
  noActual: N_("no actual"),
  edit: N_("Edit"),
  save: N_("Save"),
  saving: N_("Saving…"),
  cancel: N_("Cancel"),
  plannedLabel: N_("Planned (€)"),
  actualLabel: N_("Actual (€, empty = not recorded)"),
  legend: N_(
    "Each cell: actual, then planned and the variance (actual − planned) ÷ planned. Green: at or under plan; amber: over by up to 5 %; red: over by more. A missing actual counts as 0 in the totals.",
  ),
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
  const { t } = useTranslation("finance");
  if (actual === null) return <span className="bgrid__var bgrid__var--none">{t(GRID_TEXT.noActual)}</span>;
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
  const { t } = useTranslation("finance");
  return (
    <>
      <span className="bgrid__actual">{actual === null ? "—" : formatMoney(actual, { ...fmt, compact: true })}</span>
      <span className="bgrid__planned">
        <span className="visually-hidden">{t(GRID_TEXT.planned)} </span>/ {formatMoney(planned, { ...fmt, compact: true })}
      </span>
      {plannedToDate === undefined ? (
        <Variance planned={planned} actual={actual} fmt={fmt} />
      ) : (
        <Variance
          planned={plannedToDate}
          actual={actual}
          fmt={fmt}
          title={t(GRID_TEXT.vsPlanToDate, { planned: formatMoney(plannedToDate, { ...fmt, compact: true }) })}
        />
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
  const { t } = useTranslation("finance");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "save-line";
  const err = (name: string) => editing.errors?.[name];
  const id = `edit-${editing.categoryId}-${month}`;
  return (
    <Form method="post" className="bgrid__editor" aria-label={t("Edit {{category}}, {{month}}", { category, month })} id={id}>
      <input type="hidden" name="intent" value="save-line" />
      <input type="hidden" name="categoryId" value={editing.categoryId} />
      <input type="hidden" name="month" value={month} />
      <label htmlFor={`${id}-planned`}>{t(GRID_TEXT.plannedLabel)}</label>
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
      <label htmlFor={`${id}-actual`}>{t(GRID_TEXT.actualLabel)}</label>
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
          {busy ? t(GRID_TEXT.saving) : t(GRID_TEXT.save)}
        </button>
        <ButtonLink to={cancelHref} variant="ghost">
          {t(GRID_TEXT.cancel)}
        </ButtonLink>
      </div>
    </Form>
  );
}

export function BudgetGridTable({ grid, categories, fmt, editHref, cancelHref, editing, caption }: Props) {
  const { t } = useTranslation("finance");
  const catByName = new Map(categories.map((c) => [c.name, c]));
  return (
    <div className="bgrid-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="bgrid">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="bgrid__corner">
              {t(GRID_TEXT.category)}
            </th>
            {grid.months.map((m) => (
              <th scope="col" key={m} className="bgrid__month">
                {formatMonth(m, fmt.locale)}
              </th>
            ))}
            <th scope="col" className="bgrid__month">
              {t(GRID_TEXT.rowTotal)}
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
                    <span className="bgrid__flag" title={t("IT category")}>
                      {t("IT")}
                    </span>
                  ) : null}
                  {cat.isSalesMarketing ? (
                    <span className="bgrid__flag" title={t("Sales and marketing category (CAC)")}>
                      {t("S&M")}
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
                              {t(GRID_TEXT.edit)}
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
            <th scope="row">{t(GRID_TEXT.total)}</th>
            {grid.totalRow.map((tot) => {
              // a month where no line has an actual yet shows "no actual", not a 0 (it is still 0 in gross burn)
              const actual = tot.hasActual ? tot.actualCents : null;
              return (
                <td key={tot.month} className={`bgrid__cell bgrid__cell--${varianceTone(tot.plannedCents, actual)}`} data-month={tot.month} data-total="true">
                  <Amounts planned={tot.plannedCents} actual={actual} fmt={fmt} />
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
            <th scope="row">{t(GRID_TEXT.cumulative)}</th>
            {grid.cumulativeRow.map((cum) => (
              <td key={cum.month} className="bgrid__cell">
                <span className="bgrid__actual">{formatMoney(cum.actualCents, { ...fmt, compact: true })}</span>
                <span className="bgrid__planned">
                  <span className="visually-hidden">{t(GRID_TEXT.planned)} </span>/ {formatMoney(cum.plannedCents, { ...fmt, compact: true })}
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
