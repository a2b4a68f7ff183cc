/** The DORA reads' filter: every service, one service, or a team's services — as ids, and as an SQL clause. */
import { prepare } from "~/models/delivery-metrics/statements.server";
import type { Db } from "~/utils/db.server";

export type DoraFilterInput = { serviceId?: number; teamId?: number };

/** The services a filter selects: null = every service; [] = none (e.g. a team that owns none). */
export function resolveServiceIds(db: Db, filter: DoraFilterInput = {}): number[] | null {
  const ids: number[][] = [];
  if (filter.serviceId !== undefined) ids.push([filter.serviceId]);
  if (filter.teamId !== undefined) {
    const rows = prepare(db, "SELECT id FROM services WHERE team_id = ? ORDER BY id").pluck().all(filter.teamId) as number[];
    ids.push(rows);
  }
  if (ids.length === 0) return null;
  // Both given: the intersection (a service of that team).
  return ids.reduce((acc, list) => acc.filter((id) => list.includes(id)));
}

export function serviceClause(column: string, serviceIds: number[] | null): string {
  if (serviceIds === null) return "";
  if (serviceIds.length === 0) return " AND 0";
  // Integers only (ids come from the database or a parsed number): inlined so the planner sees them.
  return ` AND ${column} IN (${serviceIds.map((id) => Math.trunc(Number(id))).join(",")})`;
}
