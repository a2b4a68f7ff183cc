import { Form, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { Field, FieldErrors, TextareaField } from "~/components/ui/field";
import { fieldErrorsOf, valueOf } from "~/lib/forms";
import { metricOptionLabel } from "~/lib/metrics/catalogue";
import { humanUnitLabel, toHumanUnits } from "~/lib/metrics/gate-units";
import { GATE_OPERATORS, type GateOperator } from "~/lib/metrics/governance";
import { OPERATOR_LABELS } from "./labels";

/** Criteria slots in the gate form (rows with an empty metric are ignored). */
export const GATE_FORM_SLOTS = 6;

export type GateFormValues = {
  name: string;
  description: string | null;
  dueDate: string;
  criteria: { metric: string; operator: GateOperator; threshold: number }[];
};

/**
 * Create / edit a decision gate: name, description, due date, and up to `slots` criteria
 * (metric, operator, threshold in human units: k€ for money, % for rates). Works without JS.
 */
export function GateForm({
  reply,
  intent,
  initial,
  slots,
  currency,
  submitLabel,
  metricOptions,
}: {
  /** the catalogue metrics a criterion may name (id and label), from the loader */
  metricOptions: readonly { id: string; label: string }[];
  reply: unknown;
  intent: string;
  initial: GateFormValues;
  slots: number;
  currency: string;
  submitLabel: string;
}) {
  const { t } = useTranslation("governance");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const v = (name: string, fallback: string | number | null) => valueOf(reply, name, fallback, intent);
  const e = (name: string) => fieldErrorsOf(reply, name, intent);
  return (
    <Form method="post" className="gate-form" noValidate>
      <input type="hidden" name="intent" value={intent} />
      <Field label={t("Name")} name="name" required defaultValue={v("name", initial.name)} errors={e("name")} />
      <Field label={t("Due date")} name="dueDate" type="date" required defaultValue={v("dueDate", initial.dueDate)} errors={e("dueDate")} />
      <TextareaField
        label={t("Description")}
        name="description"
        rows={2}
        defaultValue={v("description", initial.description)}
        errors={e("description")}
        className="gate-form__wide"
      />
      <fieldset className="gate-form__criteria gate-form__wide">
        <legend>{t("Criteria (all must be met for “go”)")}</legend>
        <p className="field__hint">
          {t(
            "Thresholds in everyday units: money in k{{currency}}, rates and growth in %, runway in months, times in hours, the burn multiple as a ratio. Leave the metric empty to drop a row.",
            { currency: currency === "EUR" ? "€" : ` ${currency}` },
          )}
        </p>
        {Array.from({ length: slots }, (_, n) => {
          const c = initial.criteria[n];
          const metricId = `${intent}-metric-${n}`;
          return (
            <div key={n} className="gate-form__row">
              <CriterionField id={metricId} label={t("Metric {{n}}", { n: n + 1 })} errors={e(`metric_${n}`)}>
                <select
                  id={metricId}
                  name={`metric_${n}`}
                  className="field__control"
                  defaultValue={v(`metric_${n}`, c?.metric ?? "")}
                  aria-invalid={e(`metric_${n}`) ? true : undefined}
                >
                  <option value="">—</option>
                  {metricOptions.map((m) => (
                    <option key={m.id} value={m.id}>
                      {metricOptionLabel(t, m, { withId: false })}
                      {humanUnitLabel(m.id, currency, t) ? ` (${humanUnitLabel(m.id, currency, t)})` : ""}
                    </option>
                  ))}
                </select>
              </CriterionField>
              <CriterionField id={`${metricId}-op`} label={t("Operator {{n}}", { n: n + 1 })} errors={e(`operator_${n}`)}>
                <select id={`${metricId}-op`} name={`operator_${n}`} className="field__control" defaultValue={v(`operator_${n}`, c?.operator ?? ">=")}>
                  {GATE_OPERATORS.map((o) => (
                    <option key={o} value={o}>
                      {OPERATOR_LABELS[o]}
                    </option>
                  ))}
                </select>
              </CriterionField>
              <CriterionField id={`${metricId}-t`} label={t("Threshold {{n}}", { n: n + 1 })} errors={e(`threshold_${n}`)}>
                <input
                  id={`${metricId}-t`}
                  name={`threshold_${n}`}
                  type="text"
                  inputMode="decimal"
                  className="field__control"
                  defaultValue={v(`threshold_${n}`, c ? toHumanUnits(c.metric, c.threshold) : "")}
                  aria-invalid={e(`threshold_${n}`) ? true : undefined}
                />
              </CriterionField>
            </div>
          );
        })}
      </fieldset>
      <div>
        <Button variant="primary" pending={busy} pendingLabel={t("Saving…")}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}

/** One field of a criterion row (metric, operator, threshold): its label, the control, its messages. */
function CriterionField({ id, label, errors, children }: { id: string; label: string; errors: readonly string[] | undefined; children: ReactNode }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      <FieldErrors errors={errors} />
    </div>
  );
}
