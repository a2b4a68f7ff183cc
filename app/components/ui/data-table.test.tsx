/**
 * Server-render checks of DataTable: what a browser without JavaScript receives.
 * (react-router-dom's static data router — what Remix's server renders with — hosts Remix's Link/Form.)
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createDataTableColumnHelper, DataTable } from "~/components/ui/data-table";
import { formatHours } from "~/lib/format";
import { parseTableParams } from "~/lib/table-params";
import { expectMarkup, renderPage } from "../../../tests/helpers/render";

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
    expectMarkup(html, ["payments-api", "web-app", "3.2 h", "edit 2"]);
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
    expectMarkup(html, [
      'href="/delivery?window=30d&sort=service&dir=asc&size=50"',
      'href="/delivery/deployments.csv?window=30d"',
      "Export CSV",
      'name="q"',
      '<input type="hidden" name="window" value="30d"/>',
    ]);
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
