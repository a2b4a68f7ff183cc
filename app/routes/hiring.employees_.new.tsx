import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { Field, replyField, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { PostForm } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { N_ } from "~/i18n/mark";
import { idSchema } from "~/lib/validation.server";
import { centsToEuros, createEmployee, EmployeeFormSchema, employeePrefillFromRequisition, listTeamsForHiring } from "~/models/hiring.server";
import { getDb } from "~/utils/db.server";
import { answerForm } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Add an employee"),
  description: N_("Someone who joined: they count in the actual headcount from their start date."),
  back: N_("← Employees"),
  save: N_("Add employee"),
} as const;

export const { handle, meta } = routeHead("hiring", TEXT.title);

export async function loader({ request }: LoaderFunctionArgs) {
  // the form holds a salary: employees' salaries are the CEO's (salaries:employees:read)
  const { user, db } = await pageRequest(request, "salaries:employees:read");
  const fromId = idSchema.safeParse(new URL(request.url).searchParams.get("fromRequisition") ?? undefined);
  const prefill = fromId.success ? employeePrefillFromRequisition(db, user, fromId.data) : null;
  return {
    teams: listTeamsForHiring(db, {}).map((t) => ({ id: t.id, name: t.name })),
    prefill: prefill
      ? { ...prefill, annualSalary: prefill.annualSalaryCents == null ? null : centsToEuros(prefill.annualSalaryCents), annualSalaryCents: undefined }
      : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "salaries:employees:read");
  const formData = await request.formData();
  return answerForm(formData, EmployeeFormSchema, ({ annualSalary, ...rest }) => {
    createEmployee(getDb(), user, { ...rest, annualSalaryCents: annualSalary }); // permission inside (a forbidden DomainError → 403)
    return redirect(`/hiring/employees?q=${encodeURIComponent(rest.name)}`);
  });
}

export default function NewEmployee() {
  const { teams, prefill } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation("hiring");
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/hiring/employees">{t(TEXT.back)}</Link>}
        title={t(TEXT.title)}
        description={
          prefill ? t("Hired on the requisition “{{title}}”: check the name, start date and salary.", { title: prefill.title }) : t(TEXT.description)
        }
      />
      <section className="panel">
        <PostForm submit={{ label: t(TEXT.save), pending: navigation.state === "submitting", pendingLabel: t("Saving…") }}>
          <ReplyMessage reply={reply} show="errors" />
          <Field label={t("Name")} {...replyField(reply, "name")} required />
          <SelectField
            label={t("Team")}
            {...replyField(reply, "teamId", prefill?.teamId ?? "")}
            placeholder={t("No team")}
            options={teams.map((t) => ({ value: String(t.id), label: t.name }))}
          />
          <Field label={t("Job title")} {...replyField(reply, "title", prefill?.title ?? "")} required />
          <Field label={t("Start date")} {...replyField(reply, "startDate", prefill?.startDate ?? "")} type="date" required />
          <Field
            label={t("End date")}
            {...replyField(reply, "endDate")}
            type="date"

            hint={t("Leave empty while they work here.")}
          />
          <Field label={t("Annual salary (€)")} {...replyField(reply, "annualSalary", prefill?.annualSalary ?? "")} inputMode="decimal" required />
        </PostForm>
      </section>
    </>
  );
}
