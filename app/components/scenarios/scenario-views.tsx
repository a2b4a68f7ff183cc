import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { LineChart, moneyByMonth } from "~/components/charts/line-chart";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { formatDate, formatMonth, formatNumber, type FormatOptions } from "~/lib/format";
import { metricLabelText } from "~/lib/metrics/catalogue";
import { humanUnitLabel, toHumanUnits, formatGateValue } from "~/lib/metrics/gate-units";
import { FORMULAS, TRIGGER_STATE_LABELS, type ScenarioFigures, type TriggerState, type TriggerView } from "~/lib/metrics/scenarios";

export type FiguresView = ScenarioFigures;

/** The trigger as the badge and text need it (its unit is not shown). */
export type TriggerViewData = Omit<TriggerView, "unit">;

const STATE_TONE: Record<TriggerState, BadgeTone> = { holds: "on-track", met: "good", waiting: "neutral", missed: "off-track", no_data: "neutral" };

export function TriggerBadge({ state }: { state: TriggerState }) {
  const { t } = useTranslation("plans");
  return <Badge tone={STATE_TONE[state]}>{t(TRIGGER_STATE_LABELS[state])}</Badge>;
}

/** "Paying customers ≥ 50 by 31/05/2027" */
export function triggerText(tr: TriggerViewData, fmt: FormatOptions, t: TFunction): string {
  const v = (x: number) => formatGateValue(tr.metricId, x, fmt, undefined, t);
  const cond =
    tr.comparison === "between"
      ? t("between {{low}} and {{high}}", { ns: "plans", low: v(tr.value), high: v(tr.value2 ?? tr.value) })
      : `${tr.comparison.replace(">=", "≥").replace("<=", "≤")} ${v(tr.value)}`;
  const label = metricLabelText(t, tr.metricId, tr.label);
  return tr.by
    ? t("{{label}} {{condition}} by {{date}}", { ns: "plans", label, condition: cond, date: formatDate(tr.by, "UTC", fmt.locale) })
    : `${label} ${cond}`;
}

/** The trigger's value as typed in the form (human units). */
export function triggerHumanValue(metricId: string | null, stored: number | null): string {
  if (metricId === null || stored === null) return "";
  return String(toHumanUnits(metricId, stored));
}

export function triggerUnitLabel(metricId: string, currency: string, t: TFunction): string {
  return humanUnitLabel(metricId, currency, t);
}

export function runwayText(months: number | null, fmt: FormatOptions, t: TFunction): string {
  return months === null
    ? t("not burning", { ns: "plans" })
    : t("{{n}} months", { ns: "plans", n: formatNumber(months, { locale: fmt.locale, digits: 1, minDigits: 1 }) });
}

export const CHART_MONTHS = 36;

/** Cash of the base plan and every scenario on one chart (the first 36 forecast months). */
export function ScenarioCashChart({
  base,
  scenarios,
  fmt,
  hiringPlanHidden,
}: {
  base: FiguresView;
  scenarios: readonly { id: number; name: string; figures: FiguresView }[];
  fmt: FormatOptions;
  hiringPlanHidden: boolean;
}) {
  const { t } = useTranslation("plans");
  const months = base.cash.slice(0, CHART_MONTHS).map((c) => c.month);
  const rows = months.map((month, i) => {
    const row: Record<string, string | number | null> = { month, base: base.cash[i]?.cashCents ?? null };
    for (const s of scenarios) row[`s${s.id}`] = s.figures.cash[i]?.cashCents ?? null;
    return row;
  });
  type Row = (typeof rows)[number];
  const colours = ["chart-2", "chart-3", "chart-4", "chart-5", "chart-6"] as const;
  return (
    <LineChart<Row>
      title={hiringPlanHidden ? t("Cash by scenario, without the hiring plan") : t("Cash by scenario")}
      description={`${t(FORMULAS.scenario.formula)}${hiringPlanHidden ? ` ${t("Shown without any hiring plan: it holds salaries your role may not see.")}` : ""}`}
      data={rows}
      xKey={"month" as never}
      xLabel={t("Month")}
      series={[
        { key: "base" as never, label: t("Base plan (today's forecast)"), color: "chart-1" },
        ...scenarios.map((s, i) => ({ key: `s${s.id}` as never, label: s.name, color: colours[i % colours.length], dashed: true })),
      ]}
      referenceLine={{ y: 0, label: t("Zero cash"), color: "bad" }}
      {...moneyByMonth(fmt)}
      yDomain={["auto", "auto"]}
    />
  );
}

export function monthText(m: string | null, fmt: FormatOptions, none: string): string {
  return m ? formatMonth(m, fmt.locale) : none;
}

export function dateText(d: string | null, fmt: FormatOptions, none: string): string {
  return d ? formatDate(d, "UTC", fmt.locale) : none;
}
