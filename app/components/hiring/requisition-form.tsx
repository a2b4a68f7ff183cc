import { Form, useNavigation } from "@remix-run/react";
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
  return (
    <Form method="post" className="form-grid hiring-form" noValidate>
      <ReplyMessage reply={reply} show="errors" />
      {note ? <p className="muted hiring-form__note">{note}</p> : null}
      <Field label="Title" name="title" required defaultValue={v("title", values.title)} errors={errs("title")} maxLength={160} />
      <SelectField
        label="Team"
        name="teamId"
        required
        defaultValue={v("teamId", values.teamId)}
        errors={errs("teamId")}
        placeholder="Choose a team"
        options={teams.map((t) => ({ value: String(t.id), label: t.name }))}
      />
      <Field label="Profile / level" name="profile" defaultValue={v("profile", values.profile)} errors={errs("profile")} hint="e.g. Senior, 5+ years Python" />
      <SelectField
        label="Priority"
        name="priority"
        required
        defaultValue={v("priority", values.priority)}
        errors={errs("priority")}
        options={PRIORITY_VALUES.map((p) => ({ value: p, label: p }))}
      />
      <Field
        label="Target start month"
        name="targetStartMonth"
        type="month"
        required
        placeholder="YYYY-MM"
        defaultValue={v("targetStartMonth", values.targetStartMonth)}
        errors={errs("targetStartMonth")}
      />
      <Field
        label="Annual salary (€)"
        name="annualSalary"
        inputMode="decimal"
        autoComplete="off"
        required={mode === "create"}
        // never echo a salary the user may not see: values.annualSalaryEuros is null then
        defaultValue={salaryHidden ? "" : v("annualSalary", values.annualSalaryEuros)}
        errors={errs("annualSalary")}
        hint={
          salaryHidden
            ? "Hidden from your role. Leave blank to keep the current salary, or type a new one."
            : "Gross annual salary in euros; the forecast adds the loaded-cost factor."
        }
      />
      <Field label="Source" name="source" defaultValue={v("source", values.source)} errors={errs("source")} hint="e.g. LinkedIn, referral, agency" />
      <SelectField
        label="Objective it serves"
        name="objectiveId"
        defaultValue={v("objectiveId", values.objectiveId)}
        errors={errs("objectiveId")}
        placeholder="None"
        options={objectives.map((o) => ({ value: String(o.id), label: o.label }))}
      />
      {canSetStatus ? (
        <SelectField
          label="Status"
          name="status"
          defaultValue={v("status", values.status)}
          errors={errs("status")}
          options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        />
      ) : null}
      <div>
        <Button type="submit" variant="primary" pending={pending} pendingLabel="Saving…">
          {submitLabel}
        </Button>
      </div>
    </Form>
  );
}
