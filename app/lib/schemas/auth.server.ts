import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { emailSchema } from "~/lib/validation.server";

export const LoginSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: N_("is required") })
    .min(1, N_("is required"))
    .max(1024),
  redirectTo: z.string().optional(),
});
