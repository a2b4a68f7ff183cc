import { describe, expect, it } from "vitest";
import { MS_PER_DAY } from "~/lib/metrics/delivery";
import { ctoHref, drillHref, parseCtoParams, parseUtcDate } from "./cto-window";

const NOW = Date.UTC(2026, 10, 22, 10, 30);
const p = (q: string) => parseCtoParams(new URLSearchParams(q), NOW);

describe("parseCtoParams", () => {
  it.each([
    ["", 90],
    ["days=30", 30],
    ["days=180", 180],
  ])("preset %s → %i days before now", (q, days) => {
    const r = p(q);
    expect(r.window).toEqual({ from: NOW - days * MS_PER_DAY, to: NOW });
    expect(r.previous).toEqual({ from: NOW - 2 * days * MS_PER_DAY, to: NOW - days * MS_PER_DAY });
    expect(r.days).toBe(days);
    expect(r.notices).toEqual([]);
  });

  it("a bad preset falls back to 90 days with a notice", () => {
    const r = p("days=7");
    expect(r.days).toBe(90);
    expect(r.notices.length).toBeGreaterThan(0);
  });

  it("custom from/to: UTC dates, `to` included", () => {
    const r = p("from=2026-01-01&to=2026-01-31");
    expect(r.window).toEqual({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) });
    expect(r.days).toBeNull();
    expect(r.fromDate).toBe("2026-01-01");
  });

  it("custom from alone runs to now; bad or reversed dates fall back", () => {
    expect(p("from=2026-11-01").window).toEqual({ from: Date.UTC(2026, 10, 1), to: NOW });
    expect(p("from=2026-02-30").days).toBe(90);
    expect(p("from=2026-02-01&to=2026-01-01").notices[0]).toMatch(/before/);
    expect(p("to=2026-01-01").days).toBe(90);
  });

  it("keeps service and team names", () => {
    expect(p("service=api&team=Core")).toMatchObject({ service: "api", team: "Core" });
  });
});

describe("links", () => {
  it("ctoHref keeps the other parameters and drops defaults", () => {
    const r = p("service=api&days=30");
    expect(ctoHref(r, { service: null })).toBe("/dashboards/cto?days=30");
    expect(ctoHref(r, { days: "90" })).toBe("/dashboards/cto?service=api&days=90");
  });

  it("drillHref names the window as ISO instants", () => {
    expect(drillHref("deployments", { from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) }, { service: "api", team: null }, { status: "success" })).toBe(
      "/delivery/deployments?service=api&from=2026-01-01T00%3A00%3A00.000Z&to=2026-02-01T00%3A00%3A00.000Z&status=success",
    );
  });

  it("parseUtcDate rejects impossible dates", () => {
    expect(parseUtcDate("2026-02-29")).toBeNull();
    expect(parseUtcDate("2024-02-29")).toBe(Date.UTC(2024, 1, 29));
  });
});
