/**
 * Server-render checks of the metric pieces (KPI tile, badges, trend arrow), in English and French.
 */
import { describe, expect, it } from "vitest";
import { KpiTile } from "~/components/metrics/kpi-tile";
import { RiskLevelBadge } from "~/components/metrics/risk-level-badge";
import { StatusBadge } from "~/components/metrics/status-badge";
import { TierBadge } from "~/components/metrics/tier-badge";
import { TrendArrow, trendMeaning } from "~/components/metrics/trend-arrow";
import { itMaps } from "../../../tests/helpers/mapping";
import { expectMarkup, renderPage } from "../../../tests/helpers/render";

const render = renderPage;

describe("KpiTile", () => {
  it('shows "no data" for a null value, with the formula and window in an accessible tooltip', async () => {
    const html = await render(
      <KpiTile label="Lead time for changes" value={null} formula="median of (deployment finished − commit time)" window="last 90 days" tier={null} />,
    );
    expectMarkup(html, ["no data", "median of (deployment finished − commit time)", "last 90 days"]);
    expect(html).toMatch(/<button type="button"[^>]*aria-describedby="([^"]+)"/);
    const describedBy = /aria-describedby="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain(`role="tooltip" id="${describedBy}"`);
  });

  it("links to the rows behind and colours the change knowing lower is better", async () => {
    const html = await render(
      <KpiTile
        label="Time to restore"
        value="45 min"
        formula="median of (resolved − started)"
        window="last 90 days"
        href="/delivery/incidents?window=90d"
        change={{ value: -0.2, formatted: "−20 %", direction: "lower" }}
        tier="high"
        target="< 30 min"
      />,
    );
    expectMarkup(html, ["45 min", 'href="/delivery/incidents?window=90d"', "trend--good", "↓", "badge--tier-high", "&lt; 30 min"]);
  });
});

describe("badges and trend", () => {
  itMaps("trendMeaning(%s, %s) = %s", trendMeaning, [
    [1, "higher", "good"],
    [-1, "higher", "bad"],
    [1, "lower", "bad"],
    [-1, "lower", "good"],
    [0, "lower", "neutral"],
    [null, "higher", "neutral"],
  ]);

  it("renders labels, not only colours", async () => {
    const html = await render(
      <>
        <TierBadge tier="elite" />
        <TierBadge tier={null} />
        <StatusBadge status="at_risk" />
        <RiskLevelBadge level="critical" score={20} />
        <TrendArrow value={null} direction="higher" />
      </>,
    );
    expectMarkup(html, ["Elite", "no data", "At risk", "badge--risk-critical", "Critical", "no comparison"]);
  });

  it("no change reads 'unchanged', whatever the unit", async () => {
    const html = await render(<TrendArrow value={0} direction="lower" formatted="0 bugs" comparedTo="vs previous" />);
    expect(html).toContain("unchanged");
    expect(html).not.toContain("0 bugs");
  });

  it("a trend without a fair previous window says why instead of showing a change", async () => {
    const html = await render(
      <TrendArrow value={null} direction="higher" formatted="not enough history for a comparison" comparedTo="vs the previous 90 days" />,
    );
    expectMarkup(html, ["not enough history for a comparison"], ["trend__value", "trend__compared"]);
  });
});

describe("the metric pieces in French", () => {
  it("a tile without a figure says so in French, with its tooltip words", async () => {
    const html = await render(<KpiTile label="Délai de mise en production" value={null} formula="médiane" window="90 derniers jours" tier={null} />, "/", "fr");
    expectMarkup(html, ["aucune donnée", "Formule", "Niveau DORA"], ["no data"]);
  });

  it("badges and trend words are French", async () => {
    const html = await render(
      <>
        <StatusBadge status="at_risk" />
        <RiskLevelBadge level="critical" score={20} />
        <TierBadge tier="elite" />
        <TrendArrow value={3} direction="lower" formatted="+3 h" />
      </>,
      "/",
      "fr",
    );
    expectMarkup(html, ["À risque", "Critique", "Élite", "en hausse, moins bien"]);
  });
});
