import { z } from "zod";
import { ROLES } from "~/auth/permissions";
import { checkboxSchema, decimalSchema, emailSchema, idSchema, intSchema } from "~/lib/validation.server";
import { schema } from "~/utils/db.server";
import { optionalRefIdSchema } from "~/utils/refs.server";

/** Schemas of the settings page's forms (server-only: zod stays out of the browser bundle). */

const optionalTeam = optionalRefIdSchema(schema.teams, "team");

export const SettingsSchema = z.object({
  intent: z.literal("settings"),
  companyName: z.string({ error: "is required" }).min(1).max(120),
  currency: z.string({ error: "is required" }).regex(/^[A-Z]{3}$/, "must be a 3-letter ISO 4217 code, e.g. EUR"),
  locale: z
    .string({ error: "is required" })
    .refine((l) => {
      try {
        return Intl.NumberFormat.supportedLocalesOf([l]).length === 1;
      } catch {
        return false;
      }
    }, "must be a locale such as fr-FR or en-GB"),
  timeZone: z.string({ error: "is required" }).refine((tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, "must be an IANA time zone such as Europe/Paris"),
  loadedCostFactor: decimalSchema({ min: 1, max: 3 }),
  grossMarginPercent: decimalSchema({ gt: 0, max: 100 }),
  headcountTarget: intSchema({ min: 1, max: 100_000 }),
});

export const CreateUserSchema = z.object({
  intent: z.literal("create-user"),
  email: emailSchema,
  name: z.string({ error: "is required" }).min(1, "is required").max(120),
  role: z.enum(ROLES, { error: "must be one of ceo, cto, lead, viewer" }),
  teamId: optionalTeam,
  password: z.string({ error: "is required" }).min(12, "must be at least 12 characters").max(200),
});

export const UpdateUserSchema = z.object({
  intent: z.literal("update-user"),
  userId: idSchema,
  name: z.string({ error: "is required" }).min(1, "is required").max(120),
  role: z.enum(ROLES, { error: "must be one of ceo, cto, lead, viewer" }),
  teamId: optionalTeam,
  active: checkboxSchema,
});

