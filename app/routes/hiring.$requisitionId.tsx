import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { PriorityBadge, RequisitionStatusBadge } from "~/components/hiring/labels";
import { RequisitionForm } from "~/components/hiring/requisition-form";
import { PageHeader } from "~/components/ui/page-header";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { metaT } from "~/i18n/meta";
import { serverT } from "~/i18n/translate.server";
import { formatMoney, formatMonth } from "~/lib/format";
import { badRequest, parseForm, domainErrorReply } from "~/lib/forms.server";
import { idSchema } from "~/lib/validation.server";
import { centsToEuros, getRequisition, listObjectiveOptions, listTeamsForHiring, RequisitionFormSchema, updateRequisition } from "~/models/hiring.server";
import { notFound } from "~/utils/http.server";
import { pageRequest } from "~/utils/page-request.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  back: N_("← Hiring plan"),
  edit: N_("Edit requisition"),
  editProposal: N_("Edit your proposal"),
  proposalNote: N_("Your proposal stays “planned” until the CEO or CTO opens it."),
  save: N_("Save changes"),
  readOnly: N_("You may view this requisition; the CEO (any team) or the CTO (tech teams) edit it."),
  team: N_("Team"),
  profile: N_("Profile / level"),
  priority: N_("Priority"),
  start: N_("Target start"),
  status: N_("Status"),
  salary: N_("Annual salary"),
  source: N_("Source"),
  objective: N_("Objective"),
  proposedBy: N_("Proposed by"),
  hidden: N_("hidden from your role"),
} as const;

export const handle = { i18n: ["hiring"] };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaT(matches, "hiring");
  return [{ title: `${data?.requisition.title ?? t("Requisition")} · ${t("Hiring plan")}` }];
};

function parseId(raw: string | undefined): number {
  const r = idSchema.safeParse(raw);
  if (!r.success) notFound(serverT("No such requisition.", { ns: "hiring" }));
  return r.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db } = await pageRequest(request, "dashboards:read");
  const id = parseId(params.requisitionId);
  // salary masked in SQL unless salaries:requisitions:read for this team
  const r = getRequisition(db, user, id);
  if (!r) notFound(serverT("No such requisition.", { ns: "hiring" }));
  const editable = r.canEdit || r.canEditProposal;
  const teams = editable
    ? listTeamsForHiring(db, { keepId: r.teamId })
        .filter((t) =>
          r.canEdit
            ? can(user, "hiring:edit", { teamId: t.id, teamIsTech: t.isTech })
            : t.id === user.teamId && can(user, "hiring:propose", { teamId: t.id, teamIsTech: t.isTech }),
        )
        .map((t) => ({ id: t.id, name: t.name }))
    : [];
  return {
    requisition: r,
    // euros text of the stored salary ONLY when visible
    salaryEuros: r.salaryVisible && r.annualSalaryCents != null ? centsToEuros(r.annualSalaryCents) : null,
    teams,
    objectives: editable ? listObjectiveOptions(db, r.objectiveId) : [],
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "hiring:propose");
  const id = parseId(params.requisitionId);
  const current = getRequisition(db, user, id);
  if (!current) notFound(serverT("No such requisition.", { ns: "hiring" }));
  const formData = await request.formData();
  const parsed = parseForm(formData, RequisitionFormSchema);
  if (!parsed.ok) {
    // never send a salary back to someone who may not see this requisition's salary
    if (!current.salaryVisible) delete parsed.reply.values.annualSalary;
    return badRequest(parsed.reply);
  }
  const { annualSalary, ...rest } = parsed.data;
  try {
    // permission inside: hiring:edit on the current and the new team, or the lead's own planned proposal
    updateRequisition(db, user, id, { ...rest, annualSalaryCents: annualSalary });
  } catch (e) {
    const res = domainErrorReply(e, formData);
    if (!current.salaryVisible) {
      const body = res.data;
      delete body.values.annualSalary;
    }
    return res;
  }
  return redirect(`/hiring?updated=${id}`);
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

export default function RequisitionPage() {
  const { requisition: r, salaryEuros, teams, objectives } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const formatting = useFormatting();
  const { t } = useTranslation("hiring");
  const editable = r.canEdit || r.canEditProposal;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/hiring">{t(TEXT.back)}</Link>}
        title={r.title}
        description={
          <>
            <RequisitionStatusBadge status={r.status} /> <PriorityBadge priority={r.priority} /> {r.teamName ?? "—"} ·{" "}
            {formatMonth(r.targetStartMonth, formatting.locale)}
          </>
        }
      />
      {editable ? (
        <section className="panel" aria-labelledby="edit-heading">
          <h2 id="edit-heading">{r.canEdit ? t(TEXT.edit) : t(TEXT.editProposal)}</h2>
          <RequisitionForm
            mode="edit"
            values={{
              title: r.title,
              teamId: r.teamId,
              profile: r.profile,
              priority: r.priority,
              targetStartMonth: r.targetStartMonth,
              annualSalaryEuros: salaryEuros,
              source: r.source,
              objectiveId: r.objectiveId,
              status: r.status,
            }}
            teams={teams}
            objectives={objectives}
            canSetStatus={r.canEdit}
            salaryHidden={!r.salaryVisible}
            reply={reply}
            submitLabel={t(TEXT.save)}
            note={r.canEditProposal ? t(TEXT.proposalNote) : undefined}
          />
        </section>
      ) : (
        <section className="panel">
          <dl className="hiring-details">
            <Detail label={t(TEXT.team)}>{r.teamName ?? "—"}</Detail>
            <Detail label={t(TEXT.profile)}>{r.profile ?? "—"}</Detail>
            <Detail label={t(TEXT.priority)}>{r.priority}</Detail>
            <Detail label={t(TEXT.start)}>{formatMonth(r.targetStartMonth, formatting.locale)}</Detail>
            <Detail label={t(TEXT.status)}>
              <RequisitionStatusBadge status={r.status} />
            </Detail>
            <Detail label={t(TEXT.salary)}>
              {r.annualSalaryCents != null ? formatMoney(r.annualSalaryCents, formatting) : <span className="muted">{t(TEXT.hidden)}</span>}
            </Detail>
            <Detail label={t(TEXT.source)}>{r.source ?? "—"}</Detail>
            <Detail label={t(TEXT.objective)}>{r.objectiveTitle ?? "—"}</Detail>
            <Detail label={t(TEXT.proposedBy)}>{r.proposedByName ?? "—"}</Detail>
          </dl>
          <p className="muted">{t(TEXT.readOnly)}</p>
        </section>
      )}
    </>
  );
}
