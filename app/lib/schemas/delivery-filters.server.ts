/** The URL filters of the deployment and incident lists (and their CSV exports): parsed, bounded, service and team names looked up, echoed. */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { MS_PER_DAY, environmentSchema } from "~/lib/schemas/delivery.server";
import { ignoredParamNotice, parseSearchParams } from "~/lib/url-params.server";
import { isoDateSchema, isoInstantSchema } from "~/lib/validation.server";
import type { DeploymentFilter, IncidentFilter } from "~/models/delivery/filters.server";
import { schema, type Db } from "~/utils/db.server";
import { CAUSE_KINDS, DEPLOYMENT_STATUSES, SEVERITIES } from "../../../db/schema";

export type FilterEcho = Record<string, string>;

const INSTANT_PARAM_MESSAGE = N_("must be a date (YYYY-MM-DD), an ISO 8601 date-time with a zone, or milliseconds", "delivery");

/** `from` / `to` of a list: a UTC day (dateOnly), an ISO 8601 instant with a zone, or epoch milliseconds. */
const instantParam = z.union(
  [
    z
      .string()
      .regex(/^\d{1,15}$/)
      .transform((v) => ({ ms: Number(v), dateOnly: false })),
    isoDateSchema.transform((v) => ({ ms: Date.parse(`${v}T00:00:00Z`), dateOnly: true })),
    isoInstantSchema.transform((ms) => ({ ms, dateOnly: false })),
  ],
  { error: INSTANT_PARAM_MESSAGE },
);

const boolParam = z
  .enum(["yes", "no", "true", "false", "1", "0"], { error: N_("must be yes or no", "delivery") })
  .transform((v) => v === "yes" || v === "true" || v === "1");

/** The filters' URL parameters through their schema: bad ones are ignored with a notice; `echo` is what was accepted. */
function parseFilterParams<S extends z.ZodObject>(sp: URLSearchParams, schema: S, notices: string[]) {
  const { data, ignored, accepted } = parseSearchParams(sp, schema);
  notices.push(...ignored.map(ignoredParamNotice));
  return { p: data, echo: accepted as FilterEcho };
}

/** What every delivery list takes: the service scope, by service or team name… */
const scopeParams = {
  service: z.string().max(100).optional(),
  team: z.string().max(100).optional(),
};

/** … and the window, `from` / `to`. */
const windowParams = {
  from: instantParam.optional(),
  to: instantParam.optional(),
};

export const DeploymentFilterParamsSchema = z.object({
  ...scopeParams,
  status: z.enum(DEPLOYMENT_STATUSES, { error: N_("must be success or failure", "delivery") }).optional(),
  environment: environmentSchema.optional(),
  ...windowParams,
  hotfix: boolParam.optional(),
  rollback: boolParam.optional(),
});

export const IncidentFilterParamsSchema = z.object({
  ...scopeParams,
  severity: z
    .string()
    .toUpperCase()
    .pipe(z.enum(SEVERITIES, { error: N_("must be SEV1 to SEV4", "delivery") }))
    .optional(),
  state: z.enum(["open", "resolved"], { error: N_("must be open or resolved", "delivery") }).optional(),
  cause: z.enum([...CAUSE_KINDS, "unset"], { error: N_("must be explicit, inferred, none or unset", "delivery") }).optional(),
  ...windowParams,
});

function resolveServiceScope(db: Db, service: string | undefined, team: string | undefined, notices: string[]): number[] | undefined {
  let ids: number[] | undefined;
  if (service !== undefined) {
    const row = db.select({ id: schema.services.id }).from(schema.services).where(eq(schema.services.name, service)).get();
    if (!row) notices.push(serverT('No service is named "{{name}}".', { ns: "delivery", name: service }));
    ids = row ? [row.id] : [];
  }
  if (team !== undefined) {
    const t = db.select({ id: schema.teams.id }).from(schema.teams).where(eq(schema.teams.name, team)).get();
    if (!t) notices.push(serverT('No team is named "{{name}}".', { ns: "delivery", name: team }));
    const owned = t
      ? db
          .select({ id: schema.services.id })
          .from(schema.services)
          .where(eq(schema.services.teamId, t.id))
          .all()
          .map((r) => r.id)
      : [];
    ids = ids === undefined ? owned : ids.filter((id) => owned.includes(id));
  }
  return ids;
}

function windowFromParams(p: { from?: { ms: number; dateOnly: boolean }; to?: { ms: number; dateOnly: boolean } }, notices: string[]) {
  const from = p.from?.ms;
  // a bare date as `to` includes that whole day (UTC): the bound is the next midnight
  const to = p.to === undefined ? undefined : p.to.dateOnly ? p.to.ms + MS_PER_DAY : p.to.ms;
  if (from !== undefined && to !== undefined && to <= from)
    notices.push(serverT("The end of the date range is not after its start: no row can match.", { ns: "delivery" }));
  return { from, to };
}

/**
 * A delivery list's filters from the URL: the service scope (names looked up), the list's own
 * filters (`own`), the from/to window. Bad values are ignored with a notice; `echo` is what was accepted.
 */
function parseListFilter<S extends z.ZodObject<typeof scopeParams & typeof windowParams>, F>(
  db: Db,
  sp: URLSearchParams,
  paramsSchema: S,
  own: (p: z.output<S>) => F,
) {
  const notices: string[] = [];
  const { p, echo } = parseFilterParams(sp, paramsSchema, notices);
  const scope: z.output<z.ZodObject<typeof scopeParams & typeof windowParams>> = p;
  const filter = { serviceIds: resolveServiceScope(db, scope.service, scope.team, notices), ...own(p), ...windowFromParams(scope, notices) };
  return { filter, notices, echo };
}

/**
 * Deployments list filters from the URL: service and team BY NAME, status, environment,
 * from/to (half-open [from, to) on finished time; YYYY-MM-DD (UTC; a bare `to` date includes that day),
 * ISO 8601 with a zone, or ms), hotfix/rollback (yes/no). Bad values are ignored with a notice.
 */
export function parseDeploymentFilter(db: Db, sp: URLSearchParams): { filter: DeploymentFilter; notices: string[]; echo: FilterEcho } {
  return parseListFilter(db, sp, DeploymentFilterParamsSchema, (p) => ({
    status: p.status,
    environment: p.environment,
    hotfix: p.hotfix,
    rollback: p.rollback,
  }));
}

/** Incidents list filters: service, team, severity, state (open/resolved), cause (explicit/inferred/none/unset), from/to on start. */
export function parseIncidentFilter(db: Db, sp: URLSearchParams): { filter: IncidentFilter; notices: string[]; echo: FilterEcho } {
  return parseListFilter(db, sp, IncidentFilterParamsSchema, (p) => ({ severity: p.severity, state: p.state, cause: p.cause }));
}
