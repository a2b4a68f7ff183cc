import { describe, expect, it } from "vitest";
import { itMaps } from "../../tests/helpers/mapping";
import { pageCount, parseTableParams, tableHref, tablePaging, type TableParamsOptions } from "./table-params";

const OPTS: TableParamsOptions = {
  sortable: ["finishedAt", "service", "status"],
  defaultSort: { id: "finishedAt", desc: true },
};

describe("parseTableParams", () => {
  it.each<[string, { sort: { id: string; desc: boolean }; page: number; pageSize: number; q?: string }]>([
    ["", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25 }],
    ["?sort=service&dir=asc&page=2&size=50", { sort: { id: "service", desc: false }, page: 2, pageSize: 50 }],
    ["?sort=service&dir=desc", { sort: { id: "service", desc: true }, page: 1, pageSize: 25 }],
    ["?sort=service", { sort: { id: "service", desc: false }, page: 1, pageSize: 25 }],
    ["?sort=finishedAt", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25 }],
    ["?dir=asc", { sort: { id: "finishedAt", desc: false }, page: 1, pageSize: 25 }],
    // bad input falls back, never throws
    ["?sort=password&dir=asc", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25 }],
    ["?sort=service&dir=sideways", { sort: { id: "service", desc: false }, page: 1, pageSize: 25 }],
    ["?page=0", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25 }],
    ["?page=-3", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25 }],
    ["?page=2.5", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25 }],
    ["?page=abc", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25 }],
    ["?page=99999999999", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25 }],
    ["?size=1000", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25 }],
    ["?size=", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25 }],
    ["?q=%20payments%20", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25, q: "payments" }],
    ["?q=%20%20", { sort: { id: "finishedAt", desc: true }, page: 1, pageSize: 25 }],
    ["?sort=service&sort=status", { sort: { id: "service", desc: false }, page: 1, pageSize: 25 }],
  ])("%s", (search, expected) => {
    const p = parseTableParams(search, OPTS);
    expect({ sort: p.sort, page: p.page, pageSize: p.pageSize, ...(p.q !== undefined ? { q: p.q } : {}) }).toEqual(expected);
  });

  it("accepts a Request, URL or URLSearchParams", () => {
    const url = "http://x.test/delivery?sort=status&dir=asc&page=3";
    for (const input of [new Request(url), new URL(url), new URL(url).searchParams, url]) {
      const p = parseTableParams(input, OPTS);
      expect(p.sort).toEqual({ id: "status", desc: false });
      expect(p.page).toBe(3);
    }
  });

  it("honours custom page sizes and prefixes, and returns its context", () => {
    const p = parseTableParams("?inc_size=10&size=50&inc_sort=status", {
      ...OPTS,
      pageSizes: [10, 20],
      defaultPageSize: 20,
      prefix: "inc_",
    });
    expect(p.pageSize).toBe(10);
    expect(p.sort.id).toBe("status");
    expect(p.prefix).toBe("inc_");
    expect(p.pageSizes).toEqual([10, 20]);
    expect(p.sortable).toEqual(OPTS.sortable);
    expect(parseTableParams("", { ...OPTS, pageSizes: [10, 20] }).pageSize).toBe(10); // 25 not offered
  });

  it("cuts a long query", () => {
    expect(parseTableParams(`?q=${"a".repeat(500)}`, OPTS).q).toHaveLength(200);
  });
});

describe("tableHref", () => {
  itMaps("tableHref(%j, %j, %j) = %j", tableHref, [
    ["?window=30d&page=3", { sort: "service", dir: "asc", page: null }, undefined, "?window=30d&sort=service&dir=asc"],
    ["window=30d", { page: 2 }, undefined, "?window=30d&page=2"],
    ["?page=2", { page: 1 }, undefined, ""],
    ["?q=abc&page=4", { q: "", page: null }, undefined, ""],
    ["?sort=a", { size: 50 }, undefined, "?sort=a&size=50"],
    ["?team=Core&dep_page=2", { page: 3, team: null }, "dep_", "?dep_page=3"],
    ["?month=2024-06", { sort: "x", month: "2024-07" }, "inc_", "?month=2024-07&inc_sort=x"],
    ["", { q: "a b&c" }, undefined, "?q=a+b%26c"],
  ]);

  it("accepts URLSearchParams and does not mutate it", () => {
    const sp = new URLSearchParams("a=1");
    expect(tableHref(sp, { page: 2 })).toBe("?a=1&page=2");
    expect(sp.toString()).toBe("a=1");
  });
});

describe("paging helpers", () => {
  it("tablePaging", () => {
    expect(tablePaging({ page: 1, pageSize: 25 })).toEqual({ limit: 25, offset: 0 });
    expect(tablePaging({ page: 3, pageSize: 50 })).toEqual({ limit: 50, offset: 100 });
  });
  itMaps("pageCount(%s, %s) = %s", pageCount, [
    [0, 25, 1],
    [25, 25, 1],
    [26, 25, 2],
    [1000, 100, 10],
  ]);
});
