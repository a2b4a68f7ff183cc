import { z } from "zod";
import { emailSchema } from "~/lib/validation.server";

export const LoginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "is required" }).min(1, "is required").max(1024),
  redirectTo: z.string().optional(),
});
