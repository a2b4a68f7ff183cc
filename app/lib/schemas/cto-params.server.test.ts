import { describe, expect, it } from "vitest";
import { MS_PER_DAY } from "~/lib/metrics/delivery";
import { parseCtoParams } from "./cto-params.server";

const NOW = Date.UTC(2026, 10, 22, 10, 30);
const p = (q: string) => parseCtoParams(new URLSearchParams(q), NOW);

describe("parseCtoParams", () => {
  it.each([
    ["", 90],
    ["days=30", 30],
    ["days=180", 180],
    ["days=%2030%20", 30],
  ])("preset %s → %i days before now", (q, days) => {
    const r = p(q);
    expect(r.window).toEqual({ from: NOW - days * MS_PER_DAY, to: NOW });
    expect(r.previous).toEqual({ from: NOW - 2 * days * MS_PER_DAY, to: NOW - days * MS_PER_DAY });
    expect(r.days).toBe(days);
    expect(r.notices).toEqual([]);
  });

  it.each(["days=7", "days=abc", "days=-30", "days=1e9", "days=90.5"])("a bad preset (%s) falls back to 90 days with a notice", (q) => {
    const r = p(q);
    expect(r.days).toBe(90);
    expect(r.window).toEqual({ from: NOW - 90 * MS_PER_DAY, to: NOW });
    expect(r.notices[0]).toMatch(/^Ignored days=".*": must be one of 30, 90, 180/);
    expect(r.notices.at(-1)).toBe("Showing the 90 days before now.");
  });

  it("a repeated parameter uses its first value", () => {
    expect(p("days=30&days=180").days).toBe(30);
    expect(p("days=7&days=30")).toMatchObject({ days: 90, notices: [expect.stringMatching(/^Ignored days="7"/), "Showing the 90 days before now."] });
  });

  it("custom from/to: UTC dates, `to` included", () => {
    const r = p("from=2026-01-01&to=2026-01-31");
    expect(r.window).toEqual({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1) });
    expect(r.days).toBeNull();
    expect(r.fromDate).toBe("2026-01-01");
    expect(r.toDate).toBe("2026-01-31");
    expect(r.notices).toEqual([]);
  });

  it("a custom window wins over a preset", () => {
    expect(p("from=2026-01-01&to=2026-01-31&days=30")).toMatchObject({ days: null, notices: [] });
    expect(p("from=2026-01-01&days=7")).toMatchObject({ days: null, notices: [] });
  });

  it("custom from alone runs to now; bad or reversed dates fall back", () => {
    expect(p("from=2026-11-01").window).toEqual({ from: Date.UTC(2026, 10, 1), to: NOW });
    expect(p("from=2026-02-30").days).toBe(90);
    expect(p("from=2026-02-01&to=2026-01-01").notices[0]).toMatch(/before/);
    expect(p("from=2026-02-01&to=2026-01-31").notices[0]).toMatch(/before/);
    expect(p("to=2026-01-01")).toMatchObject({ days: 90, notices: ["A custom window needs a start date.", "Showing the 90 days before now."] });
  });

  it("names the bad date with zod's message, and echoes it back in the form", () => {
    const r = p("from=2026-02-29&to=2026-03-01");
    expect(r.days).toBe(90);
    expect(r.notices).toEqual(['Ignored from="2026-02-29": is not a real date.', "Showing the 90 days before now."]);
    const s = p("from=2026-01-01&to=soon");
    expect(s.days).toBe(90);
    expect(s.notices[0]).toBe('Ignored to="soon": must be a date as YYYY-MM-DD.');
    // leap day of a leap year is a real date
    expect(p("from=2024-02-29&to=2024-03-31").window.from).toBe(Date.UTC(2024, 1, 29));
  });

  it("keeps service and team names (trimmed, at most 200 characters); empty ones are absent", () => {
    expect(p("service=api&team=Core")).toMatchObject({ service: "api", team: "Core" });
    expect(p("service=%20api%20&team=")).toMatchObject({ service: "api", team: null });
    expect(p(`service=${"x".repeat(500)}`).service).toHaveLength(200);
  });
});
