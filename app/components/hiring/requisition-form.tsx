import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { Field, replyField, SelectField } from "~/components/ui/field";
import { ReplyMessage } from "~/components/ui/reply-message";
import { fieldErrorsOf, valueOf } from "~/lib/forms";
import { PRIORITY_VALUES, STATUS_LABELS, STATUSES } from "./labels";

export type RequisitionFormValues = {
  title: string;
  teamId: number | null;
  profile: string | null;
  priority: string;
  targetStartMonth: string;
  /**
   * The stored salary as euros text, ONLY when the user may see it; null otherwise
   * (then the field stays empty and blank keeps the stored salary).
   */
  annualSalaryEuros: string | null;
  source: string | null;
  objectiveId: number | null;
  status: string;
};

export type RequisitionFormProps = {
  mode: "create" | "edit";
  values: RequisitionFormValues;
  teams: { id: number; name: string }[];
  objectives: { id: number; label: string }[];
  /** may set the status (full editors); proposals are always "planned" */
  canSetStatus: boolean;
  /** the salary of this requisition is hidden from the user (edit only) */
  salaryHidden: boolean;
  reply: unknown;
  submitLabel: string;
  note?: string;
};

/** Create / edit a requisition. Works without JavaScript; errors next to fields; input kept. */
export function RequisitionForm({ mode, values, teams, objectives, canSetStatus, salaryHidden, reply, submitLabel, note }: RequisitionFormProps) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formMethod?.toLowerCase() === "post";
  // a field's name, the value to show (the reply's, else the stored one) and its messages
  const field = (name: Exclude<keyof RequisitionFormValues, "annualSalaryEuros">) => replyField(reply, name, values[name]);
  const { t } = useTranslation("hiring");
  return (
    <Form method="post" className="form-grid hiring-form" noValidate>
      <ReplyMessage reply={reply} show="errors" />
      {note ? <p className="muted hiring-form__note">{note}</p> : null}
      <Field label={t("Title")} {...field("title")} required maxLength={160} />
      <SelectField
        label={t("Team")}
        {...field("teamId")}
        required
        placeholder={t("Choose a team")}
        options={teams.map((t) => ({ value: String(t.id), label: t.name }))}
      />
      <Field label={t("Profile / level")} {...field("profile")} hint={t("e.g. Senior, 5+ years Python")} />
      <SelectField label={t("Priority")} {...field("priority")} required options={PRIORITY_VALUES.map((p) => ({ value: p, label: p }))} />
      <Field label={t("Target start month")} {...field("targetStartMonth")} type="month" required placeholder={t("YYYY-MM")} />
      <Field
        label={t("Annual salary (€)")}
        name="annualSalary"
        inputMode="decimal"
        autoComplete="off"
        required={mode === "create"}
        // never echo a salary the user may not see: values.annualSalaryEuros is null then
        defaultValue={salaryHidden ? "" : valueOf(reply, "annualSalary", values.annualSalaryEuros)}
        errors={fieldErrorsOf(reply, "annualSalary")}
        hint={
          salaryHidden
            ? t("Hidden from your role. Leave blank to keep the current salary, or type a new one.")
            : t("Gross annual salary in euros; the forecast adds the loaded-cost factor.")
        }
      />
      <Field label={t("Source")} {...field("source")} hint={t("e.g. LinkedIn, referral, agency")} />
      <SelectField
        label={t("Objective it serves")}
        {...field("objectiveId")}
        placeholder={t("None")}
        options={objectives.map((o) => ({ value: String(o.id), label: o.label }))}
      />
      {canSetStatus ? <SelectField label={t("Status")} {...field("status")} options={STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))} /> : null}
      <div>
        <Button type="submit" variant="primary" pending={pending} pendingLabel={t("Saving…")}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
