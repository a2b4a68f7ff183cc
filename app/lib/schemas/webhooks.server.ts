/** Webhook source form schemas (server-only) and the mapping rule resolved against the services. */
import { z } from "zod";
import { idSchema } from "~/lib/validation.server";
import { WEBHOOK_KIND_VALUES } from "~/lib/webhooks/labels";
import { parseMappingText } from "~/lib/webhooks/mapping";
import type { MappingRule } from "~/lib/webhooks/mapping";

const text = (max: number, what = "characters") => z.string({ error: "is required" }).trim().min(1, "is required").max(max, `must be at most ${max} ${what}`);

const secretSchema = z.string().regex(/^\S+$/, "must not contain spaces").min(16, "must be at least 16 characters").max(200, "must be at most 200 characters");

/** Fields shared by the create and edit forms. */
const sourceFields = {
  name: text(100),
  productionEnvironment: z.preprocess((v) => v ?? "production", text(100)),
  serviceLabel: z.preprocess(
    (v) => v ?? "service",
    z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,99}$/, "must be a label name: letters, digits and _, not starting with a digit"),
  ),
  defaultServiceId: z.preprocess((v) => (v === undefined || v === "" ? null : v), idSchema.nullable()),
  mappings: z.preprocess((v) => v ?? "", z.string().max(30_000, "is too long")),
};

export function webhookSchemas() {
  return {
    create: z.object({
      intent: z.literal("create"),
      kind: z.enum(WEBHOOK_KIND_VALUES, { error: "choose GitHub, GitLab, Alertmanager or PagerDuty" }),
      secret: secretSchema.optional(),
      ...sourceFields,
    }),
    update: z.object({ intent: z.literal("update"), ...sourceFields }),
    setSecret: z.object({ intent: z.literal("set-secret"), secret: z.string({ error: "is required" }).pipe(secretSchema) }),
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
    return { ok: false, field: "defaultServiceId", errors: ["is not a known service"] };
  }
  const parsed = parseMappingText(mappings);
  const errors = [...parsed.errors];
  const byName = new Map(services.map((s) => [s.name.toLowerCase(), s.id]));
  const rules: MappingRule[] = [];
  for (const l of parsed.lines) {
    const id = byName.get(l.serviceName.toLowerCase());
    if (id === undefined) errors.push(`line ${l.line}: no service is named "${l.serviceName}" (add it on the Services page first)`);
    else rules.push({ matchValue: l.matchValue, serviceId: id });
  }
  return errors.length ? { ok: false, field: "mappings", errors } : { ok: true, rules };
}
