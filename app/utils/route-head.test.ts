import { describe, expect, it } from "vitest";
import "~/i18n/translate.server"; // initialises the shared i18next instance that metaT reads
import { dataRouteHead, routeHead } from "~/utils/route-head";

describe("routeHead", () => {
  it("names the namespaces in handle, the first one first", () => {
    expect(routeHead("finance", "Budget categories").handle).toEqual({ i18n: ["finance"] });
    expect(routeHead(["kpis", "okrs"], "Product dashboard").handle).toEqual({ i18n: ["kpis", "okrs"] });
  });

  it("titles the page in the root loader's language, from the first namespace", () => {
    const { meta } = routeHead(["finance", "metrics"], "Budget categories");
    expect(meta({ matches: [{ data: { locale: "fr" } }] })).toEqual([{ title: "Catégories budgétaires · Suivi de la stratégie" }]);
    expect(meta({ matches: [{ data: { locale: "en" } }] })).toEqual([{ title: "Budget categories · Strategy Tracker" }]);
    expect(meta({ matches: [] })).toEqual([{ title: "Budget categories · Strategy Tracker" }]);
  });

  it("titles a row's page from its loader data, with a fallback when the loader failed", () => {
    const { handle, meta } = dataRouteHead<() => { name: string }>(["finance", "metrics"], (data, t) => data?.name ?? t("Budget categories"));
    expect(handle).toEqual({ i18n: ["finance", "metrics"] });
    const args = (data: { name: string } | undefined, locale: string) => ({ data, matches: [{ data: { locale } }] }) as unknown as Parameters<typeof meta>[0];
    expect(meta(args({ name: "Cloud" }, "en"))).toEqual([{ title: "Cloud · Strategy Tracker" }]);
    expect(meta(args(undefined, "fr"))).toEqual([{ title: "Catégories budgétaires · Suivi de la stratégie" }]);
  });
});
