/** The fields of a webhook source shared by the create and edit forms (no JavaScript needed). */
import { useTranslation } from "react-i18next";
import { Field, SelectField, TextareaField } from "~/components/ui/field";
import { fieldErrorsOf, valueOf } from "~/lib/forms";
import { MAPPING_EXAMPLES, MAPPING_KEY_LABELS, type WebhookKindValue } from "~/lib/webhooks/labels";

export type SourceFieldValues = {
  name: string;
  productionEnvironment: string;
  serviceLabel: string;
  defaultServiceId: number | null;
  mappings: string;
};

export function SourceFields({
  reply,
  intent,
  values,
  services,
  kind,
}: {
  reply: unknown;
  intent: string;
  values: SourceFieldValues;
  services: readonly { id: number; name: string }[];
  /** known on the edit form: hints speak of that kind only */
  kind?: WebhookKindValue;
}) {
  const { t } = useTranslation("delivery");
  const keyLabel = kind
    ? t(MAPPING_KEY_LABELS[kind])
    : t("repository (GitHub), project path (GitLab), service label value (Alertmanager) or PagerDuty service");
  const example = kind ? MAPPING_EXAMPLES[kind] : MAPPING_EXAMPLES.github;
  return (
    <>
      <Field
        label={t("Name")}
        name="name"
        required
        maxLength={100}
        defaultValue={valueOf(reply, "name", values.name, intent)}
        errors={fieldErrorsOf(reply, "name", intent)}
        hint={t("Which sender this is, e.g. “GitHub — api-gateway”.")}
      />
      <TextareaField
        label={t("Service mapping")}
        name="mappings"
        rows={4}
        defaultValue={valueOf(reply, "mappings", values.mappings, intent)}
        errors={fieldErrorsOf(reply, "mappings", intent)}
        hint={
          <>
            {t("One rule per line:")} <code>{"<" + keyLabel + "> = <service>"}</code>, {t("e.g.")} <code>{example}</code>.{" "}
            {t("Matched without regard to case.")}
          </>
        }
      />
      <SelectField
        label={t("Default service")}
        name="defaultServiceId"
        placeholder={t("None: refuse events that match no rule")}
        options={services.map((s) => ({ value: String(s.id), label: s.name }))}
        defaultValue={valueOf(reply, "defaultServiceId", values.defaultServiceId, intent)}
        errors={fieldErrorsOf(reply, "defaultServiceId", intent)}
        hint={t("Where an event goes when no rule matches.")}
      />
      <KindSetting
        shown={kind === undefined || kind === "github" || kind === "gitlab"}
        name="productionEnvironment"
        label={t("Production environment")}
        value={values.productionEnvironment}
        reply={reply}
        intent={intent}
        hint={
          kind === undefined
            ? t("GitHub and GitLab: deployments to this environment count (others are ignored).")
            : t("Deployments to this environment count; others are ignored.")
        }
      />
      <KindSetting
        shown={kind === undefined || kind === "alertmanager"}
        name="serviceLabel"
        label={t("Service label")}
        value={values.serviceLabel}
        reply={reply}
        intent={intent}
        hint={
          kind === undefined
            ? t("Alertmanager: the alert label that names the service (e.g. service, job, app).")
            : t("The alert label that names the service (e.g. service, job, app).")
        }
      />
    </>
  );
}

/** A source's signing secret: a password input (never filled back in), up to 200 characters. */
export function SourceSecretField({ reply, intent, label, hint }: { reply: unknown; intent: string; label: string; hint: string }) {
  return <Field label={label} name="secret" type="password" autoComplete="off" maxLength={200} errors={fieldErrorsOf(reply, "secret", intent)} hint={hint} />;
}

/** A setting that only some tools use: a field when `shown`, otherwise its value kept in a hidden input. */
function KindSetting({
  shown,
  name,
  label,
  value,
  reply,
  intent,
  hint,
}: {
  shown: boolean;
  name: "productionEnvironment" | "serviceLabel";
  label: string;
  value: string;
  reply: unknown;
  intent: string;
  hint: string;
}) {
  if (!shown) return <input type="hidden" name={name} value={value} />;
  return (
    <Field
      label={label}
      name={name}
      maxLength={100}
      defaultValue={valueOf(reply, name, value, intent)}
      errors={fieldErrorsOf(reply, name, intent)}
      hint={hint}
    />
  );
}
