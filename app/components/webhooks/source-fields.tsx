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
      {kind === undefined || kind === "github" || kind === "gitlab" ? (
        <Field
          label={t("Production environment")}
          name="productionEnvironment"
          maxLength={100}
          defaultValue={valueOf(reply, "productionEnvironment", values.productionEnvironment, intent)}
          errors={fieldErrorsOf(reply, "productionEnvironment", intent)}
          hint={
            kind === undefined
              ? t("GitHub and GitLab: deployments to this environment count (others are ignored).")
              : t("Deployments to this environment count; others are ignored.")
          }
        />
      ) : (
        <input type="hidden" name="productionEnvironment" value={values.productionEnvironment} />
      )}
      {kind === undefined || kind === "alertmanager" ? (
        <Field
          label={t("Service label")}
          name="serviceLabel"
          maxLength={100}
          defaultValue={valueOf(reply, "serviceLabel", values.serviceLabel, intent)}
          errors={fieldErrorsOf(reply, "serviceLabel", intent)}
          hint={
            kind === undefined
              ? t("Alertmanager: the alert label that names the service (e.g. service, job, app).")
              : t("The alert label that names the service (e.g. service, job, app).")
          }
        />
      ) : (
        <input type="hidden" name="serviceLabel" value={values.serviceLabel} />
      )}
    </>
  );
}
