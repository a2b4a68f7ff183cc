import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { Field, SelectField, TextareaField } from "~/components/ui/field";
import { ReplyMessage } from "~/components/ui/reply-message";
import { fieldErrorsOf, valueOf } from "~/lib/forms";
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
  const v = (name: keyof RiskFormValues) => valueOf(reply, name, initial[name], intent);
  const e = (name: string) => fieldErrorsOf(reply, name, intent);
  return (
    <Form method="post" className="risk-form" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <ReplyMessage reply={reply} intent={intent} show="errors" />
      <Field label={t("Title")} name="title" required maxLength={200} defaultValue={v("title")} errors={e("title")} className="risk-form__wide" />
      <TextareaField
        label={t("Description")}
        name="description"
        rows={3}
        defaultValue={v("description")}
        errors={e("description")}
        className="risk-form__wide"
      />
      <SelectField label={t("Category")} name="category" required options={options(CATEGORY_LABELS)} defaultValue={v("category")} errors={e("category")} />
      <SelectField
        label={t("Owner")}
        name="ownerUserId"
        placeholder={t("No owner yet")}
        options={owners.map((o) => ({ value: String(o.id), label: o.name }))}
        defaultValue={v("ownerUserId")}
        errors={e("ownerUserId")}
      />
      <ScoreFieldset
        legend={t("Inherent risk (before treatment)")}
        likelihood="inherentLikelihood"
        impact="inherentImpact"
        reply={reply}
        initial={initial}
        intent={intent}
      />
      <ScoreFieldset
        legend={t("Residual risk (after treatment)")}
        likelihood="residualLikelihood"
        impact="residualImpact"
        reply={reply}
        initial={initial}
        intent={intent}
      />
      <SelectField label={t("Treatment")} name="treatment" required options={options(TREATMENT_LABELS)} defaultValue={v("treatment")} errors={e("treatment")} />
      <Field label={t("Next review date")} name="nextReviewDate" type="date" defaultValue={v("nextReviewDate")} errors={e("nextReviewDate")} />
      {withStatus ? (
        <SelectField label={t("Status")} name="status" required options={options(STATUS_LABELS)} defaultValue={v("status")} errors={e("status")} />
      ) : null}
      <TextareaField
        label={t("Mitigation plan")}
        name="mitigationPlan"
        rows={3}
        defaultValue={v("mitigationPlan")}
        errors={e("mitigationPlan")}
        className="risk-form__wide"
      />
      <div className="risk-form__actions">
        <Button variant="primary" pending={busy} pendingLabel={pendingLabel}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}

type ScoreName = "inherentLikelihood" | "inherentImpact" | "residualLikelihood" | "residualImpact";

/** One pair of 1–5 scores (likelihood, impact) under its legend: inherent or residual risk. */
function ScoreFieldset({
  legend,
  likelihood,
  impact,
  reply,
  initial,
  intent,
}: {
  legend: string;
  likelihood: ScoreName;
  impact: ScoreName;
  reply: unknown;
  initial: RiskFormValues;
  intent: string;
}) {
  const { t } = useTranslation("risks");
  const ratingOptions = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(RATING_LABELS[n]) }));
  const scores = [
    { label: t("Likelihood"), name: likelihood },
    { label: t("Impact"), name: impact },
  ];
  return (
    <fieldset className="risk-form__ratings">
      <legend>{legend}</legend>
      {scores.map(({ label, name }) => (
        <SelectField
          key={name}
          label={label}
          name={name}
          required
          options={ratingOptions}
          defaultValue={valueOf(reply, name, initial[name], intent)}
          errors={fieldErrorsOf(reply, name, intent)}
          id={name}
        />
      ))}
    </fieldset>
  );
}
