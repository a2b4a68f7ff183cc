/**
 * Server-render checks for the component kit: what a browser without JavaScript receives.
 * (react-router-dom's static data router — what Remix's server renders with — hosts Remix's Link/Form.)
 */
import { Form } from "@remix-run/react";
import { beforeAll, describe, expect, it } from "vitest";
import { AreaChart } from "~/components/charts/area-chart";
import { BarChart } from "~/components/charts/bar-chart";
import { categoryTickInterval, groupLargest } from "~/components/charts/chart-frame";
import { LineChart } from "~/components/charts/line-chart";
import { KpiTile } from "~/components/metrics/kpi-tile";
import { RiskLevelBadge } from "~/components/metrics/risk-level-badge";
import { StatusBadge } from "~/components/metrics/status-badge";
import { TierBadge } from "~/components/metrics/tier-badge";
import { TrendArrow, trendMeaning } from "~/components/metrics/trend-arrow";
import { Button } from "~/components/ui/button";
import { createDataTableColumnHelper, DataTable } from "~/components/ui/data-table";
import { Field, SelectField } from "~/components/ui/field";
import { CellErrors, RowActionForm, RowForm } from "~/components/ui/row-form";
import { SimpleTable } from "~/components/ui/simple-table";
import { Tooltip } from "~/components/ui/tooltip";
import { formatHours } from "~/lib/format";
import { parseTableParams } from "~/lib/table-params";
import { renderPage } from "../../tests/helpers/render";

const render = renderPage;

/** React escapes & in attributes; compare hrefs unescaped. */
const unescape = (html: string) => html.replace(/&amp;/g, "&");

type Deployment = { id: number; service: string; finishedAt: number; leadTimeHours: number | null };

const col = createDataTableColumnHelper<Deployment>();
const columns = col.columns([
  col.accessor("service", { header: "Service", meta: { rowHeader: true } }),
  col.accessor("finishedAt", { header: "Finished", cell: (c) => new Date(c.getValue()).toISOString().slice(0, 10) }),
  col.accessor("leadTimeHours", {
    header: "Lead time",
    cell: (c) => formatHours(c.getValue(), "en-US") ?? "no data",
    meta: { align: "end" },
  }),
  col.display({ id: "actions", header: "Actions", cell: (c) => `edit ${c.row.original.id}` }),
]);
const SORTABLE = ["service", "finishedAt", "leadTimeHours"] as const;

const deployments: Deployment[] = [
  { id: 1, service: "payments-api", finishedAt: Date.UTC(2024, 5, 2), leadTimeHours: 3.2 },
  { id: 2, service: "web-app", finishedAt: Date.UTC(2024, 5, 1), leadTimeHours: null },
];

describe("DataTable (server mode)", () => {
  const url = "/delivery?window=30d&sort=service&dir=asc";
  const params = parseTableParams(url, { sortable: SORTABLE, defaultSort: { id: "finishedAt", desc: true } });
  let html = "";
  beforeAll(async () => {
    html = unescape(
      await render(
        <DataTable
          columns={columns}
          data={deployments}
          total={60}
          params={params}
          caption="Deployments"
          emptyState={<p>No deployments yet</p>}
          csvHref="/delivery/deployments.csv?window=30d"
          getRowId={(r) => String(r.id)}
          filter={{ label: "Search services" }}
        />,
        url,
      ),
    );
  });

  it("renders the rows it was given", async () => {
    expect(html).toContain("payments-api");
    expect(html).toContain("web-app");
    expect(html).toContain("3.2 h");
    expect(html).toContain("edit 2");
    expect(html).toMatch(/<th scope="row" class="dt__rowheader">payments-api<\/th>/);
    expect(html).toContain("<caption");
  });

  it("renders sort links that keep other params and aria-sort on the sorted column", async () => {
    expect(html).toContain('aria-sort="ascending"');
    // sorted column toggles to desc; other columns start at their first direction; page reset
    expect(html).toContain('href="/delivery?window=30d&sort=service&dir=desc"');
    expect(html).toContain('href="/delivery?window=30d&sort=finishedAt&dir=desc"');
    // the display column is not sortable
    expect(html).not.toContain("sort=actions");
  });

  it("renders the pager, page sizes, filter and CSV link", async () => {
    expect(html).toContain("Rows 1–2 of 60");
    expect(html).toContain('href="/delivery?window=30d&sort=service&dir=asc&page=2"');
    expect(html).toMatch(/aria-disabled="true"[^>]*>.*Previous/);
    expect(html).toContain('href="/delivery?window=30d&sort=service&dir=asc&size=50"');
    expect(html).toContain('href="/delivery/deployments.csv?window=30d"');
    expect(html).toContain("Export CSV");
    expect(html).toContain('name="q"');
    expect(html).toContain('<input type="hidden" name="window" value="30d"/>');
  });

  it("shows the empty state when there are no rows", async () => {
    const empty = await render(
      <DataTable
        columns={columns}
        data={[]}
        total={0}
        params={params}
        caption="Deployments"
        emptyState={<p>No deployments yet</p>}
        getRowId={(r) => String(r.id)}
      />,
      url,
    );
    expect(empty).toContain("No deployments yet");
    expect(empty).not.toContain("<table");
  });
});

describe("DataTable (client mode)", () => {
  const many: Deployment[] = Array.from({ length: 30 }, (_, i) => ({
    id: i + 1,
    service: `svc-${String(i + 1).padStart(2, "0")}`,
    finishedAt: Date.UTC(2024, 0, i + 1),
    leadTimeHours: i,
  }));

  it("sorts, filters and pages with TanStack's row models on the server", async () => {
    const url = "/services?sort=service&dir=desc";
    const params = parseTableParams(url, { sortable: SORTABLE, defaultSort: { id: "service", desc: false } });
    const html = unescape(
      await render(
        <DataTable mode="client" columns={columns} data={many} params={params} caption="Services" emptyState="none" getRowId={(r) => String(r.id)} />,
        url,
      ),
    );
    expect(html).toContain("Rows 1–25 of 30");
    expect(html.indexOf("svc-30")).toBeLessThan(html.indexOf("svc-29"));
    expect(html).not.toContain("svc-05<"); // on page 2 when sorted descending
    expect(html).toContain('href="/services?sort=service&dir=desc&page=2"');

    const url2 = "/services?q=svc-1&sort=service&dir=asc";
    const p2 = parseTableParams(url2, { sortable: SORTABLE, defaultSort: { id: "service", desc: false } });
    const filtered = await render(
      <DataTable mode="client" columns={columns} data={many} params={p2} caption="Services" emptyState="none" getRowId={(r) => String(r.id)} />,
      url2,
    );
    expect(filtered).toContain("Rows 1–10 of 10"); // svc-10 … svc-19
    expect(filtered).not.toContain("svc-20");
  });
});

describe("KpiTile", () => {
  it('shows "no data" for a null value, with the formula and window in an accessible tooltip', async () => {
    const html = await render(
      <KpiTile label="Lead time for changes" value={null} formula="median of (deployment finished − commit time)" window="last 90 days" tier={null} />,
    );
    expect(html).toContain("no data");
    expect(html).toContain("median of (deployment finished − commit time)");
    expect(html).toContain("last 90 days");
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
    expect(html).toContain("45 min");
    expect(html).toContain('href="/delivery/incidents?window=90d"');
    expect(html).toContain("trend--good");
    expect(html).toContain("↓");
    expect(html).toContain("badge--tier-high");
    expect(html).toContain("&lt; 30 min");
  });
});

describe("badges and trend", () => {
  it.each<[number | null, "higher" | "lower", string]>([
    [1, "higher", "good"],
    [-1, "higher", "bad"],
    [1, "lower", "bad"],
    [-1, "lower", "good"],
    [0, "lower", "neutral"],
    [null, "higher", "neutral"],
  ])("trendMeaning(%s, %s) = %s", (v, d, expected) => {
    expect(trendMeaning(v, d)).toBe(expected);
  });

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
    expect(html).toContain("Elite");
    expect(html).toContain("no data");
    expect(html).toContain("At risk");
    expect(html).toContain("badge--risk-critical");
    expect(html).toContain("Critical");
    expect(html).toContain("no comparison");
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
    expect(html).toContain("not enough history for a comparison");
    expect(html).not.toContain("trend__value");
    expect(html).not.toContain("trend__compared");
  });
});

describe("form field and tooltip", () => {
  it("links errors and hints to the control", async () => {
    const html = await render(
      <>
        <Field label="Amount" name="amount" defaultValue="12,5" errors={["Expected euros"]} hint="In euros" id="amount" />
        <SelectField label="Team" name="team" options={[{ value: "core", label: "Core" }]} placeholder="Choose…" id="team" />
      </>,
    );
    expect(html).toContain('aria-describedby="amount-hint amount-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('id="amount-error"');
    expect(html).toContain('value="12,5"');
    expect(html).toContain("Choose…");
  });

  it("tooltip trigger is a focusable button described by the bubble", async () => {
    const html = await render(<Tooltip label="About runway" content="cash ÷ avg net burn" />);
    expect(html).toMatch(/<button type="button"[^>]*aria-label="About runway"/);
    expect(html).toContain('role="tooltip"');
  });
});

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
    expect(html).toContain("<svg");
    expect(html).toContain('viewBox="0 0 640 260"');
    expect(html).toContain("var(--chart-1)");
    expect(html).toContain('stroke-dasharray="6 4"');
    expect(html).toContain("Show as table");
    expect(html).toContain("Deployments per month");
    expect(html).toContain("<td>31</td>");
    expect(html).toContain("Target: 50");
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

describe("the shared components in French", () => {
  it("a tile without a figure says so in French, with its tooltip words", async () => {
    const html = await render(<KpiTile label="Délai de mise en production" value={null} formula="médiane" window="90 derniers jours" tier={null} />, "/", "fr");
    expect(html).toContain("aucune donnée");
    expect(html).toContain("Formule");
    expect(html).toContain("Niveau DORA");
    expect(html).not.toContain("no data");
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
    expect(html).toContain("À risque");
    expect(html).toContain("Critique");
    expect(html).toContain("Élite");
    expect(html).toContain("en hausse, moins bien");
  });

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

  it("a date field shows the stored date in the page's locale, typed as text", async () => {
    const fr = await render(<Field label="Échéance" name="dueDate" type="date" defaultValue="2026-12-31" />, "/", "fr");
    expect(fr).toContain('value="31/12/2026"');
    expect(fr).toContain('placeholder="jj/mm/aaaa"');
    expect(fr).toContain('inputMode="numeric"');
    expect(fr).toContain('type="text"');
    const en = await render(<Field label="Due" name="month" type="month" defaultValue="2026-12" />);
    expect(en).toContain('value="12/2026"');
    expect(en).toContain('placeholder="mm/yyyy"');
  });
});

describe("shared table pieces render what the pages wrote by hand", () => {
  it("SimpleTable: scroll box, hidden caption, head with figure columns and the hidden actions head, body and foot", async () => {
    const shared = await render(
      <SimpleTable
        caption="Teams"
        testId="t"
        columns={["Team", { label: "Users", num: true }, { label: "Target", num: "num" }]}
        actionsLabel="Actions"
        footer={
          <tr>
            <td>f</td>
          </tr>
        }
      >
        <tr>
          <td>x</td>
        </tr>
      </SimpleTable>,
    );
    const byHand = await render(
      <div className="table-scroll">
        <table className="simple" data-testid="t">
          <caption className="visually-hidden">Teams</caption>
          <thead>
            <tr>
              <th scope="col">Team</th>
              <th scope="col" className="dl-num">
                Users
              </th>
              <th scope="col" className="num">
                Target
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>x</td>
            </tr>
          </tbody>
          <tfoot>
            <tr>
              <td>f</td>
            </tr>
          </tfoot>
        </table>
      </div>,
    );
    expect(shared).toBe(byHand);
    const visible = await render(
      <SimpleTable caption="Plan" captionVisible columns={["Metric"]}>
        {null}
      </SimpleTable>,
    );
    expect(visible).toContain("<caption>Plan</caption>");
    expect(visible).not.toContain("visually-hidden");
    expect(visible).not.toContain("<tfoot");
  });

  it("row forms: hidden fields in order, the action button names its row, cell errors only when there are some", async () => {
    const shared = await render(
      <>
        <RowForm id="team-3" fields={{ intent: "update", teamId: 3 }} />
        <RowActionForm fields={{ intent: "archive", teamId: 3 }} size="sm" variant="ghost" label="Archive" rowName="Platform" />
        <CellErrors messages={["too long", "taken"]} />
        <CellErrors messages={undefined} />
      </>,
    );
    const byHand = await render(
      <>
        <Form method="post" id="team-3">
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="teamId" value={3} />
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="archive" />
          <input type="hidden" name="teamId" value={3} />
          <Button size="sm" variant="ghost">
            Archive
            <span className="visually-hidden"> {"Platform"}</span>
          </Button>
        </Form>
        <p className="field-error">{["too long", "taken"].join(", ")}</p>
      </>,
    );
    expect(shared).toBe(byHand);
    expect(shared).toContain('<p class="field-error">too long, taken</p>');
    expect(shared.match(/field-error/g)).toHaveLength(1);
  });
});
