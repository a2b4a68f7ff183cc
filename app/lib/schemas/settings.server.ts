import { z } from "zod";
import { ROLES } from "~/auth/permissions";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { checkboxSchema, decimalSchema, emailSchema, idSchema, intSchema } from "~/lib/validation.server";
import { schema } from "~/utils/db.server";
import { optionalRefIdSchema } from "~/utils/refs.server";
import { API_SCOPES } from "../../../db/schema";

/** Schemas of the settings page's forms (server-only: zod stays out of the browser bundle). */

const optionalTeam = optionalRefIdSchema(schema.teams, "team");

/** A password a person chooses (settings, /setup, `npm run user:create` / `user:password`): one rule everywhere. */
export const newPasswordSchema = z
  .string({ error: N_("is required") })
  .min(12, { error: () => serverT("must be at least {{count}} characters", { count: 12 }) })
  .max(200, { error: () => serverT("must be at most {{count}} characters", { count: 200 }) });

export const personNameSchema = z
  .string({ error: N_("is required") })
  .min(1, N_("is required"))
  .max(120, { error: () => serverT("must be at most {{count}} characters", { count: 120 }) });

/** The company profile fields shared by the settings page and the first-run screen. */
const companyProfileFields = {
  companyName: z
    .string({ error: N_("is required") })
    .min(1, N_("is required"))
    .max(120, { error: () => serverT("must be at most {{count}} characters", { count: 120 }) }),
  currency: z.string({ error: N_("is required") }).regex(/^[A-Z]{3}$/, N_("must be a 3-letter ISO 4217 code, e.g. EUR")),
  locale: z.string({ error: N_("is required") }).refine((l) => {
    try {
      return Intl.NumberFormat.supportedLocalesOf([l]).length === 1;
    } catch {
      return false;
    }
  }, N_("must be a locale such as fr-FR or en-GB")),
  timeZone: z.string({ error: N_("is required") }).refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, N_("must be an IANA time zone such as Europe/Paris")),
  fiscalYearStartMonth: intSchema({ min: 1, max: 12 }),
};

export const SettingsSchema = z.object({
  intent: z.literal("settings"),
  ...companyProfileFields,
  loadedCostFactor: decimalSchema({ min: 1, max: 3 }),
  grossMarginPercent: decimalSchema({ gt: 0, max: 100 }),
  headcountTarget: intSchema({ min: 1, max: 100_000 }),
});

/** The first-run screen: the company profile and the first CEO. */
export const SetupSchema = z.object({
  ...companyProfileFields,
  name: personNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
});

export const LEAD_NEEDS_TEAM = N_("a team lead must belong to a team");

/** A team lead belongs to a team (the team's OKRs and hiring are what a lead may touch). */
function leadHasTeam(u: { role: string; teamId: number | null }, ctx: z.RefinementCtx) {
  if (u.role === "lead" && u.teamId === null) ctx.addIssue({ code: "custom", path: ["teamId"], message: LEAD_NEEDS_TEAM });
}

export const roleSchema = z.enum(ROLES, { error: N_("must be one of ceo, cto, lead, viewer") });

export const CreateUserSchema = z
  .object({
    intent: z.literal("create-user"),
    email: emailSchema,
    name: personNameSchema,
    role: roleSchema,
    teamId: optionalTeam,
    password: newPasswordSchema,
  })
  .superRefine(leadHasTeam);

export const UpdateUserSchema = z
  .object({
    intent: z.literal("update-user"),
    userId: idSchema,
    name: personNameSchema,
    role: roleSchema,
    teamId: optionalTeam,
    active: checkboxSchema,
  })
  .superRefine(leadHasTeam);

/** The API tokens page's forms: a name and at least one scope (an unticked box is absent), or the token to revoke. */
export function tokenFormSchemas() {
  return {
    create: z.object({
      intent: z.literal("create"),
      name: z
        .string({ error: serverT("is required", { ns: "auth" }) })
        .min(1, serverT("is required", { ns: "auth" }))
        .max(100, serverT("must be at most {{max}} characters", { ns: "auth", max: 100 })),
      scopes: z.preprocess(
        (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
        z.array(z.enum(API_SCOPES, { error: serverT("is not a known scope", { ns: "auth" }) })).min(1, serverT("choose at least one scope", { ns: "auth" })),
      ),
    }),
    revoke: z.object({ intent: z.literal("revoke"), tokenId: idSchema }),
  };
}
