/** The Pager of the OKR tree and my key results, server-rendered (what a browser without JavaScript gets). */
import { describe, expect, it } from "vitest";
import { Pager } from "~/components/ui/pager";
import { parseTableParams } from "~/lib/table-params";
import { expectMarkup, renderPage } from "../../../tests/helpers/render";

const OPTS = { sortable: [], defaultSort: { id: "tree", desc: false }, pageSizes: [25, 50, 100], defaultPageSize: 25 };
const unescape = (html: string) => html.replace(/&amp;/g, "&");
const range = (first: number, last: number, total: number) => `Showing ${first}–${last} of ${total} objectives`;

async function pager(url: string, total: number, shown: number) {
  const params = parseTableParams(url, OPTS);
  return unescape(await renderPage(<Pager params={params} total={total} shown={shown} range={range} label="Objectives" />, url));
}

describe("Pager", () => {
  it("renders nothing while the whole list fits on the first page (a short list looks as before)", async () => {
    expect(await pager("/okrs?cycle=3", 5, 5)).not.toContain("dt__pager");
    expect(await pager("/okrs?cycle=3", 25, 25)).not.toContain("dt__pager");
    expect(await pager("/okrs?cycle=3", 0, 0)).not.toContain("dt__pager");
  });

  it("shows the range and page, with Previous/Next and page sizes keeping the other parameters", async () => {
    const html = await pager("/okrs?cycle=3&page=2", 61, 25);
    expect(html).toContain("Showing 26–50 of 61 objectives");
    expect(html).toContain("Page 2 of 3");
    expect(html).toContain('href="/okrs?cycle=3"'); // previous = page 1: no page parameter
    expect(html).toContain('href="/okrs?cycle=3&page=3"');
    expect(html).toContain('href="/okrs?cycle=3&size=50"');
    const last = await pager("/okrs?cycle=3&page=3", 61, 11);
    expect(last).toContain("Showing 51–61 of 61 objectives");
    expect(last).toMatch(/aria-disabled="true"[^>]*>.*Next/);
  });

  it("a page past the end says so and links to the first page", async () => {
    const html = await pager("/okrs?cycle=3&page=9", 61, 0);
    expectMarkup(html, ["Page 9 is past the end of this list.", 'href="/okrs?cycle=3"'], ["Showing"]);
  });
});
