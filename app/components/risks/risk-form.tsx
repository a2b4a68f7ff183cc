import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { Field, replyField, SelectField, TextareaField } from "~/components/ui/field";
import { ReplyMessage } from "~/components/ui/reply-message";
import { CATEGORY_LABELS, RATING_LABELS, STATUS_LABELS, TREATMENT_LABELS } from "./labels";

export type RiskFormValues = {
  title: string;
  description: string | null;
  category: string;
  inherentLikelihood: number;
  inherentImpact: number;
  residualLikelihood: number;
  residualImpact: number;
  ownerUserId: number | null;
  treatment: string;
  mitigationPlan: string | null;
  nextReviewDate: string | null;
  status: string;
};

/**
 * The risk form (create, propose, edit). Works without JavaScript; errors beside fields;
 * input kept on error. `withStatus` shows the status select (CEO/CTO only).
 */
export function RiskForm({
  reply,
  initial,
  owners,
  withStatus,
  submitLabel,
  pendingLabel,
  intent,
}: {
  reply: unknown;
  initial: RiskFormValues;
  owners: readonly { id: number; name: string }[];
  withStatus: boolean;
  submitLabel: string;
  pendingLabel: string;
  intent: string;
}) {
  const navigation = useNavigation();
  const { t } = useTranslation("risks");
  const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label: t(label) }));
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  // a field's name, the value to show (the reply's, else the initial one) and its messages
  const field = (name: keyof RiskFormValues) => replyField(reply, name, initial[name], intent);
  return (
    <Form method="post" className="risk-form" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <ReplyMessage reply={reply} intent={intent} show="errors" />
      <Field label={t("Title")} {...field("title")} required maxLength={200} className="risk-form__wide" />
      <TextareaField label={t("Description")} {...field("description")} rows={3} className="risk-form__wide" />
      <SelectField label={t("Category")} {...field("category")} required options={options(CATEGORY_LABELS)} />
      <SelectField
        label={t("Owner")}
        {...field("ownerUserId")}
        placeholder={t("No owner yet")}
        options={owners.map((o) => ({ value: String(o.id), label: o.name }))}
      />
      <ScoreFieldset legend={t("Inherent risk (before treatment)")} risk="inherent" field={field} />
      <ScoreFieldset legend={t("Residual risk (after treatment)")} risk="residual" field={field} />
      <SelectField label={t("Treatment")} {...field("treatment")} required options={options(TREATMENT_LABELS)} />
      <Field label={t("Next review date")} {...field("nextReviewDate")} type="date" />
      {withStatus ? <SelectField label={t("Status")} {...field("status")} required options={options(STATUS_LABELS)} /> : null}
      <TextareaField label={t("Mitigation plan")} {...field("mitigationPlan")} rows={3} className="risk-form__wide" />
      <div className="risk-form__actions">
        <Button variant="primary" pending={busy} pendingLabel={pendingLabel}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}

/** One pair of 1–5 scores (likelihood, impact) under its legend: the inherent or the residual risk's. */
function ScoreFieldset({
  legend,
  risk,
  field,
}: {
  legend: string;
  risk: "inherent" | "residual";
  /** the form's field props (name, value to show, messages) */
  field: (name: keyof RiskFormValues) => ReturnType<typeof replyField>;
}) {
  const { t } = useTranslation("risks");
  const ratingOptions = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(RATING_LABELS[n]) }));
  const scores = [
    { label: t("Likelihood"), name: `${risk}Likelihood` as const },
    { label: t("Impact"), name: `${risk}Impact` as const },
  ];
  return (
    <fieldset className="risk-form__ratings">
      <legend>{legend}</legend>
      {scores.map(({ label, name }) => (
        <SelectField key={name} label={label} {...field(name)} required options={ratingOptions} id={name} />
      ))}
    </fieldset>
  );
}
