/** The teams page's URL and forms (server-only: zod stays out of the browser bundle). */
import { z } from "zod";
import { serverT } from "~/i18n/translate.server";
import { idSchema } from "~/lib/validation.server";

/** /teams?team=: the team whose members are shown. */
export const TeamsParamsSchema = z.object({ team: idSchema.optional() });

/** The teams page's forms (built per request: their messages are in the reader's language). */
export function teamFormSchemas() {
  const required = serverT("is required", { ns: "auth" });
  const name = z
    .string({ error: required })
    .min(1, required)
    .max(80, serverT("must be at most {{max}} characters", { ns: "auth", max: 80 }));
  const kind = z.enum(["tech", "non-tech"], { error: serverT("must be tech or non-tech", { ns: "auth" }) });
  return {
    create: z.object({ intent: z.literal("create"), name, kind }),
    update: z.object({ intent: z.literal("update"), teamId: idSchema, name, kind }),
    archive: z.object({ intent: z.enum(["archive", "restore"]), teamId: idSchema }),
    lead: z.object({ intent: z.enum(["set-lead", "unset-lead"]), teamId: idSchema, userId: idSchema }),
  };
}
