/**
 * The incident forms of the delivery pages (zod, server-only): declaring an incident, editing its
 * details, choosing its cause. Times are typed in the company's time zone.
 */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { localTimeSchema, SEVERITIES } from "~/lib/schemas/delivery.server";
import { checkboxSchema, idSchema } from "~/lib/validation.server";

/** What both the declaration and the details form hold: title, severity, start and (optional) resolution. */
function incidentFields(timeZone: string) {
  return {
    title: z
      .string({ error: N_("is required", "validation") })
      .min(1, N_("is required", "validation"))
      .max(300),
    severity: z.enum(SEVERITIES, { error: N_("must be SEV1 to SEV4", "delivery") }),
    startedAt: localTimeSchema(timeZone),
    resolvedAt: localTimeSchema(timeZone).optional(),
  };
}

/** "Declare an incident": the service, an optional external id and the deployment that caused it (or none). */
export function newIncidentSchema(timeZone: string) {
  return z
    .object({
      serviceId: idSchema,
      externalId: z.string().max(200).optional(),
      ...incidentFields(timeZone),
      causeRef: z.string().max(200).optional(),
      noCause: checkboxSchema,
    })
    .superRefine((v, ctx) => {
      if (v.resolvedAt !== undefined && v.resolvedAt < v.startedAt)
        ctx.addIssue({ code: "custom", path: ["resolvedAt"], message: N_("must not be before the start", "delivery") });
      if (v.causeRef && v.noCause)
        ctx.addIssue({ code: "custom", path: ["causeRef"], message: N_("give a deployment or tick “no deployment caused it”, not both", "delivery") });
    });
}

/** An incident page's forms, by intent. */
export function incidentEditSchemas(timeZone: string) {
  return {
    details: z.object({ intent: z.literal("details"), ...incidentFields(timeZone) }),
    resolve: z.object({ intent: z.literal("resolve"), resolvedAt: localTimeSchema(timeZone) }),
    cause: z.object({
      intent: z.literal("cause"),
      cause: z.string({ error: N_("choose an option", "delivery") }).regex(/^(inferred|none|\d{1,15})$/, N_("choose an option", "delivery")),
    }),
  };
}
