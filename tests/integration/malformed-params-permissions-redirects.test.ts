/**
 * Findings of the adversarial review (loaders and actions called with a real session cookie):
 * malformed URL parameters and form posts get a 4xx (never a 500), forbidden roles get a 403
 * before anything is parsed, and salary-derived figures stay hidden.
 */
import { describe, expect, it } from "vitest";
import { loader as kpiLoader } from "~/routes/kpis.$kpiId";
import { insertKpi, insertKpiMeasurement, insertTeam, insertUser } from "../../seeds/builders";
import { args, cookieFor, get, post, run } from "../helpers/actions";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

describe("GET /kpis/:id with a malformed ?page", () => {
  it("falls back to page 1 instead of overflowing the SQL offset (was a 500)", async () => {
    const ceo = insertUser(t.db, { role: "ceo" });
    const kpi = insertKpi(t.db, { key: "velocity", name: "Velocity" });
    insertKpiMeasurement(t.db, { kpiId: kpi.id, measuredOn: "2025-02-01", value: 40 });
    const cookie = await cookieFor(ceo.id);
    for (const page of ["99999999999999999999", "-1", "abc", "1e400", "0x10", "2.5"]) {
      const res = await run(() => kpiLoader(args(get(`/kpis/${kpi.id}?page=${page}`, cookie), { kpiId: String(kpi.id) })));
      expect(res.status, `page=${page}`).toBe(200);
      const body = res.body as { page: number; measurements: { total: number; rows: unknown[] } };
      expect(body.page, `page=${page}`).toBe(1);
      expect(body.measurements.total).toBe(1);
    }
    const second = await run(() => kpiLoader(args(get(`/kpis/${kpi.id}?page=2`, cookie), { kpiId: String(kpi.id) })));
    expect((second.body as { page: number }).page).toBe(2);
  });
});

describe("OKR actions: a viewer gets 403 whatever is posted (was a 400 from validation first)", () => {
  it("create-objective, unknown intents and check-ins with bad ids", async () => {
    const { action: okrsAction } = await import("~/routes/okrs._index");
    const { action: mineAction } = await import("~/routes/okrs.mine");
    const { action: krAction } = await import("~/routes/okrs.kr.$keyResultId");
    const core = insertTeam(t.db, { name: "Core" });
    const viewer = await cookieFor(insertUser(t.db, { role: "viewer" }).id);
    const lead = await cookieFor(insertUser(t.db, { role: "lead", teamId: core.id }).id);
    const bodies: Record<string, string>[] = [{ intent: "create-objective" }, { intent: "create-objective", cycleId: "abc" }, { intent: "bogus" }, {}];
    for (const body of bodies) {
      expect((await run(() => okrsAction(args(post("/okrs?index", viewer, body))))).status, JSON.stringify(body)).toBe(403);
    }
    for (const body of [{ intent: "checkin", keyResultId: "abc" }, { intent: "bogus" }, {}] as Record<string, string>[]) {
      expect((await run(() => mineAction(args(post("/okrs/mine", viewer, body))))).status, JSON.stringify(body)).toBe(403);
      expect((await run(() => krAction(args(post("/okrs/kr/1", viewer, body), { keyResultId: "1" })))).status, JSON.stringify(body)).toBe(403);
    }
    // a lead may edit (own team) and check in: bad input is still a 400 with a per-field message
    const leadReply = await run(() => okrsAction(args(post("/okrs?index", lead, { intent: "create-objective", cycleId: "abc" }))));
    expect(leadReply.status).toBe(400);
    expect((leadReply.body as { fieldErrors: Record<string, string[]> }).fieldErrors.cycleId).toBeDefined();
    const leadCheckin = await run(() => mineAction(args(post("/okrs/mine", lead, { intent: "checkin", keyResultId: "abc" }))));
    expect(leadCheckin.status).toBe(400);
    expect((leadCheckin.body as { fieldErrors: Record<string, string[]> }).fieldErrors.keyResultId).toBeDefined();
  });
});

describe("URL parameters parsed by zod, malformed ones ignored (never a 500)", () => {
  it("compliance filter", async () => {
    const { parseComplianceFilter } = await import("~/models/governance.server");
    const f = (q: string) => parseComplianceFilter(new URL(`http://localhost/governance/compliance${q}`));
    expect(f("?framework=gdpr&status=done")).toEqual({ framework: "gdpr", status: "done" });
    expect(f("?framework=&status=garbage")).toEqual({ framework: undefined, status: undefined });
    expect(f(`?framework=${"x".repeat(500)}&status=DONE`)).toEqual({ framework: undefined, status: undefined });
  });

  it("headcount and executive dashboard months", async () => {
    const { loader: headcountLoader } = await import("~/routes/hiring.headcount");
    const { loader: execLoader } = await import("~/routes/dashboards.executive");
    const viewer = await cookieFor(insertUser(t.db, { role: "viewer" }).id);
    for (const q of ["?from=2026-13&to=abc", "?from=0000-00", "?from=2026-01&from=x", "?to=99999-01"]) {
      const res = await run(() => headcountLoader(args(get(`/hiring/headcount${q}`, viewer))));
      expect(res.status, q).toBe(200);
      expect((res.body as { from: string }).from, q).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
    }
    const ok = await run(() => headcountLoader(args(get("/hiring/headcount?from=2025-01&to=2025-03", viewer))));
    expect((ok.body as { series: unknown[] }).series).toHaveLength(3);
    for (const q of ["?asOf=2026-13", "?asOf=abc", "?asOf="]) {
      const res = await run(() => execLoader(args(get(`/dashboards/executive${q}`, viewer))));
      expect(res.status, q).toBe(200);
      expect((res.body as { badAsOf: boolean }).badAsOf, q).toBe(true);
    }
  });
});

describe("redirect targets after login and theme switch", () => {
  it("safeRedirectPath keeps same-origin paths only", async () => {
    const { safeRedirectPath } = await import("~/utils/http.server");
    for (const ok of ["/", "/okrs?cycle=2", "/hiring/3#x", "/dashboards/executive?asOf=2026-01&impacts=all", "/a%20b"])
      expect(safeRedirectPath(ok), ok).toBe(ok);
    // "/\t/evil.com" is "//evil.com" to a browser (tabs and newlines are dropped): an open redirect
    for (const bad of [
      "/\t/evil.com",
      "/\n/evil.com",
      "/\r\nSet-Cookie: x=1",
      "//evil.com",
      "/\\evil.com",
      "/\\\\evil.com",
      "https://evil.com",
      "evil.com",
      "/ /x",
      "/\u0000x",
      "",
      null,
      undefined,
    ]) {
      expect(safeRedirectPath(bad), JSON.stringify(bad)).toBe("/");
    }
  });

  it("login and theme with a newline or tab in redirectTo: a redirect home, not a 500 or another site", async () => {
    const { action: loginAction } = await import("~/routes/login");
    const { action: themeAction } = await import("~/routes/resources.theme");
    const { hashPassword } = await import("~/auth/password.server");
    insertUser(t.db, { role: "viewer", email: "v@example.test", passwordHash: await hashPassword("long-enough-password") });
    for (const redirectTo of ["/\t/evil.com", "/\n/evil.com", "/\r\nSet-Cookie:x=1"]) {
      const res = (await loginAction(
        args(post("/login", "", { email: "v@example.test", password: "long-enough-password", redirectTo })),
      )) as unknown as Response;
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(res.headers.get("Location")).toBe("/");
      const theme = (await themeAction(args(post("/resources/theme", "", { theme: "dark", redirectTo })))) as unknown as Response;
      expect(theme.status).toBe(302);
      expect(theme.headers.get("Location")).toBe("/");
    }
  });
});
