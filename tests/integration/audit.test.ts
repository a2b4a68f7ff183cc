import { describe, expect, it } from "vitest";
import { auditActorLabel, auditChanges, auditFilterFromUrl, listAudit, recordAudit, SYSTEM_ACTOR } from "~/models/audit.server";
import { insertUser } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

describe("auditChanges", () => {
  it.each([
    ['{"a":1,"b":2}', '{"a":1,"b":3}', [{ field: "b", before: 2, after: 3 }]],
    [null, '{"a":1}', [{ field: "a", before: undefined, after: 1 }]],
    ['{"a":1}', null, [{ field: "a", before: 1, after: undefined }]],
    ['{"a":1,"b":2}', '{"b":5}', [{ field: "b", before: 2, after: 5 }]],
    [null, null, []],
    ['"x"', '"y"', [{ field: "value", before: "x", after: "y" }]],
    ['{"s":["a"]}', '{"s":["a"]}', []],
  ] as const)("%s → %s", (b, a, expected) => {
    expect(auditChanges(b, a)).toEqual(expected);
  });
});

describe("listAudit", () => {
  it("filters by entity, user, system and date range, paginates in SQL", () => {
    const u = insertUser(t.db, { name: "Ada" });
    const day = (d: string) => new Date(`${d}T10:00:00Z`);
    for (let i = 0; i < 5; i++) recordAudit(t.db, { actor: { userId: u.id }, action: "update", entityType: "risk", entityId: i, after: { i } });
    recordAudit(t.db, { actor: SYSTEM_ACTOR, action: "rule:raise", entityType: "risk", entityId: 9 });
    recordAudit(t.db, { actor: { userId: u.id }, action: "create", entityType: "decision_gate", entityId: 1 });
    t.db.$client.prepare("update audit_log set at = ? where entity_type = 'decision_gate'").run(day("2026-01-05").getTime());
    const f = (q: string) => auditFilterFromUrl(new URL(`http://x/audit?${q}`)).filter;
    expect(listAudit(t.db, f("entity=risk"), { limit: 3, offset: 0 })).toMatchObject({ total: 6 });
    expect(listAudit(t.db, f("entity=risk"), { limit: 3, offset: 3 }).rows).toHaveLength(3);
    const sys = listAudit(t.db, f("actor=system"), { limit: 10, offset: 0 });
    expect(sys.total).toBe(1);
    expect(auditActorLabel(sys.rows[0])).toBe("System");
    expect(listAudit(t.db, f(`actor=${u.id}`), { limit: 10, offset: 0 }).total).toBe(6);
    expect(listAudit(t.db, f("from=2026-01-05&to=2026-01-05"), { limit: 10, offset: 0 }).rows.map((r) => r.entityType)).toEqual(["decision_gate"]);
    expect(listAudit(t.db, f("to=2026-01-04"), { limit: 10, offset: 0 }).total).toBe(0);
    expect(auditFilterFromUrl(new URL("http://x/audit?from=garbage&actor=<script>")).filter).toEqual({});
  });
});
