import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { RiskLevelBadge } from "~/components/metrics/risk-level-badge";
import { CATEGORY_LABELS, RULE_KIND_LABELS, STATUS_LABELS, TREATMENT_LABELS } from "~/components/risks/labels";
import { RiskForm } from "~/components/risks/risk-form";
import { Badge } from "~/components/ui/badge";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { RowActionForm } from "~/components/ui/row-form";
import { StatList } from "~/components/ui/stat-list";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatDate } from "~/lib/format";
import type { FormReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { localizeRuleText } from "~/lib/metrics/risk-rule-texts";
import { idSchema } from "~/lib/validation.server";
import {
  getRisk,
  listRiskOwnerOptions,
  reopenWouldDuplicate,
  RiskStatusFormSchema,
  RiskUpdateFormSchema,
  setRiskStatus,
  updateRisk,
} from "~/models/risks.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/http.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { dataRouteHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  back: N_("Back to the register"),
  created: N_("Risk saved."),
  proposedNote: N_("This risk is a proposal: the CEO or CTO accepts it into the register (status “open”)."),
  accept: N_("Accept proposal"),
  close: N_("Close risk"),
  reopen: N_("Reopen"),
  monitor: N_("Move to monitoring"),
  edit: N_("Edit risk"),
  save: N_("Save changes"),
  saving: N_("Saving…"),
  inherent: N_("Inherent"),
  residual: N_("Residual"),
  owner: N_("Owner"),
  treatment: N_("Treatment"),
  status: N_("Status"),
  review: N_("Next review"),
  plan: N_("Mitigation plan"),
  proposedBy: N_("Proposed by"),
  raisedBy: N_("Raised by the metric rule"),
  history: N_("Its changes in the audit trail"),
  overdue: N_("Review overdue"),
} as const;

/** The confirmation of a status change (English names the status value as the form posts it). */
const STATUS_SET = {
  proposed: N_("Status set to proposed."),
  open: N_("Status set to open."),
  monitoring: N_("Status set to monitoring."),
  closed: N_("Status set to closed."),
} as const;

export const { handle, meta } = dataRouteHead<typeof loader>("risks", (data, t, { matches }) => {
  const locale = (matches[0]?.data as { formatting?: { locale: string } } | undefined)?.formatting?.locale;
  return data ? localizeRuleText(data.risk.title, data.risk.raisedByRuleKind, t, locale) : t("Risk");
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  const id = idSchema.safeParse(params.riskId);
  invariantResponse(id.success, serverT("Risk not found", { ns: "risks" }), 404);
  const db = getDb();
  const risk = getRisk(db, id.data);
  invariantResponse(risk, serverT("Risk not found", { ns: "risks" }), 404);
  return { risk, owners: listRiskOwnerOptions(db) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "risks:edit");
  const id = idSchema.safeParse(params.riskId);
  invariantResponse(id.success, serverT("Risk not found", { ns: "risks" }), 404);
  const db = getDb();
  const formData = await request.formData();
  return dispatchIntent(formData, [
    whenIntent("status", RiskStatusFormSchema, ({ status }) => {
      if (status !== "closed" && reopenWouldDuplicate(db, id.data)) {
        return fieldError(
          formData,
          "status",
          serverT("this rule already has an open risk on the same subject: update that one instead", { ns: "risks" }),
          "status",
        );
      }
      invariantResponse(setRiskStatus(db, user.id, id.data, status), serverT("Risk not found", { ns: "risks" }), 404);
      return { status: "ok", intent: "status", message: serverT(STATUS_SET[status], { ns: "risks" }) } satisfies FormReply;
    }),
    whenIntent("update", RiskUpdateFormSchema, (input) => {
      if (input.ownerUserId && !listRiskOwnerOptions(db).some((o) => o.id === input.ownerUserId)) {
        return fieldError(formData, "ownerUserId", serverT("is not an active user", { ns: "risks" }), "update");
      }
      if (input.status !== "closed" && reopenWouldDuplicate(db, id.data)) {
        return fieldError(formData, "status", serverT("this rule already has an open risk on the same subject", { ns: "risks" }), "update");
      }
      invariantResponse(updateRisk(db, user.id, id.data, input), serverT("Risk not found", { ns: "risks" }), 404);
      return { status: "ok", intent: "update", message: serverT("Risk updated.", { ns: "risks" }) } satisfies FormReply;
    }),
  ]);
}

function StatusButton({ status, label, variant }: { status: string; label: string; variant: "primary" | "secondary" | "danger" }) {
  const navigation = useNavigation();
  const { t } = useTranslation("risks");
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "status" && navigation.formData?.get("status") === status;
  return (
    <RowActionForm fields={{ intent: "status", status }} variant={variant} pending={busy} pendingLabel={t(TEXT.saving)} className="inline-form" label={label} />
  );
}

export default function RiskDetail() {
  const { risk, owners } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { user, formatting } = useRootData();
  const [search] = useSearchParams();
  const { t } = useTranslation("risks");
  const rule = (text: string | null) => localizeRuleText(text, risk.raisedByRuleKind, t, formatting.locale);
  const canEdit = can(user, "risks:edit");
  const statusErrors = reply && reply.status === "error" && reply.intent === "status" ? reply.fieldErrors.status : undefined;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/risks">{t(TEXT.back)}</Link>}
        title={rule(risk.title)}
        description={rule(risk.description) ?? undefined}
        actions={
          canEdit ? (
            <>
              {risk.status === "proposed" ? <StatusButton status="open" label={t(TEXT.accept)} variant="primary" /> : null}
              {risk.status === "open" ? <StatusButton status="monitoring" label={t(TEXT.monitor)} variant="secondary" /> : null}
              {risk.status !== "closed" ? <StatusButton status="closed" label={t(TEXT.close)} variant="danger" /> : null}
              {risk.status === "closed" ? <StatusButton status="open" label={t(TEXT.reopen)} variant="secondary" /> : null}
            </>
          ) : undefined
        }
      />
      {search.get("created") && !reply ? (
        <p className="notice" role="status">
          {t(TEXT.created)}
        </p>
      ) : null}
      <ReplyMessage reply={reply} show="ok" />
      {statusErrors ? (
        <p className="form-error" role="alert">
          {statusErrors.join(", ")}
        </p>
      ) : null}
      {risk.status === "proposed" ? <p className="notice notice--info">{t(TEXT.proposedNote)}</p> : null}

      <section className="panel" aria-label={t("Summary")}>
        <StatList
          items={[
            { label: t(TEXT.status), value: <span data-testid="risk-status">{t(STATUS_LABELS[risk.status])}</span> },
            { label: t("Category"), value: t(CATEGORY_LABELS[risk.category]) },
            {
              label: t(TEXT.inherent),
              value: <RiskLevelBadge level={risk.inherentLevel} score={risk.inherentScore} />,
              hint: t("likelihood {{l}} × impact {{i}}", { l: risk.inherentLikelihood, i: risk.inherentImpact }),
            },
            {
              label: t(TEXT.residual),
              value: <RiskLevelBadge level={risk.residualLevel} score={risk.residualScore} />,
              hint: t("likelihood {{l}} × impact {{i}}", { l: risk.residualLikelihood, i: risk.residualImpact }),
            },
            { label: t(TEXT.owner), value: risk.ownerName ?? t("none") },
            { label: t(TEXT.treatment), value: t(TREATMENT_LABELS[risk.treatment]) },
            {
              label: t(TEXT.review),
              value: risk.nextReviewDate ? (
                <>
                  {formatDate(risk.nextReviewDate, formatting.timeZone, formatting.locale)} {risk.overdue ? <Badge tone="bad">{t(TEXT.overdue)}</Badge> : null}
                </>
              ) : (
                t("not set")
              ),
            },
            ...(risk.proposedByName ? [{ label: t(TEXT.proposedBy), value: risk.proposedByName }] : []),
            ...(risk.raisedByRuleKind
              ? [
                  {
                    label: t(TEXT.raisedBy),
                    value: t(RULE_KIND_LABELS[risk.raisedByRuleKind]),
                    hint: risk.raisedValue ? t("value: {{value}}", { value: rule(risk.raisedValue) }) : undefined,
                  },
                ]
              : []),
          ]}
        />
        {risk.mitigationPlan ? (
          <>
            <h2 className="h3">{t(TEXT.plan)}</h2>
            <p className="prewrap">{risk.mitigationPlan}</p>
          </>
        ) : null}
        {can(user, "audit:read") ? (
          <p>
            <Link to={`/audit?entity=risk&entityId=${risk.id}`}>{t(TEXT.history)}</Link>
          </p>
        ) : null}
      </section>

      {canEdit ? (
        <section className="panel" aria-labelledby="edit-risk">
          <h2 id="edit-risk">{t(TEXT.edit)}</h2>
          <RiskForm
            key={risk.updatedAt}
            reply={reply}
            intent="update"
            owners={owners}
            withStatus
            submitLabel={t(TEXT.save)}
            pendingLabel={t(TEXT.saving)}
            initial={risk}
          />
        </section>
      ) : null}
    </>
  );
}
