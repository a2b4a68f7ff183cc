import { beforeEach, describe, expect, it } from "vitest";
import { renderPage } from "../../../tests/helpers/render";
import { BarChart } from "./bar-chart";
import { LineChart } from "./line-chart";
import { clearPlotCache, plotCacheSize, plotMarkup, PlotKeyMismatchError } from "./plot-markup.server";

type Row = { month: string; value: number | null; level: string };
const data: Row[] = [
  { month: "2026-01", value: 10, level: "low" },
  { month: "2026-02", value: 25, level: "high" },
  { month: "2026-03", value: null, level: "low" },
];
const plotOf = (html: string) => /<div class="chart__plot"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";

function line(formatX: (x: string | number) => string, rows: Row[] = data) {
  return renderPage(<LineChart title="Trend" data={rows} xKey="month" series={[{ key: "value", label: "Value" }]} formatX={formatX} />);
}

describe("plot markup cache (server)", () => {
  beforeEach(() => clearPlotCache());

  it("renders a drawing once and serves the same SVG to the next request", async () => {
    const first = await line(String);
    expect(plotCacheSize()).toBe(1);
    const second = await line(String);
    expect(plotCacheSize()).toBe(1);
    expect(plotOf(second)).toBe(plotOf(first));
    expect(plotOf(first)).toContain("<svg");
  });

  it("a different label formatter is a different drawing, though the data and the function's shape are the same", async () => {
    const prefix = (p: string) => (x: string | number) => `${p}${String(x)}`;
    const a = plotOf(await line(prefix("A ")));
    const b = plotOf(await line(prefix("B ")));
    expect(plotCacheSize()).toBe(2);
    expect(a).toContain("A 2026-01");
    expect(b).toContain("B 2026-01");
    expect(b).not.toContain("A 2026-01");
  });

  it("changed data is a new key: nothing is stale", async () => {
    const before = plotOf(await line(String));
    const after = plotOf(await line(String, [{ ...data[0], value: 90 }, ...data.slice(1)]));
    expect(after).not.toBe(before);
    expect(plotCacheSize()).toBe(2);
  });

  it("values that differ far below a pixel share one drawing; a visible change does not", async () => {
    await line(String, [{ ...data[0], value: 10.000001 }, ...data.slice(1)]);
    await line(String, [{ ...data[0], value: 10.000002 }, ...data.slice(1)]);
    expect(plotCacheSize()).toBe(1);
    await line(String, [{ ...data[0], value: 10.5 }, ...data.slice(1)]);
    expect(plotCacheSize()).toBe(2);
  });

  it("a row's fields that the chart does not plot are not part of its drawing", async () => {
    type Wide = Row & { other: number };
    const wide = (other: number) =>
      renderPage(<LineChart<Wide> title="Trend" data={data.map((r) => ({ ...r, other }))} xKey="month" series={[{ key: "value", label: "Value" }]} />);
    const a = plotOf(await wide(1));
    const b = plotOf(await wide(2));
    expect(plotCacheSize()).toBe(1);
    expect(b).toBe(a);
  });

  it("bar colours chosen per row by a function are part of the key", async () => {
    const bars = async (colorOf: (r: Row) => "bad" | "good") =>
      plotOf(await renderPage(<BarChart title="Levels" data={data} xKey="month" series={[{ key: "value", label: "Value", colorOf }]} />));
    const a = await bars((r) => (r.level === "high" ? "bad" : "good"));
    const b = await bars(() => "good");
    expect(a).toContain("var(--bad)");
    expect(b).not.toContain("var(--bad)");
  });

  it("outside production, a hit whose drawing differs from the kept one fails loudly", () => {
    plotMarkup("k", <svg data-n="1" />);
    expect(() => plotMarkup("k", <svg data-n="2" />)).toThrow(PlotKeyMismatchError);
    expect(plotMarkup("k", <svg data-n="1" />)).toBe('<svg data-n="1"></svg>');
  });

  it("keeps at most 400 drawings, the least recently used going first", () => {
    for (let i = 0; i < 401; i++) plotMarkup(`key ${i}`, <svg data-i={i} />);
    expect(plotCacheSize()).toBe(400);
    expect(() => plotMarkup("key 0", <svg data-i="other" />)).not.toThrow(); // key 0 was dropped: drawn afresh
  });
});
