import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { RiskForm } from "~/components/risks/risk-form";
import { PageHeader } from "~/components/ui/page-header";
import { useOptionalUser } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { fieldError } from "~/lib/forms.server";
import { createRisk, listRiskOwnerOptions, RiskFormSchema } from "~/models/risks.server";
import { getDb } from "~/utils/db.server";
import { answerForm } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  titleCreate: N_("Add a risk"),
  titlePropose: N_("Propose a risk"),
  descCreate: N_("Rate it before (inherent) and after (residual) treatment: likelihood and impact from 1 to 5."),
  descPropose: N_("Your proposal is saved with status “proposed”; the CEO or CTO reviews it and accepts it into the register."),
  submitCreate: N_("Add risk"),
  submitPropose: N_("Propose risk"),
  pending: N_("Saving…"),
  back: N_("Back to the register"),
} as const;

export const { handle, meta } = routeHead("risks", N_("New risk", "risks"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "risks:propose");
  return { owners: listRiskOwnerOptions(getDb()), defaultOwner: user.id };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "risks:propose");
  const formData = await request.formData();
  return answerForm(
    formData,
    RiskFormSchema,
    (input) => {
      if (input.ownerUserId && !listRiskOwnerOptions(db).some((o) => o.id === input.ownerUserId)) {
        return fieldError(formData, "ownerUserId", serverT("is not an active user", { ns: "risks" }), "risk");
      }
      const id = createRisk(db, user.id, input, can(user, "risks:edit") ? "create" : "propose");
      return redirect(`/risks/${id}?created=1`);
    },
    { replyTo: "risk" },
  );
}

export default function NewRisk() {
  const { owners, defaultOwner } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const user = useOptionalUser();
  const canEdit = can(user, "risks:edit");
  const { t } = useTranslation("risks");
  return (
    <>
      <PageHeader
        title={canEdit ? t(TEXT.titleCreate) : t(TEXT.titlePropose)}
        description={canEdit ? t(TEXT.descCreate) : t(TEXT.descPropose)}
        eyebrow={<Link to="/risks">{t(TEXT.back)}</Link>}
      />
      <section className="panel">
        <RiskForm
          reply={reply}
          intent="risk"
          owners={owners}
          withStatus={canEdit}
          submitLabel={canEdit ? t(TEXT.submitCreate) : t(TEXT.submitPropose)}
          pendingLabel={t(TEXT.pending)}
          initial={{
            title: "",
            description: null,
            category: "technical",
            inherentLikelihood: 3,
            inherentImpact: 3,
            residualLikelihood: 2,
            residualImpact: 3,
            ownerUserId: defaultOwner,
            treatment: "mitigate",
            mitigationPlan: null,
            nextReviewDate: null,
            status: "open",
          }}
        />
      </section>
    </>
  );
}
