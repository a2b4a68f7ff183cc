import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { RequisitionForm } from "~/components/hiring/requisition-form";
import { PageHeader } from "~/components/ui/page-header";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { fieldError } from "~/lib/forms.server";
import { addMonths } from "~/lib/months";
import { createRequisition, currentMonth, listObjectiveOptions, listTeamsForHiring, RequisitionFormSchema } from "~/models/hiring.server";
import { getCompanySettings } from "~/models/settings.server";
import { getDb } from "~/utils/db.server";
import { answerForm } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  titleEdit: N_("New requisition"),
  titlePropose: N_("Propose a hire"),
  descEdit: N_("A role to hire: it enters the forecast from its target start month."),
  descPropose: N_("Your proposal is saved as “planned”; the CEO or CTO opens it. You can edit it while it is planned."),
  proposalNote: N_("Requisitions for teams you do not manage are saved as proposals (status “planned”)."),
  submit: N_("Create requisition"),
  submitPropose: N_("Propose"),
} as const;

export const { handle, meta } = routeHead("hiring", N_("New requisition", "hiring"));

/** The teams this actor may create for: full edit or propose. */
function allowedTeams(user: Parameters<typeof can>[0], teams: ReturnType<typeof listTeamsForHiring>) {
  return teams.filter(
    (t) => can(user, "hiring:edit", { teamId: t.id, teamIsTech: t.isTech }) || can(user, "hiring:propose", { teamId: t.id, teamIsTech: t.isTech }),
  );
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db } = await pageRequest(request, "hiring:propose");
  const teams = allowedTeams(user, listTeamsForHiring(db, {}));
  const month = currentMonth(getCompanySettings(db).timeZone);
  return {
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    objectives: listObjectiveOptions(db),
    fullEditor: can(user, "hiring:edit"),
    defaultTeamId: user.teamId && teams.some((t) => t.id === user.teamId) ? user.teamId : null,
    defaultMonth: addMonths(month, 2),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "hiring:propose");
  const formData = await request.formData();
  return answerForm(formData, RequisitionFormSchema, ({ annualSalary, ...rest }) => {
    if (annualSalary === undefined) return fieldError(formData, "annualSalary", serverT("is required", { ns: "hiring" }));
    // permission per team inside (hiring:edit, else hiring:propose → status "planned")
    const row = createRequisition(getDb(), user, { ...rest, annualSalaryCents: annualSalary });
    return redirect(`/hiring?created=${row.id}`);
  });
}

export default function NewRequisition() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation("hiring");
  return (
    <>
      <PageHeader title={data.fullEditor ? t(TEXT.titleEdit) : t(TEXT.titlePropose)} description={data.fullEditor ? t(TEXT.descEdit) : t(TEXT.descPropose)} />
      <section className="panel">
        <RequisitionForm
          mode="create"
          values={{
            title: "",
            teamId: data.defaultTeamId,
            profile: null,
            priority: "P1",
            targetStartMonth: data.defaultMonth,
            annualSalaryEuros: null,
            source: null,
            objectiveId: null,
            status: "planned",
          }}
          teams={data.teams}
          objectives={data.objectives}
          canSetStatus={data.fullEditor}
          salaryHidden={false}
          reply={reply}
          submitLabel={data.fullEditor ? t(TEXT.submit) : t(TEXT.submitPropose)}
          note={data.fullEditor ? t(TEXT.proposalNote) : undefined}
        />
      </section>
    </>
  );
}
