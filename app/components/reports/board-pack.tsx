import { Form } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { LineChart } from "~/components/charts/line-chart";
import { metricAttributes } from "~/components/metrics/kpi-tile";
import { Button } from "~/components/ui/button";
import { TextareaField } from "~/components/ui/field";
import { SimpleTable } from "~/components/ui/simple-table";
import { Tooltip } from "~/components/ui/tooltip";
import { N_ } from "~/i18n/mark";
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
import { metricDefinition, metricTexts } from "~/lib/metrics/catalogue";
import { formatGateValue } from "~/lib/metrics/gate-units";
import { COMPARISON_SYMBOLS } from "~/lib/metrics/targets";

/**
 * The pack's own labels of values its figures hold as codes (published packs keep the codes, so
 * they read in the reader's language): OKR status, risk category and level, gate decision.
 */
const OKR_STATUS: Record<string, string> = { on_track: N_("On track"), at_risk: N_("At risk"), off_track: N_("Off track") };
const RISK_CATEGORY: Record<string, string> = {
  technical: N_("technical"),
  financial: N_("financial"),
  market: N_("market"),
  competitive: N_("competitive"),
  operational: N_("operational"),
  security: N_("security"),
  compliance: N_("compliance"),
  people: N_("people"),
};
const RISK_LEVEL: Record<string, string> = { low: N_("low"), medium: N_("medium"), high: N_("high"), critical: N_("critical") };
const DECISION: Record<string, string> = { go: N_("Go"), no_go: N_("No-go"), alternative: N_("Alternative") };

/** A code's label in the reader's language; a code the pack does not know is shown as stored. */
function codeText(t: TFunction, labels: Record<string, string>, code: string): string {
  const label = labels[code];
  return label ? t(label) : code;
}

/**
 * A figure's label, formula and window in the reader's language: from the catalogue by its id (a
 * published pack stores the English texts of the day; its figures, not its words, are frozen), or
 * as stored for an id the catalogue no longer has.
 */
function packMetricTexts(t: TFunction, m: PackMetric): { label: string; formula: string; window: string } {
  const def = metricDefinition(m.id);
  return def ? metricTexts(t, def) : { label: m.label, formula: m.formula, window: m.windowText };
}

/** A figure of the pack as shown: dates as dates, everything else in its metric's human unit. */
function figureText(m: PackMetric, fmt: FormatOptions, t: TFunction): string {
  if (m.value === null) return NO_DATA;
  if (typeof m.value === "string") return m.unit === "date" ? (formatDate(m.value, fmt.timeZone, fmt.locale) ?? m.value) : m.value;
  return formatGateValue(m.id, m.value, fmt, m.target?.value ?? null, t);
}

function changeText(m: PackMetric, c: MetricChange | undefined, fmt: FormatOptions, t: TFunction): string {
  if (!c || c.delta === null) return "—";
  if (c.delta === 0) return t("unchanged");
  const sign = c.delta > 0 ? "+" : "−";
  if (m.unit === "date") return t("{{sign}}{{days}} days", { sign, days: formatNumber(Math.abs(c.delta), { locale: fmt.locale }), count: Math.abs(c.delta) });
  return `${sign}${formatGateValue(m.id, Math.abs(c.delta), fmt, undefined, t)}`;
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
  const { t } = useTranslation("reports");
  return (
    <SimpleTable
      className="pack-table pack-metrics"
      columns={[t("Figure"), { label: t("Value"), num: "num" }, { label: t("Target"), num: "num" }, { label: t("Change"), num: "num" }]}
    >
      {ids.map((id) => {
        const m = metrics[id];
        if (!m) return null;
        const c = changes[id];
        const mark = { id, value: m.value, asOf: m.asOf, window: m.window };
        const texts = packMetricTexts(t, m);
        const attrs = live ? metricAttributes(mark) : { "data-frozen-metric": id, "data-value": m.value === null ? "" : String(m.value) };
        return (
          <tr key={id}>
            <th scope="row">
              {texts.label}{" "}
              <Tooltip
                label={t("How {{label}} is computed", { label: texts.label })}
                content={
                  <>
                    {texts.formula} {texts.window}
                  </>
                }
              />
            </th>
            <td className="num nowrap" {...attrs}>
              {figureText(m, fmt, t)}
            </td>
            <td className="num nowrap">
              {m.target ? `${COMPARISON_SYMBOLS[m.target.comparison]} ${formatGateValue(id, m.target.value, fmt, undefined, t)}` : "—"}
            </td>
            <td className={`num nowrap pack-change pack-change--${c?.verdict ?? "none"}`}>{changeText(m, c, fmt, t)}</td>
          </tr>
        );
      })}
    </SimpleTable>
  );
}

/** Planned vs actual per category with the variance; a missing actual reads "not recorded". */
export function BoardPackBudgetTable({ caption, rows, fmt }: { caption: string; rows: readonly PackBudgetRow[]; fmt: FormatOptions }) {
  const { t } = useTranslation("reports");
  const money = (c: number | null) => (c === null ? t("not recorded") : formatMoney(c, { ...fmt, digits: 0 }));
  const variance = (r: PackBudgetRow) =>
    r.actualCents === null || r.plannedCents === 0
      ? "—"
      : formatPercent((r.actualCents - r.plannedCents) / r.plannedCents, 0, { locale: fmt.locale, signed: true });
  const total = budgetTotals(rows);
  return (
    <SimpleTable
      caption={caption}
      captionVisible
      className="pack-table"
      columns={[t("Category"), { label: t("Planned"), num: "num" }, { label: t("Actual"), num: "num" }, { label: t("Variance"), num: "num" }]}
      footer={
        <tr>
          <th scope="row">{t("Total")}</th>
          <td className="num nowrap">{money(total.plannedCents)}</td>
          <td className="num nowrap">{money(total.actualCents)}</td>
          <td className="num nowrap">{variance(total)}</td>
        </tr>
      }
    >
      {rows.map((r) => (
        <tr key={r.category}>
          <th scope="row">{r.category}</th>
          <td className="num nowrap">{money(r.plannedCents)}</td>
          <td className="num nowrap">{money(r.actualCents)}</td>
          <td className="num nowrap">{variance(r)}</td>
        </tr>
      ))}
    </SimpleTable>
  );
}

/** The CEO's commentary of a section: a form on a draft, the text once published (nothing when empty). */
export function CommentaryBlock({ section, text, editable, reply }: { section: string; text: string; editable: boolean; reply: unknown }) {
  const { t } = useTranslation("reports");
  const mine = (reply as { values?: Record<string, string> } | undefined)?.values?.section === section;
  if (!editable) {
    return text ? (
      <div className="pack-commentary">
        <h3>{t("Commentary")}</h3>
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
        label={t("Commentary")}
        name="text"
        rows={4}
        maxLength={COMMENTARY_MAX}
        defaultValue={mine ? valueOf(reply, "text", text, "comment") : text}
        errors={mine ? fieldErrorsOf(reply, "text", "comment") : undefined}
        hint={t("Shown under the section's figures; blank removes it.")}
      />
      <div>
        <Button type="submit" variant="secondary">
          {t("Save commentary")}
        </Button>
      </div>
    </Form>
  );
}

const SECTION_TEXT = {
  cashChart: N_("Cash at month end"),
  burnChart: N_("Gross burn and revenue"),
  budgetMonth: N_("Month ({{month}})"),
  budgetYtd: N_("Fiscal year to date ({{from}} – {{to}})"),
  okrs: N_("Company objectives of {{cycle}}"),
  noCycle: N_("No OKR cycle was open."),
  noRisks: N_("No open risk."),
  noGates: N_("No decision gate."),
  noDecision: N_("None recorded"),
  decisionNotKept: N_("Not kept in this pack"),
  ruleRaised: N_("raised by a rule"),
} as const;

/** What a section shows besides its catalogue figures: charts, tables of budget, objectives, risks, gates. */
export function BoardPackSectionBody({ section, figures: f, fmt }: { section: BoardPackSectionId; figures: BoardPackFigures; fmt: FormatOptions }) {
  const { t } = useTranslation("reports");
  const money = (c: number) => formatMoney(c, { ...fmt, compact: true });
  // the two monthly charts of the cash section: same data, axis and units
  const monthly = {
    data: f.cashSeries,
    xKey: "month",
    xLabel: t("Month"),
    formatX: (m: string | number) => formatMonth(String(m), fmt.locale),
    formatValue: money,
    unit: "money",
    locale: fmt.locale,
    currency: fmt.currency,
    height: 220,
  } as const;
  switch (section) {
    case "cash":
      return (
        <div className="pack-charts">
          <LineChart {...monthly} title={t(SECTION_TEXT.cashChart)} series={[{ key: "cashCents", label: t("Cash"), color: "chart-1" }]} />
          <LineChart
            {...monthly}
            title={t(SECTION_TEXT.burnChart)}
            series={[
              { key: "grossBurnCents", label: t("Gross burn"), color: "chart-2" },
              { key: "revenueCents", label: t("Revenue"), color: "chart-3", dashed: true },
            ]}
          />
        </div>
      );
    case "people":
      return f.headcountTarget !== null ? <p className="muted">{t("Company headcount target: {{target}}.", { target: f.headcountTarget })}</p> : null;
    case "budget":
      return (
        <div className="pack-budget">
          <BoardPackBudgetTable caption={t(SECTION_TEXT.budgetMonth, { month: formatMonth(f.month, fmt.locale) })} rows={f.budget.month} fmt={fmt} />
          <BoardPackBudgetTable
            caption={t(SECTION_TEXT.budgetYtd, { from: formatMonth(f.budget.fiscalYearStart, fmt.locale), to: formatMonth(f.month, fmt.locale) })}
            rows={f.budget.yearToDate}
            fmt={fmt}
          />
        </div>
      );
    case "okrs":
      return f.okrs.cycleName === null ? (
        <p className="muted">{t(SECTION_TEXT.noCycle)}</p>
      ) : (
        <SimpleTable
          caption={t(SECTION_TEXT.okrs, { cycle: f.okrs.cycleName })}
          captionVisible
          className="pack-table"
          columns={[t("Objective"), { label: t("Progress"), num: "num" }, { label: t("Expected by now"), num: "num" }, t("Status")]}
        >
          {f.okrs.objectives.map((o) => (
            <tr key={o.title}>
              <th scope="row">{o.title}</th>
              <td className="num">{o.progress === null ? t("no data") : formatPercent(o.progress, 0, fmt.locale)}</td>
              <td className="num">{formatPercent(o.expected, 0, fmt.locale)}</td>
              <td>{o.status ? codeText(t, OKR_STATUS, o.status) : NO_DATA}</td>
            </tr>
          ))}
        </SimpleTable>
      );
    case "risks":
      return f.risks.length === 0 ? (
        <p className="muted">{t(SECTION_TEXT.noRisks)}</p>
      ) : (
        <SimpleTable className="pack-table" columns={[t("Risk"), t("Category"), { label: t("Residual score"), num: "num" }, t("Owner")]}>
          {f.risks.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.title}
                {r.raisedByRule ? <span className="muted"> · {t(SECTION_TEXT.ruleRaised)}</span> : null}
              </th>
              <td>{codeText(t, RISK_CATEGORY, r.category)}</td>
              <td className="num">
                {r.residualScore} ({codeText(t, RISK_LEVEL, r.residualLevel)})
              </td>
              <td>{r.ownerName ?? "—"}</td>
            </tr>
          ))}
        </SimpleTable>
      );
    case "gates":
      return f.gates.length === 0 ? (
        <p className="muted">{t(SECTION_TEXT.noGates)}</p>
      ) : (
        <SimpleTable className="pack-table" columns={[t("Gate"), t("Due"), t("Verdict"), t("Criteria"), t("Last decision")]}>
          {f.gates.map((g) => (
            <tr key={g.id}>
              <th scope="row">{g.name}</th>
              <td className="nowrap">{formatDate(g.dueDate, fmt.timeZone, fmt.locale)}</td>
              <td>{g.verdict === "go" ? t("Go") : g.verdict === "no_go" ? t("No-go") : t("Pending")}</td>
              <td>
                <ul className="pack-criteria">
                  {g.criteria.map((c) => (
                    <li key={`${c.metric}${c.operator}${c.threshold}`}>
                      {c.outcome === "met" ? t("Met") : c.outcome === "not_met" ? t("Not met") : t("No data")}:{" "}
                      {metricDefinition(c.metric) ? metricTexts(t, { ...metricDefinition(c.metric)!, id: c.metric }).label : c.label} {c.operator}{" "}
                      {formatGateValue(c.metric, c.threshold, fmt, undefined, t)} — {formatGateValue(c.metric, c.value, fmt, c.threshold, t)}
                    </li>
                  ))}
                  {(g.manual ?? []).map((m, i) => (
                    <li key={`manual-${i}`}>
                      {m.checked ? (m.checkedByName ? t("Checked by {{name}}", { name: m.checkedByName }) : t("Checked")) : t("Not checked")}: {m.label}
                    </li>
                  ))}
                </ul>
              </td>
              <td data-testid="pack-gate-decision">
                {g.lastDecision === undefined
                  ? t(SECTION_TEXT.decisionNotKept)
                  : g.lastDecision === null
                    ? t(SECTION_TEXT.noDecision)
                    : `${codeText(t, DECISION, g.lastDecision.decision)}${g.lastDecision.alternative ? ` (${g.lastDecision.alternative})` : ""} — ${g.lastDecision.decidedByName ?? t("a former user")}, ${formatDateTime(g.lastDecision.decidedAt, fmt.timeZone, fmt.locale)}`}
              </td>
            </tr>
          ))}
        </SimpleTable>
      );
    default:
      return null;
  }
}
