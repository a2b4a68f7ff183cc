/**
 * docs/metrics.md, generated from the catalogue (scripts/docs-metrics.ts, `npm run docs:metrics`);
 * a test fails when the committed file differs, so the documentation cannot drift. Pure.
 */
import { CATALOGUE, CATALOGUE_WINDOW_DAYS, type MetricDefinition } from "./catalogue";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

const DOMAIN_TITLES: Record<MetricDefinition["domain"], string> = {
  finance: "Finance",
  people: "People",
  delivery: "Delivery (DORA)",
  okrs: "OKRs",
  kpi: "Product KPIs",
};

export function catalogueMarkdown(): string {
  const out: string[] = [
    "# Metric catalogue",
    "",
    "<!-- Generated from app/lib/metrics/catalogue.ts by `npm run docs:metrics`. Do not edit by hand: a test compares this file with the generated one. -->",
    "",
    "Every figure the tracker shows has one id, one definition and one function (`COMPUTE` in",
    "`app/models/metrics/compute.server.ts`). Pages, gate criteria, risk rules, key results, KPIs and",
    "`GET /api/v1/metrics?ids=…` read figures through it; every shown figure carries",
    '`data-metric="<id>"` and `data-value="<unrounded value>"`.',
    "",
    "- **Units**: `cents` (integer minor units), `count`, `months`, `fraction` (0.05 = 5 %), `ratio`, `hours`,",
    "  `per_day`, `date` (`YYYY-MM-DD`), `boolean` (1 / 0), `progress` (0–1), `measure` (a KPI's own unit).",
    `- **Windows**: finance as of M, the latest closed month (a month is closed once it has a finance snapshot);`,
    `  delivery over the ${CATALOGUE_WINDOW_DAYS} days before now; people today; OKRs the cycle containing today.`,
    "- **No data** is `null`, never 0.",
    "- **Targets** are rows of `metric_targets` (per metric and cycle, or open-ended), set on the Targets page",
    "  (CTO: delivery; CEO: the others); product KPI targets stay on each KPI's page. `targetFor()` reads both.",
    "- **Product KPIs** are the metrics `kpi.<key>`, one per row of the KPI table: the latest measurement,",
    "  or the catalogue metric a computed KPI names.",
    "",
  ];
  for (const domain of ["finance", "people", "delivery", "okrs"] as const) {
    out.push(`## ${DOMAIN_TITLES[domain]}`, "", "| id | label | unit | better | formula | window / as of |", "| --- | --- | --- | --- | --- | --- |");
    for (const d of CATALOGUE.filter((x) => x.domain === domain)) {
      out.push(`| \`${d.id}\` | ${cell(d.label)} | ${d.unit} | ${d.direction ?? "—"} | ${cell(d.formula)} | ${cell(d.window)} |`);
    }
    out.push("");
  }
  return `${out.join("\n")}`;
}
