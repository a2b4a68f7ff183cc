import { eq } from "drizzle-orm";
import { NO_DORA_TARGETS, type DoraTargetKey, type DoraTargets, type DoraTargetSources } from "~/components/delivery-metrics/targets";
import { recordAudit } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";
import { COMPANY_TARGET_KEYS } from "../../db/schema/delivery";

/** Company delivery targets (data, not code): one row per key, absent = no target. */

export type CompanyTargetKey = (typeof COMPANY_TARGET_KEYS)[number];
export { COMPANY_TARGET_KEYS };

export const TARGET_KEY_OF: Record<CompanyTargetKey, DoraTargetKey> = {
  deploys_per_day: "deploysPerDay",
  lead_time_hours: "leadTimeHours",
  mttr_hours: "mttrHours",
  change_failure_rate: "changeFailureRate",
};

export function getDoraTargets(db: Db): { targets: DoraTargets; sources: DoraTargetSources } {
  const targets: DoraTargets = { ...NO_DORA_TARGETS };
  const sources: DoraTargetSources = { deploysPerDay: null, leadTimeHours: null, mttrHours: null, changeFailureRate: null };
  for (const r of db.select().from(schema.companyTargets).all()) {
    const k = TARGET_KEY_OF[r.key];
    targets[k] = r.value;
    sources[k] = r.source;
  }
  return { targets, sources };
}

/** Sets (or, with a null value, removes) one target; audited. */
export function setCompanyTarget(db: Db, actorId: number, key: CompanyTargetKey, value: number | null, source: string | null): void {
  db.transaction((tx) => {
    const before = tx.select({ value: schema.companyTargets.value, source: schema.companyTargets.source }).from(schema.companyTargets).where(eq(schema.companyTargets.key, key)).get();
    if (value === null) {
      if (!before) return;
      tx.delete(schema.companyTargets).where(eq(schema.companyTargets.key, key)).run();
    } else {
      tx.insert(schema.companyTargets)
        .values({ key, value, source })
        .onConflictDoUpdate({ target: schema.companyTargets.key, set: { value, source, updatedAt: new Date() } })
        .run();
    }
    if (before && value !== null && before.value === value && before.source === source) return;
    recordAudit(tx, {
      actor: { userId: actorId },
      action: value === null ? "delete" : before ? "update" : "create",
      entityType: "company_target",
      entityId: key,
      before: before ?? undefined,
      after: value === null ? undefined : { value, source },
    });
  });
}
