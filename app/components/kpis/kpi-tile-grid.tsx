import { useTranslation } from "react-i18next";
import { KpiTile, type MetricMark } from "~/components/metrics/kpi-tile";
import { formatDate, type FormatOptions } from "~/lib/format";
import { formatKpiChange, formatKpiValue, type KpiTileFigures } from "~/lib/kpi-format";

export type KpiTileItem = KpiTileFigures & {
  id: number;
  key: string;
  name: string;
  unit: string | null;
  direction: "higher" | "lower";
  description: string | null;
  /** the catalogue reading (kpi.<key>) the tile shows, unrounded */
  metric: MetricMark;
};

/**
 * KPI tiles: latest value, the cycle's target, change vs the previous measurement (coloured knowing
 * whether lower is better), and the warning colour when the value misses its target
 * (below for higher-is-better, above for lower-is-better) — said in words too.
 */
export function KpiTileGrid({ tiles, formatting, cycleName }: { tiles: readonly KpiTileItem[]; formatting: FormatOptions; cycleName: string | null }) {
  const { locale, timeZone } = formatting;
  const { t } = useTranslation("kpis");
  return (
    <div className="kpi-grid">
      {tiles.map((k) => {
        const change = k.latest && k.previous ? k.latest.value - k.previous.value : null;
        const missed = k.targetState === "missed";
        const when = k.latest ? formatDate(k.latest.measuredOn, timeZone, locale) : null;
        return (
          <div key={k.id} className="kpi-grid__item" data-testid={`kpi-tile-${k.key}`} data-target-state={k.targetState ?? "none"}>
            <KpiTile
              label={k.name}
              value={k.latest ? formatKpiValue(k.latest.value, k.unit, locale) : null}
              href={`/kpis/${k.id}`}
              metric={k.metric}
              formula={
                k.computed
                  ? t(
                      "Successful production deployments finished in the window ÷ days in the window (computed from the delivery data: the catalogue's delivery.deploys_per_day, the same figure as the CTO dashboard).",
                    )
                  : `${t("Latest measurement.")} ${k.description ?? ""} ${k.direction === "lower" ? t("Lower is better.") : t("Higher is better.")}`.trim()
              }
              window={
                k.computed
                  ? t("The 90 days before now; change vs the 90 days before that.")
                  : k.latest
                    ? k.previous
                      ? t("Measured on {{date}}; change vs {{previous}}. Target of {{cycle}}.", {
                          date: when,
                          previous: formatDate(k.previous.measuredOn, timeZone, locale),
                          cycle: cycleName ?? t("no cycle"),
                        })
                      : t("Measured on {{date}}. Target of {{cycle}}.", { date: when, cycle: cycleName ?? t("no cycle") })
                    : t("No measurement yet.")
              }
              change={
                change === null
                  ? undefined
                  : { value: change, formatted: formatKpiChange(change, k.unit, locale), direction: k.direction, comparedTo: t("vs previous") }
              }
              target={k.target === null ? t("none set") : `${k.direction === "lower" ? "≤" : "≥"} ${formatKpiValue(k.target, k.unit, locale)}`}
              footnote={
                missed ? (
                  <span className="kpi-off-target">⚠ {k.direction === "lower" ? t("Above target") : t("Below target")}</span>
                ) : k.targetState === "met" ? (
                  <span className="kpi-on-target">✓ {t("Target met")}</span>
                ) : undefined
              }
              className={missed ? "tile--off-target" : k.targetState === "met" ? "tile--on-target" : undefined}
            />
          </div>
        );
      })}
    </div>
  );
}
