/**
 * Server-render checks of the charts: the SVG and table a browser without JavaScript receives.
 */
import { describe, expect, it } from "vitest";
import { AreaChart } from "~/components/charts/area-chart";
import { BarChart } from "~/components/charts/bar-chart";
import { categoryTickInterval, groupLargest } from "~/components/charts/chart-frame";
import { LineChart } from "~/components/charts/line-chart";
import { expectMarkup, renderPage } from "../../../tests/helpers/render";

const render = renderPage;

describe("charts render SVG on the server", () => {
  type Month = { month: string; deploys: number | null; forecast: number | null };
  const data: Month[] = [
    { month: "2024-04", deploys: 12, forecast: null },
    { month: "2024-05", deploys: 20, forecast: null },
    { month: "2024-06", deploys: 31, forecast: 31 },
    { month: "2024-07", deploys: null, forecast: 40 },
  ];

  it("line chart with target and forecast", async () => {
    const html = await render(
      <LineChart
        title="Deployments per month"
        data={data}
        xKey="month"
        series={[
          { key: "deploys", label: "Deployments" },
          { key: "forecast", label: "Forecast", dashed: true },
        ]}
        referenceLine={{ y: 50, label: "Target" }}
      />,
    );
    expectMarkup(html, [
      "<svg",
      'viewBox="0 0 640 260"',
      "var(--chart-1)",
      'stroke-dasharray="6 4"',
      "Show as table",
      "Deployments per month",
      "<td>31</td>",
      "Target: 50",
    ]);
  });

  it("bar and area charts", async () => {
    const bar = await render(
      <BarChart
        title="Budget"
        data={data}
        xKey="month"
        stacked
        series={[
          { key: "deploys", label: "A", colorOf: () => "risk-high" },
          { key: "forecast", label: "B" },
        ]}
      />,
    );
    expect(bar).toContain("<svg");
    expect(bar).toContain("var(--risk-high)");
    const area = await render(<AreaChart title="Spend" data={data} xKey="month" series={[{ key: "deploys", label: "A" }]} />);
    expect(area).toContain("<svg");
  });

  it("prints nice ticks in the values' unit and names the reference line in the legend, not over the plot", async () => {
    const hours = [
      { week: "w1", lead: 0.85 },
      { week: "w2", lead: 1.7 },
    ];
    const html = await render(
      <LineChart
        title="Lead time"
        data={hours}
        xKey="week"
        series={[{ key: "lead", label: "Median" }]}
        unit="hours"
        referenceLine={{ y: 2, label: "Target" }}
      />,
    );
    const ticks = [...html.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1].replace(/[\u00a0\u202f]/g, " "));
    // no locale given: the page's language decides (English → en-GB)
    expect(ticks).toEqual(expect.arrayContaining(["0.0 h", "0.5 h", "1.0 h", "1.5 h", "2.0 h"]));
    expect(ticks.some((t) => /min/.test(t))).toBe(false);
    expect(ticks).not.toContain("Target"); // no label drawn on the plot…
    expect(html).toMatch(/chart__swatch--ref[^>]*><\/span>Target/); // …it is in the legend
  });

  it("stacks side by side (plan and actual) and lists each category once in the legend", async () => {
    type Row = { m: string; p0: number; a0: number; p1: number; a1: number };
    const html = await render(
      <BarChart<Row>
        title="Burn"
        data={[{ m: "2026-10", p0: 100, a0: 90, p1: 10, a1: 12 }]}
        xKey="m"
        stacked
        series={[
          { key: "p0", label: "Salaries", color: "chart-1", dashed: true, stack: "plan" },
          { key: "p1", label: "Cloud", color: "chart-2", dashed: true, stack: "plan" },
          { key: "a0", label: "Salaries", color: "chart-1", stack: "actual" },
          { key: "a1", label: "Cloud", color: "chart-2", stack: "actual" },
        ]}
      />,
    );
    expect(html.match(/class="chart__legend-item"/g)).toHaveLength(2);
    expect(html).not.toContain("chart__swatch--dashed"); // the legend shows the solid (actual) swatch
  });

  it("groups the smallest categories under one 'Other', merged with a category already called Other", () => {
    const totals = new Map([
      ["Salaries", 900],
      ["Marketing", 100],
      ["Cloud", 80],
      ["Other", 5],
      ["Legal", 40],
      ["R&D", 30],
      ["Training", 20],
    ]);
    const { groups, groupOf } = groupLargest(totals, 6, "Other");
    expect(groups).toEqual(["Salaries", "Marketing", "Cloud", "Legal", "R&D", "Other"]);
    expect(groupOf("Training")).toBe("Other");
    expect(groupOf("Other")).toBe("Other");
    expect(
      groupLargest(
        new Map([
          ["A", 1],
          ["other", 2],
        ]),
        6,
        "Other",
      ).groups,
    ).toEqual(["A", "Other"]);
    expect(
      groupLargest(
        new Map([
          ["A", 1],
          ["B", 2],
        ]),
        6,
        "Other",
      ).groups,
    ).toEqual(["B", "A"]);
  });

  it("chooses x ticks from the width alone (same on server and browser, so hydration matches)", () => {
    expect(categoryTickInterval(6, 548)).toBe(0); // 7 ticks fit in 548 px: all 6 months
    expect(categoryTickInterval(8, 548)).toBe(1); // every other month
    expect(categoryTickInterval(36, 548)).toBe(5); // every 6th of 36 months
    expect(categoryTickInterval(1, 100)).toBe(0);
  });

  it("renders the empty message instead of crashing on empty data", async () => {
    const html = await render(
      <LineChart
        title="Nothing"
        data={[] as Month[]}
        xKey="month"
        series={[{ key: "deploys", label: "Deployments" }]}
        emptyMessage="No deployments in this window."
      />,
    );
    expect(html).not.toContain("<svg");
    expect(html).toContain("No deployments in this window.");
    const allNull = await render(
      <BarChart title="Nulls" data={[{ month: "2024-01", deploys: null, forecast: null }] as Month[]} xKey="month" series={[{ key: "deploys", label: "D" }]} />,
    );
    expect(allNull).toContain("No data for this period.");
  });
});

describe("charts in French", () => {
  it("a chart's axis, table and captions follow the language", async () => {
    const html = await render(
      <LineChart
        title="Délai"
        data={[
          { week: "s1", lead: 0.8 },
          { week: "s2", lead: 1.7 },
        ]}
        xKey="week"
        series={[{ key: "lead", label: "Médiane" }]}
        unit="hours"
      />,
      "/",
      "fr",
    );
    const ticks = [...html.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1].replace(/[\u00a0\u202f]/g, " "));
    expect(ticks).toEqual(expect.arrayContaining(["0,0 h", "0,5 h", "1,0 h"]));
    expect(html).toContain("Afficher en tableau");
    expect(html).toContain("Période");
  });
});
