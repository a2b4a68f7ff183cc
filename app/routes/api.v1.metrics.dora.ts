import type { LoaderFunctionArgs } from "@remix-run/node";
import { DEFAULT_WINDOW_DAYS, MS_PER_DAY, windowProblem } from "~/lib/metrics/delivery";
import { DoraApiQuerySchema } from "~/lib/schemas/delivery.server";
import { findServiceByName, findTeamByName } from "~/models/delivery-metrics/services.server";
import { doraApiBody, getDoraMetrics } from "~/models/delivery-metrics/summary.server";
import { apiError, apiJson, parseApiQuery, requireApiToken } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";

/**
 * GET /api/v1/metrics/dora?service=&team=&from=&to= (scope metrics:read) — the five DORA figures
 * of the metric contract over [from, to) (default: the 90 days before now), for every service, a
 * service or a team (by name).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  try {
    requireApiToken(request, "metrics:read");
    const query = parseApiQuery(DoraApiQuerySchema, new URL(request.url));
    const db = getDb();
    const now = Date.now();
    const to = query.to ?? now;
    const from = query.from ?? to - DEFAULT_WINDOW_DAYS * MS_PER_DAY;
    if (from >= to) return apiError(400, "The query parameters are invalid.", { from: ["must be before to"] });
    const problem = windowProblem({ from, to });
    if (problem) return apiError(400, "The query parameters are invalid.", { from: [problem] });
    const filter: { serviceId?: number; teamId?: number } = {};
    if (query.service !== undefined) {
      const service = findServiceByName(db, query.service);
      if (!service) return apiError(400, "The query parameters are invalid.", { service: [`unknown service "${query.service}"`] });
      filter.serviceId = service.id;
    }
    if (query.team !== undefined) {
      const team = findTeamByName(db, query.team);
      if (!team) return apiError(400, "The query parameters are invalid.", { team: [`unknown team "${query.team}"`] });
      filter.teamId = team.id;
    }
    return apiJson(doraApiBody(getDoraMetrics(db, { from, to }, filter)));
  } catch (err) {
    if (err instanceof Response) return err;
    console.error(err);
    return apiError(500, "Internal error.");
  }
}
