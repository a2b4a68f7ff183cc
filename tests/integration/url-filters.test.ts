/**
 * URL filter parameters go through zod schemas (app/lib/url-params.server.ts): good values are
 * parsed, bad ones are ignored (with a notice where the page shows one), and nothing throws.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { auditFilterFromUrl } from "~/models/audit.server";
import { parseDeploymentFilter, parseIncidentFilter } from "~/models/delivery.server";
import { savedFlagFromUrl } from "~/models/hiring.server";
import { riskFilterFromUrl } from "~/models/risks.server";
import { insertService, insertTeam } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

const url = (q: string) => new URL(`http://x/page?${q}`);

describe("audit filters", () => {
  const parse = (q: string) => auditFilterFromUrl(url(q));

  it("parses good values and echoes them for the form", () => {
    expect(parse("entity=risk&entityId=7&actor=12&from=2026-01-05&to=2026-01-06")).toEqual({
      filter: { entityType: "risk", entityId: "7", userId: 12, from: Date.UTC(2026, 0, 5), to: Date.UTC(2026, 0, 7) },
      raw: { entity: "risk", entityId: "7", actor: "12", from: "2026-01-05", to: "2026-01-06" },
    });
    expect(parse("actor=system").filter).toEqual({ system: true });
    expect(parse("actor=token").filter).toEqual({ token: true });
  });

  it.each([
    "actor=<script>",
    "actor=0",
    "actor=-3",
    "actor=1.5",
    "actor=99999999999999999999",
    "actor=SYSTEM",
    "from=garbage",
    "from=2026-02-30",
    "to=2026-13-01",
    "to=26-01-01",
  ])("ignores %s", (q) => {
    const r = parse(q);
    expect(r.filter).toEqual({});
    expect(Object.values(r.raw).every((v) => v === "")).toBe(true);
  });

  it("keeps the good filters next to a bad one, uses the first of a repeated parameter, cuts long text", () => {
    expect(parse("actor=nobody&from=2026-01-05").filter).toEqual({ from: Date.UTC(2026, 0, 5) });
    expect(parse("actor=system&actor=4").filter).toEqual({ system: true });
    expect(parse(`entity=${"e".repeat(100)}`).filter.entityType).toHaveLength(60);
  });
});

describe("risk register filters", () => {
  const parse = (q: string) => riskFilterFromUrl(url(q));

  it("parses good values", () => {
    expect(parse("category=security&level=high&owner=3&status=all&overdue=1&q=%20vendor%20&kind=inherent&l=4&i=5")).toEqual({
      category: "security",
      level: "high",
      ownerUserId: 3,
      status: "all",
      overdue: true,
      q: "vendor",
      cell: { kind: "inherent", likelihood: 4, impact: 5 },
    });
  });

  it.each([
    "category=weather",
    "level=extreme",
    "owner=abc",
    "owner=0",
    "owner=-1",
    "owner=99999999999999999999",
    "status=deleted",
    "overdue=yes",
    "overdue=0",
    "kind=inherent&l=0&i=3",
    "kind=inherent&l=6&i=3",
    "kind=inherent&l=2.5&i=3",
    "kind=inherent&l=3",
    "kind=bogus&l=3&i=3",
    "l=3&i=3",
  ])("ignores %s", (q) => {
    expect(parse(q)).toEqual({});
  });

  it("keeps the good filters next to bad ones and uses the first of a repeated parameter", () => {
    expect(parse("category=weather&level=low&owner=x")).toEqual({ level: "low" });
    expect(parse("level=low&level=critical")).toEqual({ level: "low" });
    expect(parse(`q=${"a".repeat(300)}`).q).toHaveLength(200);
  });
});

describe("delivery list filters", () => {
  beforeEach(() => {
    const core = insertTeam(t.db, { name: "Core" });
    insertService(t.db, { name: "api", teamId: core.id });
    insertService(t.db, { name: "web" });
  });

  it("deployments: parses good values and echoes what was accepted", () => {
    const r = parseDeploymentFilter(
      t.db,
      new URLSearchParams("service=api&status=failure&environment=Production&from=2025-01-01&to=2025-01-31&hotfix=yes&rollback=0"),
    );
    expect(r.notices).toEqual([]);
    expect(r.filter).toMatchObject({
      status: "failure",
      environment: "production",
      hotfix: true,
      rollback: false,
      from: Date.UTC(2025, 0, 1),
      to: Date.UTC(2025, 1, 1),
    });
    expect(r.filter.serviceIds).toHaveLength(1);
    expect(r.echo).toEqual({
      service: "api",
      status: "failure",
      environment: "Production",
      from: "2025-01-01",
      to: "2025-01-31",
      hotfix: "yes",
      rollback: "0",
    });
  });

  it("deployments: from/to take a UTC day, an ISO instant with a zone or milliseconds", () => {
    const f = (q: string) => parseDeploymentFilter(t.db, new URLSearchParams(q));
    expect(f("from=2025-01-01T12:00:00%2B02:00").filter.from).toBe(Date.UTC(2025, 0, 1, 10));
    expect(f("to=1735732800000").filter.to).toBe(1735732800000);
    expect(f("from=2025-02-29").notices).toEqual([
      'Ignored from="2025-02-29": must be a date (YYYY-MM-DD), an ISO 8601 date-time with a zone, or milliseconds.',
    ]);
    expect(f("from=2025-01-01T12:00:00").filter.from).toBeUndefined(); // no zone
    expect(f("from=1234567890123456").filter.from).toBeUndefined(); // more than 15 digits
    expect(f("from=2025-01-02&to=2025-01-01").notices).toEqual(["The end of the date range is not after its start: no row can match."]);
  });

  it("deployments: each bad parameter is ignored with its own notice, the good ones stay", () => {
    const r = parseDeploymentFilter(t.db, new URLSearchParams("status=maybe&hotfix=perhaps&environment=pro%20duction&service=web"));
    expect(r.notices).toEqual([
      'Ignored status="maybe": must be success or failure.',
      'Ignored environment="pro duction": must be 1–50 letters, digits, . _ - (e.g. production, staging).',
      'Ignored hotfix="perhaps": must be yes or no.',
    ]);
    expect(r.filter).toMatchObject({ status: undefined, hotfix: undefined, environment: undefined });
    expect(r.filter.serviceIds).toHaveLength(1);
    expect(r.echo).toEqual({ service: "web" });
  });

  it("deployments: a repeated parameter uses its first value", () => {
    expect(parseDeploymentFilter(t.db, new URLSearchParams("status=success&status=failure")).filter.status).toBe("success");
    const r = parseDeploymentFilter(t.db, new URLSearchParams("status=nope&status=failure"));
    expect(r.filter.status).toBeUndefined();
    expect(r.notices).toHaveLength(1);
  });

  it("incidents: parses good values, ignores bad ones with notices", () => {
    const good = parseIncidentFilter(t.db, new URLSearchParams("team=Core&severity=sev2&state=open&cause=unset&from=2025-01-01"));
    expect(good.notices).toEqual([]);
    expect(good.filter).toMatchObject({ severity: "SEV2", state: "open", cause: "unset", from: Date.UTC(2025, 0, 1) });
    const bad = parseIncidentFilter(t.db, new URLSearchParams(`severity=SEV5&state=closed&cause=magic&service=${"s".repeat(101)}`));
    expect(bad.notices).toEqual([
      expect.stringMatching(/^Ignored service="s{60}": /),
      'Ignored severity="SEV5": must be SEV1 to SEV4.',
      'Ignored state="closed": must be open or resolved.',
      'Ignored cause="magic": must be explicit, inferred, none or unset.',
    ]);
    expect(bad.filter).toEqual({ serviceIds: undefined, severity: undefined, state: undefined, cause: undefined, from: undefined, to: undefined });
  });
});

describe("hiring saved flag", () => {
  it.each([
    ["created=12", "created"],
    ["updated=3", "updated"],
    ["created=12&updated=3", "created"],
    ["created=abc&updated=3", "updated"],
    ["", null],
    ["created=", null],
    ["created=abc", null],
    ["updated=0", null],
    ["updated=-2", null],
    ["created=<script>", null],
  ] as const)("%s → %s", (q, expected) => {
    expect(savedFlagFromUrl(url(q))).toBe(expected);
  });
});
