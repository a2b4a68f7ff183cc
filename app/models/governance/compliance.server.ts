/** Compliance frameworks (company data), their requirements, and the requirements CSV. Every write records an audit entry in its transaction. */
import { and, asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { parseCsv, type CsvRowError } from "~/lib/csv";
import { DomainError } from "~/lib/errors";
import { requirementCsvRowSchema, type FrameworkInput } from "~/lib/schemas/governance.server";
import { setArchivedAudited } from "~/models/archived.server";
import { recordAudit } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";

export const REQUIREMENT_STATUSES = schema.REQUIREMENT_STATUSES;
export const REQUIREMENT_RESULTS = schema.REQUIREMENT_RESULTS;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];
export type RequirementResult = (typeof REQUIREMENT_RESULTS)[number];

const F = schema.complianceFrameworks;
const Q = schema.complianceRequirements;

// ---------------------------------------------------------------- compliance

export type FrameworkProgress = Pick<typeof F.$inferSelect, "id" | "key" | "name" | "description" | "targetDate"> & {
  total: number;
  /** requirements whose result is not "not applicable" */
  applicable: number;
  done: number;
  compliant: number;
  partial: number;
  nonCompliant: number;
  /** done ÷ applicable; null when nothing is applicable */
  doneShare: number | null;
  /** compliant ÷ applicable; null when nothing is applicable */
  compliantShare: number | null;
};

/** Progress per framework the company follows (archived ones left out), counted in SQL (one GROUP BY). */
export function listFrameworkProgress(db: Db): FrameworkProgress[] {
  const rows = db
    .select({
      id: F.id,
      key: F.key,
      name: F.name,
      description: F.description,
      targetDate: F.targetDate,
      total: sql<number>`count(${Q.id})`,
      applicable: sql<number>`coalesce(sum(case when ${Q.id} is not null and coalesce(${Q.result}, '') <> 'not_applicable' then 1 else 0 end), 0)`,
      done: sql<number>`coalesce(sum(case when ${Q.status} = 'done' and coalesce(${Q.result}, '') <> 'not_applicable' then 1 else 0 end), 0)`,
      compliant: sql<number>`coalesce(sum(case when ${Q.result} = 'compliant' then 1 else 0 end), 0)`,
      partial: sql<number>`coalesce(sum(case when ${Q.result} = 'partial' then 1 else 0 end), 0)`,
      nonCompliant: sql<number>`coalesce(sum(case when ${Q.result} = 'non_compliant' then 1 else 0 end), 0)`,
    })
    .from(F)
    .leftJoin(Q, eq(Q.frameworkId, F.id))
    .where(isNull(F.archivedAt))
    .groupBy(F.id)
    .orderBy(F.id)
    .all();
  return rows.map((r) => ({
    ...r,
    doneShare: r.applicable > 0 ? r.done / r.applicable : null,
    compliantShare: r.applicable > 0 ? r.compliant / r.applicable : null,
  }));
}

export type RequirementRow = {
  id: number;
  frameworkId: number;
  frameworkName: string;
  ref: string;
  title: string;
  status: RequirementStatus;
  result: RequirementResult | null;
  ownerUserId: number | null;
  ownerName: string | null;
  evidenceUrl: string | null;
  updatedAt: number;
};

export function listRequirements(db: Db, filter: { frameworkId?: number; status?: RequirementStatus } = {}): RequirementRow[] {
  // the requirements of an archived framework stay stored, off the list
  const where = [isNull(F.archivedAt)];
  if (filter.frameworkId) where.push(eq(Q.frameworkId, filter.frameworkId));
  if (filter.status) where.push(eq(Q.status, filter.status));
  return db
    .select({
      id: Q.id,
      frameworkId: Q.frameworkId,
      frameworkName: F.name,
      ref: Q.ref,
      title: Q.title,
      status: Q.status,
      result: Q.result,
      ownerUserId: Q.ownerUserId,
      ownerName: schema.users.name,
      evidenceUrl: Q.evidenceUrl,
      updatedAt: sql<number>`${Q.updatedAt}`,
    })
    .from(Q)
    .innerJoin(F, eq(F.id, Q.frameworkId))
    .leftJoin(schema.users, eq(schema.users.id, Q.ownerUserId))
    .where(and(...where))
    .orderBy(asc(F.id), asc(Q.id))
    .all();
}

export type RequirementPatch = {
  status: RequirementStatus;
  result: RequirementResult | null;
  ownerUserId: number | null;
  evidenceUrl: string | null;
};

export function updateRequirement(db: Db, actorId: number, id: number, patch: RequirementPatch): boolean {
  return db.transaction((tx) => {
    const before = tx.select().from(Q).where(eq(Q.id, id)).get();
    if (!before) return false;
    if (!frameworkExists(tx as unknown as Db, before.frameworkId)) {
      const message = N_("belongs to an archived framework: restore the framework first", "governance");
      throw new DomainError("rule", message, { requirementId: [message] });
    }
    tx.update(Q).set(patch).where(eq(Q.id, id)).run();
    recordAudit(tx, {
      actor: { userId: actorId },
      action: "update",
      entityType: "compliance_requirement",
      entityId: id,
      before: { ref: before.ref, status: before.status, result: before.result, ownerUserId: before.ownerUserId, evidenceUrl: before.evidenceUrl },
      after: { ref: before.ref, ...patch },
    });
    return true;
  });
}

export function requirementRefTaken(db: Db, frameworkId: number, ref: string): boolean {
  return !!db
    .select({ id: Q.id })
    .from(Q)
    .where(and(eq(Q.frameworkId, frameworkId), eq(Q.ref, ref)))
    .get();
}

export function createRequirement(db: Db, actorId: number, input: { frameworkId: number; ref: string; title: string } & RequirementPatch): number {
  return db.transaction((tx) => {
    const row = tx.insert(Q).values(input).returning().get();
    recordAudit(tx, { actor: { userId: actorId }, action: "create", entityType: "compliance_requirement", entityId: row.id, after: input });
    return row.id;
  });
}

/** Whether `id` is a framework the company follows (archived ones take no requirement and no edit). */
export function frameworkExists(db: Db, id: number): boolean {
  return !!db
    .select({ id: F.id })
    .from(F)
    .where(and(eq(F.id, id), isNull(F.archivedAt)))
    .get();
}

/** A framework by id, archived or not (null when there is none). */
export function getFramework(db: Db, id: number): { id: number; name: string; archived: boolean } | null {
  const row = db.select({ id: F.id, name: F.name, archivedAt: F.archivedAt }).from(F).where(eq(F.id, id)).get();
  return row ? { id: row.id, name: row.name, archived: row.archivedAt !== null } : null;
}

export type ArchivedFramework = { id: number; name: string; archivedAt: number; requirements: number };

/** The frameworks the company no longer follows, most recently archived first, with their kept requirements. */
export function listArchivedFrameworks(db: Db): ArchivedFramework[] {
  return db
    .select({ id: F.id, name: F.name, archivedAt: sql<number>`${F.archivedAt}`, requirements: sql<number>`count(${Q.id})` })
    .from(F)
    .leftJoin(Q, eq(Q.frameworkId, F.id))
    .where(isNotNull(F.archivedAt))
    .groupBy(F.id)
    .orderBy(desc(F.archivedAt), asc(F.id))
    .all();
}

/** Archives (off the progress lists, requirements kept) or restores a framework, audited. False when there is none. */
export function setFrameworkArchived(db: Db, actorId: number, id: number, archived: boolean, now = Date.now()): boolean {
  return setArchivedAudited(db, actorId, "compliance_framework", id, archived, now);
}

/** A URL key from a name ("AI Act" → "ai-act"), made unique with a number when taken. */
function frameworkKeyFor(db: Db, name: string): string {
  const base =
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "framework";
  for (let i = 1; ; i++) {
    const key = i === 1 ? base : `${base}-${i}`;
    if (!db.select({ id: F.id }).from(F).where(eq(F.key, key)).get()) return key;
  }
}

export function frameworkNameTaken(db: Db, name: string, exceptId?: number): boolean {
  const row = db.get<{ id: number } | undefined>(sql`SELECT id FROM compliance_frameworks WHERE name = ${name} COLLATE NOCASE`);
  return !!row && row.id !== exceptId;
}

export function createFramework(db: Db, actorId: number, input: FrameworkInput): { id: number; key: string } {
  return db.transaction((tx) => {
    const key = frameworkKeyFor(tx as unknown as Db, input.name);
    const row = tx
      .insert(F)
      .values({ ...input, key })
      .returning({ id: F.id })
      .get();
    recordAudit(tx, { actor: { userId: actorId }, action: "create", entityType: "compliance_framework", entityId: row.id, after: { key, ...input } });
    return { id: row.id, key };
  });
}

export function updateFramework(db: Db, actorId: number, id: number, input: FrameworkInput): boolean {
  return db.transaction((tx) => {
    const before = tx.select({ name: F.name, description: F.description, targetDate: F.targetDate }).from(F).where(eq(F.id, id)).get();
    if (!before) return false;
    tx.update(F).set(input).where(eq(F.id, id)).run();
    recordAudit(tx, { actor: { userId: actorId }, action: "update", entityType: "compliance_framework", entityId: id, before, after: input });
    return true;
  });
}

// ---------------------------------------------------------------- requirements CSV (import = export format)

export const REQUIREMENT_CSV_HEADERS = ["framework", "ref", "title", "status", "result", "owner", "evidence_url"] as const;

export type RequirementImportResult = { ok: true; rows: number; created: number; updated: number } | { ok: false; errors: CsvRowError[] };

/**
 * Imports compliance requirements (the export's columns), all or nothing: a framework is named by
 * its name or key, an owner by an active user's email or name; a (framework, ref) already stored
 * is updated, else created. Every bad row and field is named; one audit entry per changed row and
 * one for the import, in the same transaction.
 */
export function importRequirementsCsv(db: Db, actorId: number, text: string, source: string): RequirementImportResult {
  // an archived framework takes no requirement: its name reads as unknown (the message lists the followed ones)
  const frameworks = db.select({ id: F.id, key: F.key, name: F.name }).from(F).where(isNull(F.archivedAt)).all();
  const fwBy = new Map<string, number>();
  for (const f of frameworks) {
    fwBy.set(f.key.toLowerCase(), f.id);
    fwBy.set(f.name.toLowerCase(), f.id);
  }
  const users = db
    .select({ id: schema.users.id, name: schema.users.name, email: schema.users.email })
    .from(schema.users)
    .where(eq(schema.users.active, true))
    .all();
  const seen = new Set<string>();
  const rowSchema = requirementCsvRowSchema.transform((r, ctx) => {
    const frameworkId = fwBy.get(r.framework.toLowerCase());
    if (frameworkId === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["framework"],
        message: serverT('unknown framework "{{name}}" (known: {{known}})', {
          ns: "governance",
          name: r.framework,
          known: frameworks.map((f) => f.name).join(", ") || serverT("none — add one first", { ns: "governance" }),
        }),
      });
      return z.NEVER;
    }
    let ownerUserId: number | null = null;
    if (r.owner) {
      const o = r.owner.toLowerCase();
      const matches = users.filter((u) => u.email === o || u.name.toLowerCase() === o);
      if (matches.length !== 1) {
        ctx.addIssue({
          code: "custom",
          path: ["owner"],
          message: matches.length
            ? serverT('"{{owner}}" names several users: use the email', { ns: "governance", owner: r.owner })
            : serverT('no active user is "{{owner}}"', { ns: "governance", owner: r.owner }),
        });
        return z.NEVER;
      }
      ownerUserId = matches[0].id;
    }
    const key = `${frameworkId}|${r.ref.toLowerCase()}`;
    if (seen.has(key)) {
      ctx.addIssue({
        code: "custom",
        path: ["ref"],
        message: serverT("{{ref}} appears on an earlier row for the same framework", { ns: "governance", ref: r.ref }),
      });
      return z.NEVER;
    }
    seen.add(key);
    return {
      frameworkId,
      ref: r.ref,
      title: r.title,
      status: r.status ?? ("todo" as const),
      result: r.result ?? null,
      ownerUserId,
      evidenceUrl: r.evidence_url,
    };
  });
  const parsed = parseCsv(text, rowSchema, { headers: REQUIREMENT_CSV_HEADERS, maxRows: 5000 });
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  return db.transaction((tx) => {
    let created = 0;
    let updated = 0;
    for (const r of parsed.rows) {
      const before = tx
        .select()
        .from(Q)
        .where(and(eq(Q.frameworkId, r.frameworkId), eq(Q.ref, r.ref)))
        .get();
      if (!before) {
        const row = tx.insert(Q).values(r).returning({ id: Q.id }).get();
        created += 1;
        recordAudit(tx, { actor: { userId: actorId }, action: "create", entityType: "compliance_requirement", entityId: row.id, after: { ...r, source } });
        continue;
      }
      const same =
        before.title === r.title &&
        before.status === r.status &&
        before.result === r.result &&
        before.ownerUserId === r.ownerUserId &&
        before.evidenceUrl === r.evidenceUrl;
      if (same) continue;
      tx.update(Q)
        .set({ title: r.title, status: r.status, result: r.result, ownerUserId: r.ownerUserId, evidenceUrl: r.evidenceUrl })
        .where(eq(Q.id, before.id))
        .run();
      updated += 1;
      recordAudit(tx, {
        actor: { userId: actorId },
        action: "update",
        entityType: "compliance_requirement",
        entityId: before.id,
        before: {
          ref: before.ref,
          title: before.title,
          status: before.status,
          result: before.result,
          ownerUserId: before.ownerUserId,
          evidenceUrl: before.evidenceUrl,
        },
        after: { ...r, source },
      });
    }
    recordAudit(tx, {
      actor: { userId: actorId },
      action: "import",
      entityType: "compliance_requirement",
      after: { source, rows: parsed.rows.length, created, updated },
    });
    return { ok: true as const, rows: parsed.rows.length, created, updated };
  });
}
