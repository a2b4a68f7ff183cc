import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { Field, SelectField } from "~/components/ui/field";
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
  const v = (name: string, fallback: string | number | null | undefined) => valueOf(reply, name, fallback);
  const errs = (name: string) => fieldErrorsOf(reply, name);
  const { t } = useTranslation("hiring");
  return (
    <Form method="post" className="form-grid hiring-form" noValidate>
      <ReplyMessage reply={reply} show="errors" />
      {note ? <p className="muted hiring-form__note">{note}</p> : null}
      <Field label={t("Title")} name="title" required defaultValue={v("title", values.title)} errors={errs("title")} maxLength={160} />
      <SelectField
        label={t("Team")}
        name="teamId"
        required
        defaultValue={v("teamId", values.teamId)}
        errors={errs("teamId")}
        placeholder={t("Choose a team")}
        options={teams.map((t) => ({ value: String(t.id), label: t.name }))}
      />
      <Field
        label={t("Profile / level")}
        name="profile"
        defaultValue={v("profile", values.profile)}
        errors={errs("profile")}
        hint={t("e.g. Senior, 5+ years Python")}
      />
      <SelectField
        label={t("Priority")}
        name="priority"
        required
        defaultValue={v("priority", values.priority)}
        errors={errs("priority")}
        options={PRIORITY_VALUES.map((p) => ({ value: p, label: p }))}
      />
      <Field
        label={t("Target start month")}
        name="targetStartMonth"
        type="month"
        required
        placeholder={t("YYYY-MM")}
        defaultValue={v("targetStartMonth", values.targetStartMonth)}
        errors={errs("targetStartMonth")}
      />
      <Field
        label={t("Annual salary (€)")}
        name="annualSalary"
        inputMode="decimal"
        autoComplete="off"
        required={mode === "create"}
        // never echo a salary the user may not see: values.annualSalaryEuros is null then
        defaultValue={salaryHidden ? "" : v("annualSalary", values.annualSalaryEuros)}
        errors={errs("annualSalary")}
        hint={
          salaryHidden
            ? t("Hidden from your role. Leave blank to keep the current salary, or type a new one.")
            : t("Gross annual salary in euros; the forecast adds the loaded-cost factor.")
        }
      />
      <Field label={t("Source")} name="source" defaultValue={v("source", values.source)} errors={errs("source")} hint={t("e.g. LinkedIn, referral, agency")} />
      <SelectField
        label={t("Objective it serves")}
        name="objectiveId"
        defaultValue={v("objectiveId", values.objectiveId)}
        errors={errs("objectiveId")}
        placeholder={t("None")}
        options={objectives.map((o) => ({ value: String(o.id), label: o.label }))}
      />
      {canSetStatus ? (
        <SelectField
          label={t("Status")}
          name="status"
          defaultValue={v("status", values.status)}
          errors={errs("status")}
          options={STATUSES.map((s) => ({ value: s, label: t(STATUS_LABELS[s]) }))}
        />
      ) : null}
      <div>
        <Button type="submit" variant="primary" pending={pending} pendingLabel={t("Saving…")}>
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
