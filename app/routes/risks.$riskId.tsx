import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { RiskLevelBadge } from "~/components/metrics/risk-level-badge";
import { CATEGORY_LABELS, RULE_KIND_LABELS, STATUS_LABELS, TREATMENT_LABELS } from "~/components/risks/labels";
import { RiskForm } from "~/components/risks/risk-form";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { StatList } from "~/components/ui/stat-list";
import { useRootData } from "~/hooks/root-data";
import { formatDate } from "~/lib/format";
import type { FormReply } from "~/lib/forms";
import { badRequest, fieldError, parseForm, unknownIntent } from "~/lib/forms.server";
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

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  back: "Back to the register",
  created: "Risk saved.",
  proposedNote: "This risk is a proposal: the CEO or CTO accepts it into the register (status “open”).",
  accept: "Accept proposal",
  close: "Close risk",
  reopen: "Reopen",
  monitor: "Move to monitoring",
  edit: "Edit risk",
  save: "Save changes",
  saving: "Saving…",
  inherent: "Inherent",
  residual: "Residual",
  owner: "Owner",
  treatment: "Treatment",
  status: "Status",
  review: "Next review",
  plan: "Mitigation plan",
  proposedBy: "Proposed by",
  raisedBy: "Raised by the metric rule",
  history: "Its changes in the audit trail",
  overdue: "Review overdue",
} as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.risk.title ?? "Risk"} · Strategy Tracker` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  const id = idSchema.safeParse(params.riskId);
  invariantResponse(id.success, "Risk not found", 404);
  const db = getDb();
  const risk = getRisk(db, id.data);
  invariantResponse(risk, "Risk not found", 404);
  return { risk, owners: listRiskOwnerOptions(db) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, "risks:edit");
  const id = idSchema.safeParse(params.riskId);
  invariantResponse(id.success, "Risk not found", 404);
  const db = getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "status") {
    const parsed = parseForm(formData, RiskStatusFormSchema, "status");
    if (!parsed.ok) return badRequest(parsed.reply);
    if (parsed.data.status !== "closed" && reopenWouldDuplicate(db, id.data)) {
      return fieldError(formData, "status", "this rule already has an open risk on the same subject: update that one instead", "status");
    }
    invariantResponse(setRiskStatus(db, user.id, id.data, parsed.data.status), "Risk not found", 404);
    return { status: "ok", intent: "status", message: `Status set to ${parsed.data.status}.` } satisfies FormReply;
  }
  if (intent === "update") {
    const parsed = parseForm(formData, RiskUpdateFormSchema, "update");
    if (!parsed.ok) return badRequest(parsed.reply);
    if (parsed.data.ownerUserId && !listRiskOwnerOptions(db).some((o) => o.id === parsed.data.ownerUserId)) {
      return fieldError(formData, "ownerUserId", "is not an active user", "update");
    }
    if (parsed.data.status !== "closed" && reopenWouldDuplicate(db, id.data)) {
      return fieldError(formData, "status", "this rule already has an open risk on the same subject", "update");
    }
    invariantResponse(updateRisk(db, user.id, id.data, parsed.data), "Risk not found", 404);
    return { status: "ok", intent: "update", message: "Risk updated." } satisfies FormReply;
  }
  return unknownIntent(formData);
}

function StatusButton({ status, label, variant }: { status: string; label: string; variant: "primary" | "secondary" | "danger" }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "status" && navigation.formData?.get("status") === status;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="status" />
      <input type="hidden" name="status" value={status} />
      <Button variant={variant} pending={busy} pendingLabel={TEXT.saving}>
        {label}
      </Button>
    </Form>
  );
}

export default function RiskDetail() {
  const { risk, owners } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { user, formatting } = useRootData();
  const [search] = useSearchParams();
  const canEdit = can(user, "risks:edit");
  const statusErrors = reply && reply.status === "error" && reply.intent === "status" ? reply.fieldErrors.status : undefined;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/risks">{TEXT.back}</Link>}
        title={risk.title}
        description={risk.description ?? undefined}
        actions={
          canEdit ? (
            <>
              {risk.status === "proposed" ? <StatusButton status="open" label={TEXT.accept} variant="primary" /> : null}
              {risk.status === "open" ? <StatusButton status="monitoring" label={TEXT.monitor} variant="secondary" /> : null}
              {risk.status !== "closed" ? <StatusButton status="closed" label={TEXT.close} variant="danger" /> : null}
              {risk.status === "closed" ? <StatusButton status="open" label={TEXT.reopen} variant="secondary" /> : null}
            </>
          ) : undefined
        }
      />
      {search.get("created") && !reply ? (
        <p className="notice" role="status">
          {TEXT.created}
        </p>
      ) : null}
      <ReplyMessage reply={reply} show="ok" />
      {statusErrors ? (
        <p className="form-error" role="alert">
          {statusErrors.join(", ")}
        </p>
      ) : null}
      {risk.status === "proposed" ? <p className="notice notice--info">{TEXT.proposedNote}</p> : null}

      <section className="panel" aria-label="Summary">
        <StatList
          items={[
            { label: TEXT.status, value: <span data-testid="risk-status">{STATUS_LABELS[risk.status]}</span> },
            { label: "Category", value: CATEGORY_LABELS[risk.category] },
            {
              label: TEXT.inherent,
              value: <RiskLevelBadge level={risk.inherentLevel} score={risk.inherentScore} />,
              hint: `likelihood ${risk.inherentLikelihood} × impact ${risk.inherentImpact}`,
            },
            {
              label: TEXT.residual,
              value: <RiskLevelBadge level={risk.residualLevel} score={risk.residualScore} />,
              hint: `likelihood ${risk.residualLikelihood} × impact ${risk.residualImpact}`,
            },
            { label: TEXT.owner, value: risk.ownerName ?? "none" },
            { label: TEXT.treatment, value: TREATMENT_LABELS[risk.treatment] },
            {
              label: TEXT.review,
              value: risk.nextReviewDate ? (
                <>
                  {formatDate(risk.nextReviewDate, formatting.timeZone, formatting.locale)} {risk.overdue ? <Badge tone="bad">{TEXT.overdue}</Badge> : null}
                </>
              ) : (
                "not set"
              ),
            },
            ...(risk.proposedByName ? [{ label: TEXT.proposedBy, value: risk.proposedByName }] : []),
            ...(risk.raisedByRuleKind
              ? [{ label: TEXT.raisedBy, value: RULE_KIND_LABELS[risk.raisedByRuleKind], hint: risk.raisedValue ? `value: ${risk.raisedValue}` : undefined }]
              : []),
          ]}
        />
        {risk.mitigationPlan ? (
          <>
            <h2 className="h3">{TEXT.plan}</h2>
            <p className="prewrap">{risk.mitigationPlan}</p>
          </>
        ) : null}
        {can(user, "audit:read") ? (
          <p>
            <Link to={`/audit?entity=risk&entityId=${risk.id}`}>{TEXT.history}</Link>
          </p>
        ) : null}
      </section>

      {canEdit ? (
        <section className="panel" aria-labelledby="edit-risk">
          <h2 id="edit-risk">{TEXT.edit}</h2>
          <RiskForm
            key={risk.updatedAt}
            reply={reply}
            intent="update"
            owners={owners}
            withStatus
            submitLabel={TEXT.save}
            pendingLabel={TEXT.saving}
            initial={risk}
          />
        </section>
      ) : null}
    </>
  );
}
