/**
 * OKRs (objectives and their key results) as CSV: one row per key result, the objective's columns
 * repeated; a row with an empty key_result defines an objective alone. The export writes exactly the
 * columns the import reads, so a cycle's export (or the template) fills in and imports back.
 * All or nothing with every bad row and field named; audited per row written and for the import.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { can, type Actor } from "~/auth/permissions";
import { serverT } from "~/i18n/translate.server";
import { parseCsv, toCsv, type CsvRowError } from "~/lib/csv";
import { centsFromEuros, eurosFromCents } from "~/lib/format";
import { okrCsvRowSchema } from "~/lib/schemas/okrs.server";
import { recordAudit } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";

export const OKR_CSV_HEADERS = [
  "cycle",
  "objective",
  "objective_description",
  "team",
  "objective_owner",
  "key_result",
  "kind",
  "start",
  "target",
  "current",
  "unit",
  "weight",
  "kr_owner",
] as const;

export type OkrImportResult =
  { ok: true; rows: number; objectivesCreated: number; keyResultsCreated: number; keyResultsUpdated: number } | { ok: false; errors: CsvRowError[] };

type Person = { id: number; name: string; email: string };

function personIn(people: Person[], text: string): Person[] {
  const t = text.toLowerCase();
  return people.filter((p) => p.email === t || p.name.toLowerCase() === t);
}

/** A number cell; currency key results are typed in euros (stored in cents). */
function valueCell(kind: string, raw: string | undefined): number | null | "bad" {
  if (raw === undefined) return null;
  if (kind === "currency") {
    const c = centsFromEuros(raw);
    return c === null ? "bad" : c;
  }
  const n = Number(raw.replace(",", "."));
  return Number.isFinite(n) && /^[+-]?\d*[.,]?\d+(e[+-]?\d+)?$/i.test(raw.trim()) ? n : "bad";
}

export function importOkrsCsv(db: Db, actor: Actor, text: string, source: string): OkrImportResult {
  const cycles = db.all<{ id: number; name: string; status: string }>(sql`SELECT id, name, status FROM cycles`);
  const teams = db.all<{ id: number; name: string; archivedAt: number | null }>(sql`SELECT id, name, archived_at AS archivedAt FROM teams`);
  const people = db.all<Person>(sql`SELECT id, name, email FROM users WHERE active = 1`);
  const owner = (field: string, text: string | undefined, ctx: z.RefinementCtx): number | null | undefined => {
    if (text === undefined) return null;
    const m = personIn(people, text);
    if (m.length === 1) return m[0].id;
    ctx.addIssue({
      code: "custom",
      path: [field],
      message: m.length
        ? serverT('"{{text}}" names several users: use the email', { ns: "okrs", text })
        : serverT('no active user is "{{text}}"', { ns: "okrs", text }),
    });
    return undefined;
  };
  const rowSchema = okrCsvRowSchema.transform((r, ctx) => {
    const cycle = cycles.find((c) => c.name.toLowerCase() === r.cycle.toLowerCase());
    if (!cycle) {
      ctx.addIssue({
        code: "custom",
        path: ["cycle"],
        message: serverT('unknown cycle "{{name}}" (create it on the OKRs page first)', { ns: "okrs", name: r.cycle }),
      });
      return z.NEVER;
    }
    if (cycle.status !== "open") {
      ctx.addIssue({ code: "custom", path: ["cycle"], message: serverT('the cycle "{{name}}" is closed', { ns: "okrs", name: cycle.name }) });
      return z.NEVER;
    }
    let teamId: number | null = null;
    if (r.team !== undefined) {
      const t = teams.find((x) => x.name.toLowerCase() === r.team!.toLowerCase());
      if (!t || t.archivedAt !== null) {
        ctx.addIssue({
          code: "custom",
          path: ["team"],
          message: t
            ? serverT('the team "{{name}}" is archived', { ns: "okrs", name: t.name })
            : serverT('unknown team "{{name}}"', { ns: "okrs", name: r.team }),
        });
        return z.NEVER;
      }
      teamId = t.id;
    }
    if (!can(actor, "okrs:edit", { teamId })) {
      ctx.addIssue({
        code: "custom",
        path: ["team"],
        message:
          teamId === null ? serverT("you may not edit company objectives", { ns: "okrs" }) : serverT("you may not edit this team's objectives", { ns: "okrs" }),
      });
      return z.NEVER;
    }
    const objectiveOwner = owner("objective_owner", r.objective_owner, ctx);
    if (objectiveOwner === undefined) return z.NEVER;
    const objective = { cycleId: cycle.id, title: r.objective, description: r.objective_description ?? null, teamId, ownerUserId: objectiveOwner };
    if (r.key_result === undefined) {
      const stray = (["kind", "start", "target", "current", "unit", "weight", "kr_owner"] as const).find((k) => r[k] !== undefined);
      if (stray) {
        ctx.addIssue({ code: "custom", path: ["key_result"], message: serverT("required when {{column}} is given", { ns: "okrs", column: stray }) });
        return z.NEVER;
      }
      return { objective, kr: null };
    }
    const kind = r.kind ?? "number";
    const start = kind === "boolean" ? 0 : valueCell(kind, r.start ?? "0");
    const target = kind === "boolean" ? 1 : valueCell(kind, r.target);
    const current = kind === "boolean" ? (r.current === undefined ? 0 : valueCell("number", r.current)) : valueCell(kind, r.current);
    const weight = r.weight === undefined ? 1 : Number(r.weight.replace(",", "."));
    let bad = false;
    const issue = (path: string, message: string) => {
      bad = true;
      ctx.addIssue({ code: "custom", path: [path], message });
    };
    const numMsg =
      kind === "currency" ? serverT("must be an amount in euros with up to 2 decimals", { ns: "okrs" }) : serverT("must be a number", { ns: "okrs" });
    if (start === "bad") issue("start", numMsg);
    if (target === null) issue("target", serverT("required", { ns: "okrs" }));
    else if (target === "bad") issue("target", numMsg);
    if (current === "bad") issue("current", kind === "boolean" ? serverT("must be 0 or 1", { ns: "okrs" }) : numMsg);
    if (!Number.isFinite(weight) || weight <= 0 || weight > 100) issue("weight", serverT("must be a number above 0, at most 100", { ns: "okrs" }));
    if (typeof start === "number" && typeof target === "number" && start === target && kind !== "boolean")
      issue("target", serverT("must differ from start", { ns: "okrs" }));
    if (kind === "percent" && [start, target].some((v) => typeof v === "number" && (v < 0 || v > 100)))
      issue("target", serverT("percent key results hold 0–100", { ns: "okrs" }));
    if (kind === "boolean" && current !== null && current !== 0 && current !== 1) issue("current", serverT("must be 0 or 1", { ns: "okrs" }));
    const krOwner = owner("kr_owner", r.kr_owner, ctx);
    if (bad || krOwner === undefined) return z.NEVER;
    return {
      objective,
      kr: {
        title: r.key_result,
        kind,
        startValue: start as number,
        targetValue: target as number,
        currentValue: current as number | null,
        unit: r.unit ?? null,
        weight,
        ownerUserId: krOwner,
      },
    };
  });
  const parsed = parseCsv(text, rowSchema, { headers: OKR_CSV_HEADERS, maxRows: 5000 });
  if (!parsed.ok) return parsed;

  // a key result named twice for the same objective in the file
  const errors: CsvRowError[] = [];
  const seen = new Set<string>();
  parsed.rows.forEach((r, i) => {
    if (!r.kr) return;
    const k = `${r.objective.cycleId}|${r.objective.teamId}|${r.objective.title.toLowerCase()}|${r.kr.title.toLowerCase()}`;
    if (seen.has(k))
      errors.push({ row: parsed.rowNumbers[i], field: "key_result", message: serverT("appears on an earlier row for the same objective", { ns: "okrs" }) });
    seen.add(k);
  });
  // a key result already stored with another kind
  parsed.rows.forEach((r, i) => {
    if (!r.kr) return;
    const o = r.objective;
    const stored = db.get<{ kind: string } | undefined>(sql`
      SELECT kr.kind FROM key_results kr JOIN objectives o ON o.id = kr.objective_id
       WHERE o.cycle_id = ${o.cycleId} AND o.team_id IS ${o.teamId} AND lower(o.title) = ${o.title.toLowerCase()} AND o.archived_at IS NULL
         AND lower(kr.title) = ${r.kr.title.toLowerCase()} AND kr.archived_at IS NULL`);
    if (stored && stored.kind !== r.kr.kind)
      errors.push({
        row: parsed.rowNumbers[i],
        field: "kind",
        message: serverT("the key result exists with kind {{kind}}", { ns: "okrs", kind: stored.kind }),
      });
  });
  if (errors.length) return { ok: false, errors };

  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    let objectivesCreated = 0;
    let keyResultsCreated = 0;
    let keyResultsUpdated = 0;
    const objectiveIds = new Map<string, number>();
    parsed.rows.forEach((r) => {
      const o = r.objective;
      const key = `${o.cycleId}|${o.teamId}|${o.title.toLowerCase()}`;
      let objectiveId = objectiveIds.get(key);
      if (objectiveId === undefined) {
        const found = t.get<{ id: number } | undefined>(sql`
          SELECT id FROM objectives WHERE cycle_id = ${o.cycleId} AND team_id IS ${o.teamId} AND lower(title) = ${o.title.toLowerCase()} AND archived_at IS NULL`);
        if (found) objectiveId = found.id;
        else {
          const row = tx.insert(schema.objectives).values(o).returning().get();
          objectiveId = row.id;
          objectivesCreated += 1;
          recordAudit(tx, { actor: { userId: actor.id }, action: "create", entityType: "objective", entityId: row.id, after: { ...o, source } });
        }
        objectiveIds.set(key, objectiveId);
      }
      if (!r.kr) return;
      const { currentValue, ...kr } = r.kr;
      const existing = t.get<{ id: number } | undefined>(sql`
        SELECT id FROM key_results WHERE objective_id = ${objectiveId} AND lower(title) = ${kr.title.toLowerCase()} AND archived_at IS NULL`);
      if (existing) {
        const before = tx
          .select()
          .from(schema.keyResults)
          .where(sql`${schema.keyResults.id} = ${existing.id}`)
          .get()!;
        tx.update(schema.keyResults)
          .set(kr)
          .where(sql`${schema.keyResults.id} = ${existing.id}`)
          .run();
        keyResultsUpdated += 1;
        recordAudit(tx, { actor: { userId: actor.id }, action: "update", entityType: "key_result", entityId: existing.id, before, after: { ...kr, source } });
      } else {
        const row = tx
          .insert(schema.keyResults)
          .values({ objectiveId, ...kr, currentValue: currentValue ?? kr.startValue })
          .returning()
          .get();
        keyResultsCreated += 1;
        recordAudit(tx, { actor: { userId: actor.id }, action: "create", entityType: "key_result", entityId: row.id, after: { ...row, source } });
      }
    });
    recordAudit(tx, {
      actor: { userId: actor.id },
      action: "import",
      entityType: "objective",
      after: { source, rows: parsed.rows.length, objectivesCreated, keyResultsCreated, keyResultsUpdated },
    });
    return { ok: true as const, rows: parsed.rows.length, objectivesCreated, keyResultsCreated, keyResultsUpdated };
  });
}

/** A cycle's objectives and key results in the import's columns (archived ones left out). */
export function exportOkrsCsv(db: Db, cycleId: number | null): string {
  if (cycleId === null) return toCsv(OKR_CSV_HEADERS, []);
  const rows = db.all<{
    cycle: string;
    objective: string;
    description: string | null;
    team: string | null;
    objectiveOwner: string | null;
    kr: string | null;
    kind: string | null;
    start: number | null;
    target: number | null;
    current: number | null;
    unit: string | null;
    weight: number | null;
    krOwner: string | null;
  }>(sql`
    SELECT c.name AS cycle, o.title AS objective, o.description, t.name AS team, ou.email AS objectiveOwner,
           kr.title AS kr, kr.kind, kr.start_value AS start, kr.target_value AS target, kr.current_value AS current,
           kr.unit, kr.weight, ku.email AS krOwner
      FROM objectives o
      JOIN cycles c ON c.id = o.cycle_id
      LEFT JOIN teams t ON t.id = o.team_id
      LEFT JOIN users ou ON ou.id = o.owner_user_id
      LEFT JOIN key_results kr ON kr.objective_id = o.id AND kr.archived_at IS NULL
      LEFT JOIN users ku ON ku.id = kr.owner_user_id
     WHERE o.cycle_id = ${cycleId} AND o.archived_at IS NULL
     ORDER BY o.id, kr.id`);
  const money = (kind: string | null, v: number | null) => (v === null ? null : kind === "currency" ? eurosFromCents(Math.round(v)) : v);
  return toCsv(
    OKR_CSV_HEADERS,
    rows.map((r) => [
      r.cycle,
      r.objective,
      r.description,
      r.team,
      r.objectiveOwner,
      r.kr,
      r.kind,
      r.kind === "boolean" ? null : money(r.kind, r.start),
      r.kind === "boolean" ? null : money(r.kind, r.target),
      money(r.kind, r.current),
      r.unit,
      r.weight,
      r.krOwner,
    ]),
  );
}
