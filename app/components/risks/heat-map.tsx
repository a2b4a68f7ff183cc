import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { N_ } from "~/i18n/mark";
import type { HeatMapCell, RiskLevel } from "~/lib/metrics/risks";
import { tableHref } from "~/lib/table-params";

const LEVEL_TEXT: Record<RiskLevel, string> = { low: N_("low"), medium: N_("medium"), high: N_("high"), critical: N_("critical") };

export type HeatMapProps = {
  kind: "inherent" | "residual";
  title: string;
  cells: HeatMapCell[][];
  /** the selected cell, if any */
  selected?: { kind: "inherent" | "residual"; likelihood: number; impact: number };
  /** path the cell links go to (default: the current page) */
  basePath?: string;
};

/**
 * A 5×5 risk heat map: likelihood (rows, 5 at the top) × impact (columns, 1 at the left).
 * Each cell is coloured by its level (--risk-* colours) and is a link (?kind=&l=&i=, other
 * filters kept) that lists its risks; cells are keyboard reachable like any link.
 */
export function RiskHeatMap({ kind, title, cells, selected, basePath }: HeatMapProps) {
  const location = useLocation();
  const { t } = useTranslation("risks");
  const pathname = basePath ?? location.pathname;
  const headingId = `heat-${kind}`;
  return (
    <figure className="heat-map" aria-labelledby={headingId}>
      <figcaption id={headingId} className="heat-map__title">
        {title}
      </figcaption>
      <table className="heat-map__grid">
        <caption className="visually-hidden">
          {t("{{title}}: number of risks per likelihood (rows) and impact (columns); select a cell to list its risks", { title })}
        </caption>
        <thead>
          <tr>
            <th scope="col" className="heat-map__corner">
              <span aria-hidden="true">{t("L \\ I")}</span>
              <span className="visually-hidden">{t("Likelihood by impact")}</span>
            </th>
            {[1, 2, 3, 4, 5].map((i) => (
              <th key={i} scope="col" className="heat-map__axis">
                <span className="visually-hidden">{t("Impact {{n}}", { n: i })}</span>
                <span aria-hidden="true">{i}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {cells.map((row) => (
            <tr key={row[0].likelihood}>
              <th scope="row" className="heat-map__axis">
                <span className="visually-hidden">{t("Likelihood {{n}}", { n: row[0].likelihood })}</span>
                <span aria-hidden="true">{row[0].likelihood}</span>
              </th>
              {row.map((cell) => {
                const isSelected = selected?.kind === kind && selected.likelihood === cell.likelihood && selected.impact === cell.impact;
                const n = cell.riskIds.length;
                const search = tableHref(location.search, { kind, l: cell.likelihood, i: cell.impact, page: null });
                return (
                  <td key={cell.impact} className={`heat-map__cell heat-map__cell--${cell.level}${n ? "" : " heat-map__cell--empty"}`}>
                    <Link
                      to={{ pathname, search, hash: "register" }}
                      className="heat-map__link"
                      aria-current={isSelected ? "true" : undefined}
                      aria-label={t("Likelihood {{l}}, impact {{i}}, score {{score}} ({{level}}): {{count}} risks", {
                        l: cell.likelihood,
                        i: cell.impact,
                        score: cell.score,
                        level: t(LEVEL_TEXT[cell.level]),
                        count: n,
                      })}
                      data-testid={`heat-${kind}-${cell.likelihood}-${cell.impact}`}
                      preventScrollReset
                    >
                      {n || <span aria-hidden="true">·</span>}
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="heat-map__legend" aria-hidden="true">
        <span className="heat-map__swatch heat-map__cell--low" /> {t("Low 1–4")} <span className="heat-map__swatch heat-map__cell--medium" /> {t("Medium 5–9")}{" "}
        <span className="heat-map__swatch heat-map__cell--high" /> {t("High 10–16")} <span className="heat-map__swatch heat-map__cell--critical" />{" "}
        {t("Critical 20–25")}
      </p>
    </figure>
  );
}
