/** Requisitions written by a person: create, edit, status changes (permission per team; audited). */
import { sql } from "drizzle-orm";
import { can, type Actor } from "~/auth/permissions";
import { serverT } from "~/i18n/translate.server";
import { DomainError, fieldErrorsOf, requireCan } from "~/lib/errors";
import { NEXT_REQUISITION_STATUS } from "~/lib/requisitions";
import { recordAudit } from "~/models/audit.server";
import { type Priority, type RequisitionStatus, editRights } from "~/models/hiring/requisitions.server";
import { teamChoiceProblem } from "~/models/teams.server";
import { schema, type Db } from "~/utils/db.server";

// ---------------------------------------------------------------- requisitions: write

export type TeamRef = { id: number; name: string; isTech: boolean };

export function getTeam(db: Db, teamId: number): TeamRef | null {
  const t = db.get<{ id: number; name: string; isTech: number } | undefined>(sql`SELECT id, name, is_tech AS isTech FROM teams WHERE id = ${teamId}`);
  return t ? { id: t.id, name: t.name, isTech: t.isTech === 1 } : null;
}

export type RequisitionInput = {
  title: string;
  teamId: number;
  profile: string | null;
  priority: Priority;
  targetStartMonth: string;
  /** required on create; on update, undefined keeps the stored salary */
  annualSalaryCents?: number;
  source: string | null;
  objectiveId: number | null;
  status?: RequisitionStatus;
};

export class HiringInputError extends DomainError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super("input", message, fieldErrorsOf(field, message));
  }
}

export function requireTeam(db: Db, teamId: number): TeamRef {
  const team = getTeam(db, teamId);
  if (!team) throw new HiringInputError("teamId", serverT("is not a known team", { ns: "hiring" }));
  return team;
}

function checkObjective(db: Db, objectiveId: number | null) {
  if (objectiveId == null) return;
  const o = db.get<{ id: number } | undefined>(sql`SELECT id FROM objectives WHERE id = ${objectiveId}`);
  if (!o) throw new HiringInputError("objectiveId", serverT("is not a known objective", { ns: "hiring" }));
}

type StoredRequisition = typeof schema.requisitions.$inferSelect;

function auditable(r: StoredRequisition) {
  const { createdAt: _c, updatedAt: _u, statusChangedAt: _s, ...rest } = r;
  return rest;
}

/**
 * Creates a requisition. Who: `hiring:edit` on the team (CEO; CTO for tech teams) — any status;
 * otherwise `hiring:propose` on the team (a lead for their own team; the CTO elsewhere) — always
 * created as "planned" (a proposal). 403 otherwise.
 */
export function createRequisition(db: Db, actor: Actor, input: RequisitionInput & { annualSalaryCents: number }): StoredRequisition {
  const team = requireTeam(db, input.teamId);
  const archived = teamChoiceProblem(db, team.id);
  if (archived) throw new HiringInputError("teamId", archived);
  const ctx = { teamId: team.id, teamIsTech: team.isTech };
  const fullEdit = can(actor, "hiring:edit", ctx);
  if (!fullEdit) requireCan(actor, "hiring:propose", ctx);
  checkObjective(db, input.objectiveId);
  const status: RequisitionStatus = fullEdit ? (input.status ?? "planned") : "planned";
  return db.transaction((tx) => {
    const row = tx
      .insert(schema.requisitions)
      .values({
        title: input.title,
        teamId: team.id,
        profile: input.profile,
        priority: input.priority,
        targetStartMonth: input.targetStartMonth,
        annualSalaryCents: input.annualSalaryCents,
        source: input.source,
        status,
        objectiveId: input.objectiveId,
        proposedByUserId: actor.id,
      })
      .returning()
      .get();
    recordAudit(tx, {
      actor: { userId: actor.id },
      action: fullEdit ? "create" : "propose",
      entityType: "requisition",
      entityId: row.id,
      after: auditable(row),
    });
    return row;
  });
}

function loadStored(db: Db, id: number): StoredRequisition | null {
  return (
    db
      .select()
      .from(schema.requisitions)
      .where(sql`${schema.requisitions.id} = ${id}`)
      .get() ?? null
  );
}

function teamFlag(db: Db, teamId: number | null): boolean {
  if (teamId == null) return false;
  return getTeam(db, teamId)?.isTech ?? false;
}

/**
 * Updates a requisition's fields. Full edit: `hiring:edit` on the current team AND on the new team.
 * A lead's own proposal (still "planned", own team): fields only, status stays "planned", team stays
 * theirs. `annualSalaryCents` undefined keeps the stored salary (a user who may not see it never gets it back).
 * Returns false when the requisition does not exist.
 */
export function updateRequisition(db: Db, actor: Actor, id: number, input: RequisitionInput): boolean {
  const before = loadStored(db, id);
  if (!before) return false;
  const current = editRights(actor, {
    teamId: before.teamId,
    teamIsTech: teamFlag(db, before.teamId),
    status: before.status,
    proposedByUserId: before.proposedByUserId,
  });
  const newTeam = requireTeam(db, input.teamId);
  const newCtx = { teamId: newTeam.id, teamIsTech: newTeam.isTech };
  let status: RequisitionStatus;
  if (current.canEdit) {
    requireCan(actor, "hiring:edit", newCtx);
    status = input.status ?? before.status;
  } else if (current.canEditProposal) {
    requireCan(actor, "hiring:propose", newCtx);
    status = "planned";
  } else {
    requireCan(actor, "hiring:edit", { teamId: before.teamId, teamIsTech: teamFlag(db, before.teamId) });
    return false; // unreachable: requireCan throws
  }
  checkObjective(db, input.objectiveId);
  db.transaction((tx) => {
    const after = tx
      .update(schema.requisitions)
      .set({
        title: input.title,
        teamId: newTeam.id,
        profile: input.profile,
        priority: input.priority,
        targetStartMonth: input.targetStartMonth,
        annualSalaryCents: input.annualSalaryCents ?? before.annualSalaryCents,
        source: input.source,
        objectiveId: input.objectiveId,
        status,
        ...(status !== before.status ? { statusChangedAt: new Date() } : {}),
      })
      .where(sql`${schema.requisitions.id} = ${id}`)
      .returning()
      .get();
    recordAudit(tx, {
      actor: { userId: actor.id },
      action: "update",
      entityType: "requisition",
      entityId: id,
      before: auditable(before),
      after: auditable(after),
    });
  });
  return true;
}

export type StatusChange = "next" | "cancel" | "reopen";

/**
 * One-click status change: "next" moves along planned → open → interviewing → offer → hired;
 * "cancel" from any non-final status; "reopen" puts a cancelled requisition back to planned.
 * Needs `hiring:edit` on the requisition's team. `expected` (the status the user saw) guards
 * against a double click moving two steps: a mismatch is an error.
 */
export function changeRequisitionStatus(
  db: Db,
  actor: Actor,
  id: number,
  change: StatusChange,
  expected?: RequisitionStatus,
): { ok: true; from: RequisitionStatus; to: RequisitionStatus } | { ok: false; error: string } | null {
  const before = loadStored(db, id);
  if (!before) return null;
  requireCan(actor, "hiring:edit", { teamId: before.teamId, teamIsTech: teamFlag(db, before.teamId) });
  if (expected && expected !== before.status) {
    return {
      ok: false,
      error: serverT('This requisition is already "{{status}}" (someone changed it): nothing was done.', { ns: "hiring", status: before.status }),
    };
  }
  let to: RequisitionStatus | null = null;
  if (change === "next") to = NEXT_REQUISITION_STATUS[before.status];
  else if (change === "cancel") to = before.status === "hired" || before.status === "cancelled" ? null : "cancelled";
  else if (change === "reopen") to = before.status === "cancelled" ? "planned" : null;
  if (!to)
    return {
      ok: false,
      error:
        change === "next"
          ? serverT('A "{{status}}" requisition cannot be moved further.', { ns: "hiring", status: before.status })
          : change === "cancel"
            ? serverT('A "{{status}}" requisition cannot be cancelled.', { ns: "hiring", status: before.status })
            : serverT('A "{{status}}" requisition cannot be reopened.', { ns: "hiring", status: before.status }),
    };
  const target = to;
  db.transaction((tx) => {
    tx.update(schema.requisitions)
      .set({ status: target, statusChangedAt: new Date() })
      .where(sql`${schema.requisitions.id} = ${id}`)
      .run();
    recordAudit(tx, {
      actor: { userId: actor.id },
      action: "status",
      entityType: "requisition",
      entityId: id,
      before: { status: before.status },
      after: { status: target },
    });
  });
  return { ok: true, from: before.status, to: target };
}
