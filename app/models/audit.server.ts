import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { countRows, schema, type Db } from "~/utils/db.server";

/**
 * Who made a change: a signed-in person, an API token, or the system itself (a metric rule
 * raising a risk — stored with both ids null; its action names what did it, e.g. "rule:raise").
 */
export type AuditActor =
  | { userId: number; tokenId?: null; system?: undefined }
  | { userId?: null; tokenId: number; system?: undefined }
  | { userId?: null; tokenId?: null; system: true };

export const SYSTEM_ACTOR: AuditActor = { system: true };

export type AuditInput = {
  actor: AuditActor;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
};

/**
 * Records one audit entry. Call it inside the same transaction as the write it describes,
 * so a rolled-back write leaves no entry and a committed one always has one.
 */
export function recordAudit(db: Pick<Db, "insert">, entry: AuditInput): void {
  db.insert(schema.auditLog)
    .values({
      actorUserId: entry.actor.userId ?? null,
      actorTokenId: entry.actor.tokenId ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId == null ? null : String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .run();
}

/**
 * Deletes one row and records it, in one transaction: `read` finds the row (none: false, nothing
 * written), `remove` deletes it, and the entry keeps `before(row)` (the whole row by default).
 */
export function deleteAudited<R>(
  db: Db,
  actor: AuditActor,
  entityType: string,
  entityId: number,
  read: (tx: Db) => R | null | undefined,
  remove: (tx: Db) => void,
  before: (row: R) => unknown = (row) => row,
): boolean {
  return db.transaction((t) => {
    const tx = t as unknown as Db;
    const row = read(tx);
    if (!row) return false;
    remove(tx);
    recordAudit(tx, { actor, action: "delete", entityType, entityId, before: before(row) });
    return true;
  });
}

/** deleteAudited() of the row of `table` whose `id` column is `id`: `read` finds it (and what the entry keeps, through `before`), then it is deleted. */
export function deleteByIdAudited<TT extends SQLiteTable & { id: SQLiteColumn }, R>(
  db: Db,
  actor: AuditActor,
  entityType: string,
  table: TT,
  id: number,
  read: (tx: Db) => R | null | undefined,
  before?: (row: R) => unknown,
): boolean {
  return deleteAudited(db, actor, entityType, id, read, (tx) => tx.delete(table).where(eq(table.id, id)).run(), before);
}

/** deleteByIdAudited() of the row as stored: read, deleted, audited with `before(row)` (the whole row by default). */
export function deleteRowAudited<TT extends SQLiteTable & { id: SQLiteColumn }>(
  db: Db,
  actor: AuditActor,
  entityType: string,
  table: TT,
  id: number,
  before?: (row: TT["$inferSelect"]) => unknown,
): boolean {
  return deleteByIdAudited(
    db,
    actor,
    entityType,
    table,
    id,
    (tx) =>
      tx
        .select()
        .from(table as SQLiteTable)
        .where(eq(table.id, id))
        .get() as TT["$inferSelect"] | undefined,
    before,
  );
}

/**
 * Updates the row of `table` whose `id` column is `id` with `values` and records it ("update",
 * `before` as given, `after` the updated row through `audited`), in the caller's transaction.
 * Returns the updated row.
 */
export function updateRowAudited<TT extends SQLiteTable & { id: SQLiteColumn }>(
  tx: Pick<Db, "insert" | "update">,
  actor: AuditActor,
  entityType: string,
  table: TT,
  id: number,
  values: Partial<TT["$inferInsert"]>,
  before: unknown,
  audited: (row: TT["$inferSelect"]) => unknown = (row) => row,
): TT["$inferSelect"] {
  const after = tx
    .update(table as SQLiteTable)
    .set(values)
    .where(eq(table.id, id))
    .returning()
    .get() as TT["$inferSelect"];
  recordAudit(tx, { actor, action: "update", entityType, entityId: id, before, after: audited(after) });
  return after;
}

export type AuditFilter = {
  entityType?: string;
  entityId?: string;
  userId?: number;
  /** only entries made by the system (metric rules), neither a user nor a token */
  system?: boolean;
  /** only entries made through API tokens */
  token?: boolean;
  from?: number;
  to?: number;
};

export function listAudit(db: Db, filter: AuditFilter, page: { limit: number; offset: number }) {
  const where: SQL[] = [];
  if (filter.entityType) where.push(eq(schema.auditLog.entityType, filter.entityType));
  if (filter.entityId) where.push(eq(schema.auditLog.entityId, filter.entityId));
  if (filter.userId) where.push(eq(schema.auditLog.actorUserId, filter.userId));
  if (filter.system) where.push(sql`${schema.auditLog.actorUserId} is null and ${schema.auditLog.actorTokenId} is null`);
  if (filter.token) where.push(sql`${schema.auditLog.actorTokenId} is not null`);
  if (filter.from) where.push(gte(schema.auditLog.at, new Date(filter.from)));
  if (filter.to) where.push(lt(schema.auditLog.at, new Date(filter.to)));
  const cond = where.length ? and(...where) : undefined;
  const rows = db
    .select({
      id: schema.auditLog.id,
      at: schema.auditLog.at,
      action: schema.auditLog.action,
      entityType: schema.auditLog.entityType,
      entityId: schema.auditLog.entityId,
      before: schema.auditLog.before,
      after: schema.auditLog.after,
      actorUserId: schema.auditLog.actorUserId,
      actorTokenId: schema.auditLog.actorTokenId,
      actorName: schema.users.name,
      actorTokenName: schema.apiTokens.name,
    })
    .from(schema.auditLog)
    .leftJoin(schema.users, eq(schema.users.id, schema.auditLog.actorUserId))
    .leftJoin(schema.apiTokens, eq(schema.apiTokens.id, schema.auditLog.actorTokenId))
    .where(cond)
    .orderBy(desc(schema.auditLog.at), desc(schema.auditLog.id))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  const total = countRows(db, schema.auditLog, cond);
  return { rows, total };
}

export function listAuditEntityTypes(db: Db): string[] {
  return db
    .selectDistinct({ t: schema.auditLog.entityType })
    .from(schema.auditLog)
    .orderBy(schema.auditLog.entityType)
    .all()
    .map((r) => r.t);
}

export type AuditChange = { field: string; before: unknown; after: unknown };

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === "object" && !Array.isArray(v);
}

/**
 * The fields an entry changed, from its stored before/after JSON: for objects, each key whose
 * value differs (absent on one side = undefined); otherwise one pseudo-field "value".
 * Created entities list every field (before undefined), deleted ones every field (after undefined).
 */
export function auditChanges(beforeJson: string | null, afterJson: string | null): AuditChange[] {
  const before = parseJson(beforeJson);
  const after = parseJson(afterJson);
  if (before === undefined && after === undefined) return [];
  if ((before === undefined || isRecord(before)) && (after === undefined || isRecord(after))) {
    const b = (before ?? {}) as Record<string, unknown>;
    const a = (after ?? {}) as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    return keys
      .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
      .filter((k) => !(before !== undefined && after !== undefined && !(k in a)))
      .map((k) => ({ field: k, before: b[k], after: a[k] }));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: "value", before, after }];
}

/**
 * How the audit page names an entry's action and entity (docs/decisions/023): the stored value is
 * the key (the English page shows it as stored), translated with `t(label)` in the `auth` namespace.
 * A value missing here is shown as stored.
 */
const AUDIT_ACTION_LABELS: Record<string, string> = {
  update: N_("update", "auth"),
  create: N_("create", "auth"),
  delete: N_("delete", "auth"),
  import: N_("import", "auth"),
  status: N_("status", "auth"),
  setup: N_("setup", "auth"),
  check_in: N_("check_in", "auth"),
  "rule:update": N_("rule:update", "auth"),
  "rule:reopen": N_("rule:reopen", "auth"),
  "rule:raise": N_("rule:raise", "auth"),
  "rule:close": N_("rule:close", "auth"),
  "rule:clear": N_("rule:clear", "auth"),
  revoke: N_("revoke", "auth"),
  publish: N_("publish", "auth"),
  "password-reset": N_("password-reset", "auth"),
  login: N_("login", "auth"),
  logout: N_("logout", "auth"),
  decide: N_("decide", "auth"),
  close: N_("close", "auth"),
  carry_over: N_("carry_over", "auth"),
  archive: N_("archive", "auth"),
  restore: N_("restore", "auth"),
  "set-lead": N_("set-lead", "auth"),
  "unset-lead": N_("unset-lead", "auth"),
  seed: N_("seed", "auth"),
};

const AUDIT_ENTITY_LABELS: Record<string, string> = {
  api_token: N_("api_token", "auth"),
  board_pack: N_("board_pack", "auth"),
  budget_category: N_("budget_category", "auth"),
  budget_envelope: N_("budget_envelope", "auth"),
  budget_line: N_("budget_line", "auth"),
  company_settings: N_("company_settings", "auth"),
  compliance_framework: N_("compliance_framework", "auth"),
  compliance_requirement: N_("compliance_requirement", "auth"),
  cycle: N_("cycle", "auth"),
  decision_gate: N_("decision_gate", "auth"),
  deployment: N_("deployment", "auth"),
  employee: N_("employee", "auth"),
  finance_snapshot: N_("finance_snapshot", "auth"),
  gate_decision: N_("gate_decision", "auth"),
  gate_manual_criterion: N_("gate_manual_criterion", "auth"),
  incident: N_("incident", "auth"),
  key_result: N_("key_result", "auth"),
  kpi: N_("kpi", "auth"),
  kpi_measurement: N_("kpi_measurement", "auth"),
  kpi_target: N_("kpi_target", "auth"),
  maturity_assessment: N_("maturity_assessment", "auth"),
  metric_target: N_("metric_target", "auth"),
  milestone: N_("milestone", "auth"),
  objective: N_("objective", "auth"),
  plan_target: N_("plan_target", "auth"),
  requisition: N_("requisition", "auth"),
  risk: N_("risk", "auth"),
  risk_rule: N_("risk_rule", "auth"),
  roadmap_item: N_("roadmap_item", "auth"),
  scenario: N_("scenario", "auth"),
  service: N_("service", "auth"),
  session: N_("session", "auth"),
  team: N_("team", "auth"),
  user: N_("user", "auth"),
  webhook_source: N_("webhook_source", "auth"),
  database: N_("database", "auth"),
};

/** The translatable label of a stored action, or null (shown as stored). */
export function auditActionLabel(action: string): string | null {
  return Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action] : null;
}

/** The translatable label of a stored entity type, or null (shown as stored). */
export function auditEntityLabel(entityType: string): string | null {
  return Object.hasOwn(AUDIT_ENTITY_LABELS, entityType) ? AUDIT_ENTITY_LABELS[entityType] : null;
}

/** Who made an entry, as shown to people (in the reader's language). */
export function auditActorLabel(row: {
  actorUserId: number | null;
  actorTokenId: number | null;
  actorName: string | null;
  actorTokenName: string | null;
}): string {
  if (row.actorUserId !== null) return row.actorName ?? serverT("user #{{id}}", { ns: "auth", id: row.actorUserId });
  if (row.actorTokenId !== null) return serverT("API token “{{name}}”", { ns: "auth", name: row.actorTokenName ?? `#${row.actorTokenId}` });
  if (row.actorName === null && row.actorTokenName === null) return serverT("System", { ns: "auth" });
  return serverT("unknown", { ns: "auth" });
}

/** The audit page's URL filters live with the other input schemas; re-exported so importers keep this name. */
export { AuditFilterParamsSchema, auditFilterFromUrl } from "~/lib/schemas/audit.server";
