/**
 * Governance: compliance frameworks and requirements, IT-maturity assessments, decision gates.
 * "Compliance" here is regulatory/standards compliance (GDPR, ISO 27001, SOC 2) — nothing to
 * do with the DORA delivery metrics. Every write records an audit entry in its transaction.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { parseCsv, type CsvRowError } from "~/lib/csv";
import { formValues, parseForm, type ParseResult } from "~/lib/forms.server";
import { fromHumanUnits } from "~/lib/metrics/gate-units";
import {
  evaluateGate,
  GATE_OPERATORS,
  isGateMetricId,
  type GateEvaluation,
  type GateOperator,
  MATURITY_INDICATOR_KEYS,
  type MaturityIndicator,
} from "~/lib/metrics/governance";
import { parseSearchParams } from "~/lib/url-params.server";
import { idSchema, intSchema, isoDateSchema, pastIsoDateSchema } from "~/lib/validation.server";
import { recordAudit } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";
import { optionalRefIdSchema } from "~/utils/refs.server";

export const REQUIREMENT_STATUSES = schema.REQUIREMENT_STATUSES;
export const REQUIREMENT_RESULTS = schema.REQUIREMENT_RESULTS;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];
export type RequirementResult = (typeof REQUIREMENT_RESULTS)[number];

const F = schema.complianceFrameworks;
const Q = schema.complianceRequirements;

// ---------------------------------------------------------------- compliance

export type FrameworkProgress = {
  id: number;
  key: string;
  name: string;
  description: string | null;
  targetDate: string | null;
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

/** Progress per framework, counted in SQL (one GROUP BY). */
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
  const where = [];
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
    .where(where.length ? and(...where) : undefined)
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

const ComplianceFilterSchema = z.object({
  framework: z.string().max(60).optional(),
  status: z.enum(REQUIREMENT_STATUSES).optional(),
});

/** `?framework=<key>&status=<status>` of the compliance page and its CSV: anything unknown or malformed is ignored. */
export function parseComplianceFilter(url: URL): { framework?: string; status?: RequirementStatus } {
  return parseSearchParams(url, ComplianceFilterSchema).data;
}

export function frameworkExists(db: Db, id: number): boolean {
  return !!db.select({ id: F.id }).from(F).where(eq(F.id, id)).get();
}

// ---------------------------------------------------------------- maturity

export type MaturityAssessment = {
  assessedOn: string;
  scores: Partial<Record<MaturityIndicator, number>>;
  notes: Partial<Record<MaturityIndicator, string>>;
};

/** Every assessment, oldest first (one row per date, its indicators' scores and notes). */
export function listMaturityAssessments(db: Db): MaturityAssessment[] {
  const M = schema.maturityScores;
  const rows = db.select({ assessedOn: M.assessedOn, indicator: M.indicator, score: M.score, note: M.note }).from(M).orderBy(M.assessedOn, M.id).all();
  const byDate = new Map<string, MaturityAssessment>();
  for (const r of rows) {
    let a = byDate.get(r.assessedOn);
    if (!a) byDate.set(r.assessedOn, (a = { assessedOn: r.assessedOn, scores: {}, notes: {} }));
    a.scores[r.indicator] = r.score;
    if (r.note) a.notes[r.indicator] = r.note;
  }
  return [...byDate.values()];
}

/** Records (or corrects) the assessment of one date: one score per indicator given. */
export function recordMaturityAssessment(
  db: Db,
  actorId: number,
  input: { assessedOn: string; scores: Record<MaturityIndicator, number>; notes: Partial<Record<MaturityIndicator, string | null>> },
): void {
  const M = schema.maturityScores;
  db.transaction((tx) => {
    const before = tx.select({ indicator: M.indicator, score: M.score, note: M.note }).from(M).where(eq(M.assessedOn, input.assessedOn)).all();
    for (const [indicator, score] of Object.entries(input.scores) as [MaturityIndicator, number][]) {
      const note = input.notes[indicator] ?? null;
      tx.insert(M)
        .values({ assessedOn: input.assessedOn, indicator, score, note })
        .onConflictDoUpdate({ target: [M.assessedOn, M.indicator], set: { score, note, updatedAt: new Date() } })
        .run();
    }
    recordAudit(tx, {
      actor: { userId: actorId },
      action: before.length ? "update" : "create",
      entityType: "maturity_assessment",
      entityId: input.assessedOn,
      before: before.length ? Object.fromEntries(before.map((b) => [b.indicator, b.score])) : undefined,
      after: input.scores,
    });
  });
}

// ---------------------------------------------------------------- decision gates

export type GateCriterionRow = { id: number; metric: string; operator: GateOperator; threshold: number };
export type GateRow = { id: number; name: string; description: string | null; dueDate: string; criteria: GateCriterionRow[] };

export function listGates(db: Db): GateRow[] {
  const G = schema.decisionGates;
  const C = schema.gateCriteria;
  const gates = db.select({ id: G.id, name: G.name, description: G.description, dueDate: G.dueDate }).from(G).orderBy(G.dueDate, G.id).all();
  const criteria = db.select({ id: C.id, gateId: C.gateId, metric: C.metric, operator: C.operator, threshold: C.threshold }).from(C).orderBy(C.id).all();
  return gates.map((g) => ({ ...g, criteria: criteria.filter((c) => c.gateId === g.id).map(({ gateId: _g, ...c }) => c) }));
}

export function getGate(db: Db, id: number): GateRow | null {
  return listGates(db).find((g) => g.id === id) ?? null;
}

export type EvaluatedCriterion = GateCriterionRow & {
  value: number | null;
  /** the criterion names a metric of the catalogue (else it is shown as "no data") */
  known: boolean;
  label: string;
  unit: string | null;
};

/** A criterion a person checks ("MVP ready"), with who checked it, when and their note (docs/decisions/903-gate-decisions.md). */
export type ManualCriterionRow = { id: number; label: string; checked: boolean; checkedByName: string | null; checkedAt: number | null; note: string | null };

export type EvaluatedGate = Omit<GateRow, "criteria"> & GateEvaluation<EvaluatedCriterion, ManualCriterionRow>;

/** What a gate needs of a metric id: its label and unit (null: not in the catalogue) and its value. */
export type GateMetricReader = {
  describe: (metricId: string) => { label: string; unit: string } | null;
  value: (metricId: string) => number | null;
};

/** The manual criteria of the given gates (every gate when omitted), keyed by gate, in creation order: one query. */
export function listManualCriteriaByGate(db: Db, gateIds?: readonly number[]): Map<number, ManualCriterionRow[]> {
  const MC = schema.gateManualCriteria;
  const out = new Map<number, ManualCriterionRow[]>();
  if (gateIds && gateIds.length === 0) return out;
  const rows = db
    .select({ gateId: MC.gateId, id: MC.id, label: MC.label, checked: MC.checked, checkedByName: schema.users.name, checkedAt: MC.checkedAt, note: MC.note })
    .from(MC)
    .leftJoin(schema.users, eq(schema.users.id, MC.checkedByUserId))
    .where(gateIds ? inArray(MC.gateId, [...gateIds]) : undefined)
    .orderBy(asc(MC.id))
    .all();
  for (const { gateId, ...r } of rows) {
    const list = out.get(gateId) ?? [];
    list.push({ ...r, checkedAt: r.checkedAt === null ? null : r.checkedAt.getTime() });
    out.set(gateId, list);
  }
  return out;
}

/**
 * Every gate evaluated today (todayIso) on the live catalogue values (see metrics.server.ts) and
 * its manual criteria — THE verdict of a gate (evaluateGate); the gates list, the decisions page,
 * the executive panel and the board pack read it from here. A criterion naming an id the catalogue
 * does not know has no data.
 */
export function evaluateGates(db: Db, gates: readonly GateRow[], metrics: GateMetricReader, todayIso: string): EvaluatedGate[] {
  const manualByGate = listManualCriteriaByGate(
    db,
    gates.map((g) => g.id),
  );
  return gates.map((g) => {
    const criteria: EvaluatedCriterion[] = g.criteria.map((c) => {
      const def = isGateMetricId(c.metric) ? metrics.describe(c.metric) : null;
      return {
        ...c,
        known: def !== null,
        value: def ? metrics.value(c.metric) : null,
        label: def?.label ?? c.metric,
        unit: def?.unit ?? null,
      };
    });
    const ev = evaluateGate({ dueDate: g.dueDate, criteria, manual: manualByGate.get(g.id) ?? [] }, todayIso);
    return { id: g.id, name: g.name, description: g.description, dueDate: g.dueDate, ...ev };
  });
}

export type GateInput = {
  name: string;
  description: string | null;
  dueDate: string;
  /** metric: a catalogue metric id */
  criteria: { metric: string; operator: GateOperator; threshold: number }[];
};

export function createGate(db: Db, actorId: number, input: GateInput): number {
  return db.transaction((tx) => {
    const { criteria, ...gate } = input;
    const row = tx.insert(schema.decisionGates).values(gate).returning().get();
    if (criteria.length)
      tx.insert(schema.gateCriteria)
        .values(criteria.map((c) => ({ ...c, gateId: row.id })))
        .run();
    recordAudit(tx, { actor: { userId: actorId }, action: "create", entityType: "decision_gate", entityId: row.id, after: input });
    return row.id;
  });
}

/** Replaces a gate's fields and criteria. */
export function updateGate(db: Db, actorId: number, id: number, input: GateInput): boolean {
  return db.transaction((tx) => {
    const before = getGate(tx as unknown as Db, id);
    if (!before) return false;
    const { criteria, ...gate } = input;
    tx.update(schema.decisionGates).set(gate).where(eq(schema.decisionGates.id, id)).run();
    tx.delete(schema.gateCriteria).where(eq(schema.gateCriteria.gateId, id)).run();
    if (criteria.length)
      tx.insert(schema.gateCriteria)
        .values(criteria.map((c) => ({ ...c, gateId: id })))
        .run();
    const { id: _i, ...beforeFields } = before;
    recordAudit(tx, {
      actor: { userId: actorId },
      action: "update",
      entityType: "decision_gate",
      entityId: id,
      before: { ...beforeFields, criteria: before.criteria.map(({ id: _c, ...c }) => c) },
      after: input,
    });
    return true;
  });
}

export function deleteGate(db: Db, actorId: number, id: number): boolean {
  return db.transaction((tx) => {
    const before = getGate(tx as unknown as Db, id);
    if (!before) return false;
    tx.delete(schema.decisionGates).where(eq(schema.decisionGates.id, id)).run();
    recordAudit(tx, { actor: { userId: actorId }, action: "delete", entityType: "decision_gate", entityId: id, before });
    return true;
  });
}

// ---------------------------------------------------------------- gate form (server only)

/** The most criteria rows a gate form may send (the form shows 6, more when a gate has more). */
const MAX_GATE_CRITERIA = 20;

/** One criteria row; the threshold is typed in human units (k€, %, months…), a comma allowed as the decimal mark. */
const GateCriterionRowSchema = z.object({
  metric: z.string().max(80).refine(isGateMetricId, "is not a known metric"),
  operator: z.enum(GATE_OPERATORS, { error: "pick an operator" }),
  threshold: z
    .string({ error: "must be one number" })
    .trim()
    .transform((s) => s.replace(",", "."))
    .pipe(z.string().regex(/^-?\d+(\.\d+)?$/, "must be a number"))
    .transform(Number)
    .refine((n) => Math.abs(n) < 1e15, "is too large"),
});

const GateHeadSchema = z.object({
  name: z.string({ error: "is required" }).min(3, "must be at least 3 characters").max(200, "must be at most 200 characters"),
  description: z.preprocess((v) => (v === undefined || v === "" ? null : v), z.string().max(2000, "must be at most 2000 characters").nullable()),
  dueDate: isoDateSchema,
});

/**
 * Parses the gate form: name, description, dueDate, and criteria rows metric_N / operator_N /
 * threshold_N, the threshold typed in human units (k€, %, months…) and converted to the
 * metric's stored unit. Errors are reported per field (threshold_2 …).
 */
export function parseGateForm(formData: FormData, intent: string, isKnownMetric: (id: string) => boolean = isGateMetricId): ParseResult<GateInput> {
  const head = parseForm(formData, GateHeadSchema, intent);
  const fieldErrors: Record<string, string[]> = head.ok ? {} : { ...head.reply.fieldErrors };
  const criteria: GateInput["criteria"] = [];
  // a cell posted twice (a forged form) reaches the schema as an array, which it refuses
  const cell = (name: string): string | string[] | undefined => {
    const all = formData.getAll(name).filter((v): v is string => typeof v === "string");
    return all.length > 1 ? all : all[0]?.trim();
  };
  for (let n = 0; n < MAX_GATE_CRITERIA; n++) {
    const metric = cell(`metric_${n}`);
    if (!metric) continue; // an empty row
    const row = GateCriterionRowSchema.refine((r) => isKnownMetric(r.metric), { path: ["metric"], message: "is not a known metric" }).safeParse({
      metric,
      operator: cell(`operator_${n}`),
      threshold: cell(`threshold_${n}`) ?? "",
    });
    if (!row.success) {
      // an unknown metric is the one thing to fix on that row (its operator and threshold mean nothing yet)
      const metricIssues = row.error.issues.filter((i) => i.path[0] === "metric");
      for (const issue of metricIssues.length ? metricIssues : row.error.issues) (fieldErrors[`${String(issue.path[0])}_${n}`] ??= []).push(issue.message);
      continue;
    }
    criteria.push({ ...row.data, threshold: fromHumanUnits(row.data.metric, row.data.threshold) });
  }
  if (Object.keys(fieldErrors).length || !head.ok) {
    return { ok: false, reply: { status: "error", fieldErrors, formErrors: [], values: formValues(formData), intent } };
  }
  return { ok: true, data: { ...head.data, criteria } };
}

// ---------------------------------------------------------------- compliance & maturity form schemas (server only)

const nullable = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === undefined || v === "" ? null : v), s.nullable());
const evidenceSchema = nullable(
  z
    .string()
    .max(2000, "must be at most 2000 characters")
    .refine((s) => {
      try {
        const u = new URL(s);
        return u.protocol === "https:" || u.protocol === "http:";
      } catch {
        return false;
      }
    }, "must be a full http(s) link, e.g. https://drive.example.com/evidence.pdf"),
);

export const RequirementUpdateFormSchema = z.object({
  intent: z.literal("update"),
  requirementId: idSchema,
  status: z.enum(REQUIREMENT_STATUSES, { error: "pick a status" }),
  result: nullable(z.enum(REQUIREMENT_RESULTS, { error: "pick a result" })),
  ownerUserId: optionalRefIdSchema(schema.users, "user"),
  evidenceUrl: evidenceSchema,
});

export const RequirementCreateFormSchema = z.object({
  intent: z.literal("create"),
  frameworkId: idSchema,
  ref: z.string({ error: "is required" }).min(1, "is required").max(40, "must be at most 40 characters"),
  title: z.string({ error: "is required" }).min(3, "must be at least 3 characters").max(300, "must be at most 300 characters"),
  status: z.enum(REQUIREMENT_STATUSES, { error: "pick a status" }),
  result: nullable(z.enum(REQUIREMENT_RESULTS, { error: "pick a result" })),
  ownerUserId: optionalRefIdSchema(schema.users, "user"),
  evidenceUrl: evidenceSchema,
});

const scoreSchema = intSchema({ min: 1, max: 5, message: "pick a score from 1 to 5" });
const noteSchema = z.preprocess((v) => (v === undefined || v === "" ? null : v), z.string().max(500, "must be at most 500 characters").nullable());

export const MaturityAssessmentFormSchema = z.object({
  intent: z.literal("assess"),
  assessedOn: pastIsoDateSchema,
  ...Object.fromEntries(MATURITY_INDICATOR_KEYS.map((k) => [`score_${k}`, scoreSchema])),
  ...Object.fromEntries(MATURITY_INDICATOR_KEYS.map((k) => [`note_${k}`, noteSchema])),
}) as unknown as z.ZodType<{ intent: "assess"; assessedOn: string } & Record<string, number | string | null>>;

// ---------------------------------------------------------------- frameworks (company data)

const frameworkTargetSchema = nullable(isoDateSchema);

export const FrameworkFormSchema = z.object({
  name: z.string({ error: "is required" }).min(2, "must be at least 2 characters").max(80, "must be at most 80 characters"),
  description: nullable(z.string().max(500, "must be at most 500 characters")),
  targetDate: frameworkTargetSchema,
});
export type FrameworkInput = z.infer<typeof FrameworkFormSchema>;

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

const requirementCsvRowSchema = z.object({
  framework: z.string({ error: "required" }).max(80),
  ref: z.string({ error: "required" }).max(40, "must be at most 40 characters"),
  title: z.string({ error: "required" }).min(3, "must be at least 3 characters").max(300, "must be at most 300 characters"),
  status: z.enum(REQUIREMENT_STATUSES, { error: `must be one of ${REQUIREMENT_STATUSES.join(", ")}` }).optional(),
  result: z.enum(REQUIREMENT_RESULTS, { error: `must be one of ${REQUIREMENT_RESULTS.join(", ")} or empty` }).optional(),
  /** an active user's email or name; empty = no owner */
  owner: z.string().max(200).optional(),
  evidence_url: evidenceSchema,
});

export type RequirementImportResult = { ok: true; rows: number; created: number; updated: number } | { ok: false; errors: CsvRowError[] };

/**
 * Imports compliance requirements (the export's columns), all or nothing: a framework is named by
 * its name or key, an owner by an active user's email or name; a (framework, ref) already stored
 * is updated, else created. Every bad row and field is named; one audit entry per changed row and
 * one for the import, in the same transaction.
 */
export function importRequirementsCsv(db: Db, actorId: number, text: string, source: string): RequirementImportResult {
  const frameworks = db.select({ id: F.id, key: F.key, name: F.name }).from(F).all();
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
        message: `unknown framework "${r.framework}" (known: ${frameworks.map((f) => f.name).join(", ") || "none — add one first"})`,
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
          message: matches.length ? `"${r.owner}" names several users: use the email` : `no active user is "${r.owner}"`,
        });
        return z.NEVER;
      }
      ownerUserId = matches[0].id;
    }
    const key = `${frameworkId}|${r.ref.toLowerCase()}`;
    if (seen.has(key)) {
      ctx.addIssue({ code: "custom", path: ["ref"], message: `${r.ref} appears on an earlier row for the same framework` });
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
