/** Webhook source form schemas (server-only) and the mapping rule resolved against the services. */
import { z } from "zod";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { idSchema } from "~/lib/validation.server";
import { WEBHOOK_KIND_VALUES, WEBHOOK_OUTCOME_VALUES } from "~/lib/webhooks/labels";
import { parseMappingText } from "~/lib/webhooks/mapping";
import type { MappingRule } from "~/lib/webhooks/mapping";

const text = (max: number) =>
  z
    .string({ error: N_("is required", "validation") })
    .trim()
    .min(1, N_("is required", "validation"))
    .max(max, { error: () => serverT("must be at most {{count}} characters", { count: max }) });

const secretSchema = z
  .string()
  .regex(/^\S+$/, N_("must not contain spaces", "delivery"))
  .min(16, N_("must be at least 16 characters", "delivery"))
  .max(200, N_("must be at most 200 characters", "validation"));

/** Fields shared by the create and edit forms. */
const sourceFields = {
  name: text(100),
  productionEnvironment: z.preprocess((v) => v ?? "production", text(100)),
  serviceLabel: z.preprocess(
    (v) => v ?? "service",
    z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,99}$/, N_("must be a label name: letters, digits and _, not starting with a digit", "delivery")),
  ),
  defaultServiceId: z.preprocess((v) => (v === undefined || v === "" ? null : v), idSchema.nullable()),
  mappings: z.preprocess((v) => v ?? "", z.string().max(30_000, N_("is too long", "delivery"))),
};

export function webhookSchemas() {
  return {
    create: z.object({
      intent: z.literal("create"),
      kind: z.enum(WEBHOOK_KIND_VALUES, { error: N_("choose GitHub, GitLab, Alertmanager or PagerDuty", "delivery") }),
      secret: secretSchema.optional(),
      ...sourceFields,
    }),
    update: z.object({ intent: z.literal("update"), ...sourceFields }),
    setSecret: z.object({ intent: z.literal("set-secret"), secret: z.string({ error: N_("is required", "validation") }).pipe(secretSchema) }),
  };
}

/**
 * The mapping textarea → rules, each service named by an existing service (case-insensitively);
 * the errors name each bad line. The default service must exist too.
 */
export function resolveMappingForm(
  mappings: string,
  defaultServiceId: number | null,
  services: readonly { id: number; name: string }[],
): { ok: true; rules: MappingRule[] } | { ok: false; field: "mappings" | "defaultServiceId"; errors: string[] } {
  if (defaultServiceId !== null && !services.some((s) => s.id === defaultServiceId)) {
    return { ok: false, field: "defaultServiceId", errors: [N_("is not a known service", "delivery")] };
  }
  const parsed = parseMappingText(mappings);
  const errors = [...parsed.errors];
  const byName = new Map(services.map((s) => [s.name.toLowerCase(), s.id]));
  const rules: MappingRule[] = [];
  for (const l of parsed.lines) {
    const id = byName.get(l.serviceName.toLowerCase());
    if (id === undefined)
      errors.push(
        serverT('line {{line}}: no service is named "{{name}}" (add it on the Services page first)', { ns: "delivery", line: l.line, name: l.serviceName }),
      );
    else rules.push({ matchValue: l.matchValue, serviceId: id });
  }
  return errors.length ? { ok: false, field: "mappings", errors } : { ok: true, rules };
}

/** A webhook source's delivery log: ?outcome= and ?page= (at most 20 pages). */
export function webhookLogParamsSchema() {
  return z.object({
    outcome: z.enum(WEBHOOK_OUTCOME_VALUES, { error: N_("must be created, updated, ignored or refused", "delivery") }).optional(),
    page: z.coerce.number().int().min(1).max(20).optional(),
  });
}
