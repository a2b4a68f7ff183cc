import { describe, expect, it } from "vitest";
import "~/i18n/translate.server"; // initialises the shared i18next instance that metaT reads
import { routeHead } from "~/utils/route-head";

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
});
