/** The DORA figures per service, and the services and teams a delivery filter names. */
import type { DoraMetrics } from "~/lib/metrics/delivery";
import { emptyAggregates, groupedAggregates, toDoraMetrics } from "~/models/delivery-metrics/aggregates.server";
import { resolveServiceIds, serviceClause, type DoraFilterInput } from "~/models/delivery-metrics/filters.server";
import { prepare } from "~/models/delivery-metrics/statements.server";
import type { Db } from "~/utils/db.server";

export type ServiceDora = DoraMetrics & {
  serviceId: number;
  serviceName: string;
  teamId: number | null;
  teamName: string | null;
  openIncidents: number;
};

/** The five figures per service (every service selected by the filter, even without data), by name. */
export function getDoraByService(db: Db, window: { from: number; to: number }, filter: DoraFilterInput = {}): ServiceDora[] {
  const serviceIds = resolveServiceIds(db, filter);
  const groups = groupedAggregates(db, window, serviceIds, "service");
  const services = prepare(
    db,
    `SELECT s.id, s.name, s.team_id AS teamId, t.name AS teamName,
            (SELECT COUNT(*) FROM incidents i INDEXED BY incidents_open_service_idx WHERE i.service_id = s.id AND i.resolved_at IS NULL) AS openIncidents
     FROM services s LEFT JOIN teams t ON t.id = s.team_id
     WHERE 1${serviceClause("s.id", serviceIds)}
     ORDER BY s.name`,
  ).all() as { id: number; name: string; teamId: number | null; teamName: string | null; openIncidents: number }[];
  return services.map((s) => ({
    ...toDoraMetrics(window, groups.get(s.id) ?? emptyAggregates()),
    serviceId: s.id,
    serviceName: s.name,
    teamId: s.teamId,
    teamName: s.teamName,
    openIncidents: s.openIncidents,
  }));
}

export type ServiceOption = { id: number; name: string; teamId: number | null };
export type TeamOption = { id: number; name: string };

/** Services and the teams owning at least one service, for filter menus and name lookups. */
export function getDeliveryFilterOptions(db: Db): { services: ServiceOption[]; teams: TeamOption[] } {
  const services = prepare(db, "SELECT id, name, team_id AS teamId FROM services ORDER BY name").all() as ServiceOption[];
  const teams = prepare(
    db,
    "SELECT t.id, t.name FROM teams t WHERE EXISTS (SELECT 1 FROM services s WHERE s.team_id = t.id) ORDER BY t.name",
  ).all() as TeamOption[];
  return { services, teams };
}

export function findServiceByName(db: Db, name: string): ServiceOption | null {
  return (prepare(db, "SELECT id, name, team_id AS teamId FROM services WHERE name = ?").get(name) as ServiceOption | undefined) ?? null;
}

export function findTeamByName(db: Db, name: string): TeamOption | null {
  return (prepare(db, "SELECT id, name FROM teams WHERE name = ?").get(name) as TeamOption | undefined) ?? null;
}
