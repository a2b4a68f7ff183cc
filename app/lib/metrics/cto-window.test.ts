import { describe, expect, it } from "vitest";
import { ctoHref, drillHref, toUtcDate, type CtoParams } from "./cto-window";

// Reading the URL (parseCtoParams, zod) is tested in ~/lib/schemas/cto-params.server.test.ts.
const params = (p: Partial<CtoParams>) => ({ days: 90 as const, fromDate: null, toDate: null, service: null, team: null, ...p });

describe("links", () => {
  it("ctoHref keeps the other parameters and drops defaults", () => {
    const r = params({ service: "api", days: 30 });
    expect(ctoHref(r, { service: null })).toBe("/dashboards/cto?days=30");
    expect(ctoHref(r, { days: "90" })).toBe("/dashboards/cto?service=api&days=90");
    expect(ctoHref(params({ days: 90 }), {})).toBe("/dashboards/cto");
    expect(ctoHref(params({ days: null, fromDate: "2026-01-01", toDate: "2026-01-31" }), {})).toBe("/dashboards/cto?from=2026-01-01&to=2026-01-31");
  });

  it("drillHref names the window as ISO instants", () => {
    expect(drillHref("deployments", { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) }, { service: "api", team: null }, { status: "success" })).toBe(
      "/delivery/deployments?service=api&from=2026-01-01T00%3A00%3A00.000Z&to=2026-02-01T00%3A00%3A00.000Z&status=success",
    );
  });

  it("toUtcDate is the UTC day of an instant", () => {
    expect(toUtcDate(Date.UTC(2026, 0, 31, 23, 59))).toBe("2026-01-31");
  });
});
