import { z } from "zod";
import { LANGUAGES } from "~/i18n/config";
import { N_ } from "~/i18n/mark";

/** The profile form: the interface language, or "" for the company's default (docs/decisions/023). */
export const ProfileSchema = z.object({
  language: z
    .enum(LANGUAGES, { error: N_("must be English, French or the company's default") })
    .optional()
    .transform((v) => v ?? null),
});
