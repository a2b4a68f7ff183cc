import { Form } from "@remix-run/react";
import { LineChart } from "~/components/charts/line-chart";
import { DECISION_LABELS } from "~/components/governance/decision-labels";
import { metricAttributes } from "~/components/metrics/kpi-tile";
import { OKR_STATUS_LABELS } from "~/components/metrics/status-badge";
import { Button } from "~/components/ui/button";
import { TextareaField } from "~/components/ui/field";
import { Tooltip } from "~/components/ui/tooltip";
import {
  budgetTotals,
  COMMENTARY_MAX,
  type BoardPackFigures,
  type BoardPackSectionId,
  type MetricChange,
  type PackBudgetRow,
  type PackMetric,
} from "~/lib/board-pack";
import { formatDate, formatDateTime, formatMoney, formatMonth, formatNumber, formatPercent, NO_DATA, type FormatOptions } from "~/lib/format";
import { fieldErrorsOf, valueOf } from "~/lib/forms";
import { formatGateValue } from "~/lib/metrics/gate-units";
import { COMPARISON_SYMBOLS } from "~/lib/metrics/targets";

/** A figure of the pack as shown: dates as dates, everything else in its metric's human unit. */
function figureText(m: PackMetric, fmt: FormatOptions): string {
  if (m.value === null) return NO_DATA;
  if (typeof m.value === "string") return m.unit === "date" ? (formatDate(m.value, fmt.timeZone, fmt.locale) ?? m.value) : m.value;
  return formatGateValue(m.id, m.value, fmt, m.target?.value ?? null);
}

function changeText(m: PackMetric, c: MetricChange | undefined, fmt: FormatOptions): string {
  if (!c || c.delta === null) return "—";
  if (c.delta === 0) return "unchanged";
  const sign = c.delta > 0 ? "+" : "−";
  if (m.unit === "date") return `${sign}${formatNumber(Math.abs(c.delta), { locale: fmt.locale })} days`;
  return `${sign}${formatGateValue(m.id, Math.abs(c.delta), fmt)}`;
}

/**
 * The catalogue figures of one section: value, target, change since the previous pack, and the
 * formula and window on hover/focus (printed in full). A draft's figures are live and carry the
 * catalogue marks (data-metric); a published pack's are frozen and marked data-frozen-metric.
 */
export function BoardPackMetricTable({
  ids,
  metrics,
  changes,
  fmt,
  live,
}: {
  ids: readonly string[];
  metrics: Record<string, PackMetric>;
  changes: Record<string, MetricChange>;
  fmt: FormatOptions;
  live: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className="simple pack-table pack-metrics">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Target
            </th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id) => {
            const m = metrics[id];
            if (!m) return null;
            const c = changes[id];
            const mark = { id, value: m.value, asOf: m.asOf, window: m.window };
            const attrs = live ? metricAttributes(mark) : { "data-frozen-metric": id, "data-value": m.value === null ? "" : String(m.value) };
            return (
              <tr key={id}>
                <th scope="row">
                  {m.label}{" "}
                  <Tooltip
                    label={`How ${m.label} is computed`}
                    content={
                      <>
                        {m.formula} {m.windowText}
                      </>
                    }
                  />
                </th>
                <td className="num nowrap" {...attrs}>
                  {figureText(m, fmt)}
                </td>
                <td className="num nowrap">{m.target ? `${COMPARISON_SYMBOLS[m.target.comparison]} ${formatGateValue(id, m.target.value, fmt)}` : "—"}</td>
                <td className={`num nowrap pack-change pack-change--${c?.verdict ?? "none"}`}>{changeText(m, c, fmt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Planned vs actual per category with the variance; a missing actual reads "not recorded". */
export function BoardPackBudgetTable({ caption, rows, fmt }: { caption: string; rows: readonly PackBudgetRow[]; fmt: FormatOptions }) {
  const money = (c: number | null) => (c === null ? "not recorded" : formatMoney(c, { ...fmt, digits: 0 }));
  const variance = (r: PackBudgetRow) =>
    r.actualCents === null || r.plannedCents === 0
      ? "—"
      : formatPercent((r.actualCents - r.plannedCents) / r.plannedCents, 0, { locale: fmt.locale, signed: true });
  const total = budgetTotals(rows);
  return (
    <div className="table-scroll">
      <table className="simple pack-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Category</th>
            <th scope="col" className="num">
              Planned
            </th>
            <th scope="col" className="num">
              Actual
            </th>
            <th scope="col" className="num">
              Variance
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.category}>
              <th scope="row">{r.category}</th>
              <td className="num nowrap">{money(r.plannedCents)}</td>
              <td className="num nowrap">{money(r.actualCents)}</td>
              <td className="num nowrap">{variance(r)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num nowrap">{money(total.plannedCents)}</td>
            <td className="num nowrap">{money(total.actualCents)}</td>
            <td className="num nowrap">{variance(total)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/** The CEO's commentary of a section: a form on a draft, the text once published (nothing when empty). */
export function CommentaryBlock({ section, text, editable, reply }: { section: string; text: string; editable: boolean; reply: unknown }) {
  const mine = (reply as { values?: Record<string, string> } | undefined)?.values?.section === section;
  if (!editable) {
    return text ? (
      <div className="pack-commentary">
        <h3>Commentary</h3>
        {text.split(/\n{2,}/).map((p, i) => (
          <p key={i}>{p}</p>
        ))}
      </div>
    ) : null;
  }
  return (
    <Form method="post" className="pack-commentary-form pack-no-print">
      <input type="hidden" name="intent" value="comment" />
      <input type="hidden" name="section" value={section} />
      <TextareaField
        label="Commentary"
        name="text"
        rows={4}
        maxLength={COMMENTARY_MAX}
        defaultValue={mine ? valueOf(reply, "text", text, "comment") : text}
        errors={mine ? fieldErrorsOf(reply, "text", "comment") : undefined}
        hint="Shown under the section's figures; blank removes it."
      />
      <div>
        <Button type="submit" variant="secondary">
          Save commentary
        </Button>
      </div>
    </Form>
  );
}

const SECTION_TEXT = {
  cashChart: "Cash at month end",
  burnChart: "Gross burn and revenue",
  budgetMonth: (m: string) => `Month (${m})`,
  budgetYtd: (from: string, to: string) => `Fiscal year to date (${from} – ${to})`,
  okrs: (cycle: string) => `Company objectives of ${cycle}`,
  noCycle: "No OKR cycle was open.",
  noRisks: "No open risk.",
  noGates: "No decision gate.",
  noDecision: "None recorded",
  decisionNotKept: "Not kept in this pack",
  ruleRaised: "raised by a rule",
} as const;

/** What a section shows besides its catalogue figures: charts, tables of budget, objectives, risks, gates. */
export function BoardPackSectionBody({ section, figures: f, fmt }: { section: BoardPackSectionId; figures: BoardPackFigures; fmt: FormatOptions }) {
  const money = (c: number) => formatMoney(c, { ...fmt, compact: true });
  switch (section) {
    case "cash":
      return (
        <div className="pack-charts">
          <LineChart
            title={SECTION_TEXT.cashChart}
            data={f.cashSeries}
            xKey="month"
            xLabel="Month"
            series={[{ key: "cashCents", label: "Cash", color: "chart-1" }]}
            formatX={(m) => formatMonth(String(m), fmt.locale)}
            formatValue={money}
            unit="money"
            locale={fmt.locale}
            currency={fmt.currency}
            height={220}
          />
          <LineChart
            title={SECTION_TEXT.burnChart}
            data={f.cashSeries}
            xKey="month"
            xLabel="Month"
            series={[
              { key: "grossBurnCents", label: "Gross burn", color: "chart-2" },
              { key: "revenueCents", label: "Revenue", color: "chart-3", dashed: true },
            ]}
            formatX={(m) => formatMonth(String(m), fmt.locale)}
            formatValue={money}
            unit="money"
            locale={fmt.locale}
            currency={fmt.currency}
            height={220}
          />
        </div>
      );
    case "people":
      return f.headcountTarget !== null ? <p className="muted">Company headcount target: {f.headcountTarget}.</p> : null;
    case "budget":
      return (
        <div className="pack-budget">
          <BoardPackBudgetTable caption={SECTION_TEXT.budgetMonth(formatMonth(f.month, fmt.locale))} rows={f.budget.month} fmt={fmt} />
          <BoardPackBudgetTable
            caption={SECTION_TEXT.budgetYtd(formatMonth(f.budget.fiscalYearStart, fmt.locale), formatMonth(f.month, fmt.locale))}
            rows={f.budget.yearToDate}
            fmt={fmt}
          />
        </div>
      );
    case "okrs":
      return f.okrs.cycleName === null ? (
        <p className="muted">{SECTION_TEXT.noCycle}</p>
      ) : (
        <div className="table-scroll">
          <table className="simple pack-table">
            <caption>{SECTION_TEXT.okrs(f.okrs.cycleName)}</caption>
            <thead>
              <tr>
                <th scope="col">Objective</th>
                <th scope="col" className="num">
                  Progress
                </th>
                <th scope="col" className="num">
                  Expected by now
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {f.okrs.objectives.map((o) => (
                <tr key={o.title}>
                  <th scope="row">{o.title}</th>
                  <td className="num">{o.progress === null ? "no data" : formatPercent(o.progress, 0, fmt.locale)}</td>
                  <td className="num">{formatPercent(o.expected, 0, fmt.locale)}</td>
                  <td>{o.status ? OKR_STATUS_LABELS[o.status] : NO_DATA}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "risks":
      return f.risks.length === 0 ? (
        <p className="muted">{SECTION_TEXT.noRisks}</p>
      ) : (
        <div className="table-scroll">
          <table className="simple pack-table">
            <thead>
              <tr>
                <th scope="col">Risk</th>
                <th scope="col">Category</th>
                <th scope="col" className="num">
                  Residual score
                </th>
                <th scope="col">Owner</th>
              </tr>
            </thead>
            <tbody>
              {f.risks.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.title}
                    {r.raisedByRule ? <span className="muted"> · {SECTION_TEXT.ruleRaised}</span> : null}
                  </th>
                  <td>{r.category}</td>
                  <td className="num">
                    {r.residualScore} ({r.residualLevel})
                  </td>
                  <td>{r.ownerName ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case "gates":
      return f.gates.length === 0 ? (
        <p className="muted">{SECTION_TEXT.noGates}</p>
      ) : (
        <div className="table-scroll">
          <table className="simple pack-table">
            <thead>
              <tr>
                <th scope="col">Gate</th>
                <th scope="col">Due</th>
                <th scope="col">Verdict</th>
                <th scope="col">Criteria</th>
                <th scope="col">Last decision</th>
              </tr>
            </thead>
            <tbody>
              {f.gates.map((g) => (
                <tr key={g.id}>
                  <th scope="row">{g.name}</th>
                  <td className="nowrap">{formatDate(g.dueDate, fmt.timeZone, fmt.locale)}</td>
                  <td>{g.verdict === "go" ? "Go" : g.verdict === "no_go" ? "No-go" : "Pending"}</td>
                  <td>
                    <ul className="pack-criteria">
                      {g.criteria.map((c) => (
                        <li key={`${c.metric}${c.operator}${c.threshold}`}>
                          {c.outcome === "met" ? "Met" : c.outcome === "not_met" ? "Not met" : "No data"}: {c.label} {c.operator}{" "}
                          {formatGateValue(c.metric, c.threshold, fmt)} — {formatGateValue(c.metric, c.value, fmt, c.threshold)}
                        </li>
                      ))}
                      {(g.manual ?? []).map((m, i) => (
                        <li key={`manual-${i}`}>
                          {m.checked ? `Checked${m.checkedByName ? ` by ${m.checkedByName}` : ""}` : "Not checked"}: {m.label}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-testid="pack-gate-decision">
                    {g.lastDecision === undefined
                      ? SECTION_TEXT.decisionNotKept
                      : g.lastDecision === null
                        ? SECTION_TEXT.noDecision
                        : `${DECISION_LABELS[g.lastDecision.decision]}${g.lastDecision.alternative ? ` (${g.lastDecision.alternative})` : ""} — ${g.lastDecision.decidedByName ?? "a former user"}, ${formatDateTime(g.lastDecision.decidedAt, fmt.timeZone, fmt.locale)}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    default:
      return null;
  }
}
