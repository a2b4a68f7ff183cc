import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { DECISION_LABELS } from "~/components/governance/decision-labels";
import { GATE_FORM_SLOTS, GateForm } from "~/components/governance/gate-form";
import { GateCriteriaTable, GateVerdictBadge, GateVerdictFormula } from "~/components/governance/gates-panel";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { useRootData } from "~/hooks/root-data";
import { formatDate, formatMonth } from "~/lib/format";
import type { FormReply } from "~/lib/forms";
import { badRequest } from "~/lib/forms.server";
import { latestDecisions } from "~/models/gate-decisions.server";
import { createGate, evaluateGates, listGates, parseGateForm } from "~/models/governance.server";
import { getLiveMetrics, gateMetricReader } from "~/models/live-metrics.server";
import { gateMetricOptions, isKnownMetricId, MetricContext } from "~/models/metrics.server";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Decision gates",
  description: "Dated go / no-go decisions on live metrics, evaluated every time this page is opened.",
  sources: "Live values",
  finance: (m: string | null, fmt: (m: string) => string) => (m ? `finance as of ${fmt(m)} (latest closed month)` : "no closed finance month yet"),
  delivery: "delivery over the last 90 days",
  due: "Due",
  edit: "Edit",
  add: "Add a decision gate",
  addBtn: "Add gate",
  created: "Gate added.",
  empty: "No decision gate yet",
  emptyBody: "Add one below: a name, a due date, and the criteria on live metrics that make it a “go”.",
  who: "The CEO.",
} as const;

export const meta: MetaFunction = () => [{ title: "Decision gates · Strategy Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  const db = getDb();
  const ctx = new MetricContext(db);
  const live = getLiveMetrics(db, ctx.now, ctx);
  const today = ctx.today;
  return {
    gates: evaluateGates(listGates(db), gateMetricReader(ctx), today),
    sources: live.sources,
    today,
    metricOptions: gateMetricOptions(ctx),
    decisions: Object.fromEntries(latestDecisions(db)),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "settings:manage");
  const formData = await request.formData();
  const ctx = new MetricContext(getDb());
  const parsed = parseGateForm(formData, "create", (id) => isKnownMetricId(ctx, id));
  if (!parsed.ok) return badRequest(parsed.reply);
  createGate(getDb(), user.id, parsed.data);
  return { status: "ok", intent: "create", message: TEXT.created } satisfies FormReply;
}

export default function Gates() {
  const { gates, sources, today, metricOptions, decisions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { user, formatting } = useRootData();
  const canEdit = can(user, "settings:manage");
  return (
    <>
      <PageHeader title={TEXT.title} description={TEXT.description} />
      <p className="muted">
        {TEXT.sources}: {TEXT.finance(sources.financeAsOfMonth, (m) => formatMonth(m, formatting.locale))}; {TEXT.delivery}. <GateVerdictFormula />
      </p>
      {sources.failed.length ? (
        <p className="form-error" role="alert">
          Could not read {sources.failed.join(", ")} just now: those criteria show “no data”.
        </p>
      ) : null}
      <ReplyMessage reply={reply} show="ok" />
      {gates.length === 0 ? (
        <EmptyState title={TEXT.empty} whoMay={TEXT.who}>
          <p>{TEXT.emptyBody}</p>
        </EmptyState>
      ) : (
        <div className="gates-grid">
          {gates.map((g) => (
            <section key={g.id} id={`gate-${g.id}`} className="panel gate-card" aria-labelledby={`gate-title-${g.id}`} data-testid="gate-card">
              <div className="gate-card__head">
                <h2 id={`gate-title-${g.id}`} className="gate-card__title">
                  {g.name}
                </h2>
                <GateVerdictBadge verdict={g.verdict} />
              </div>
              <p className="muted">
                {TEXT.due} {formatDate(g.dueDate, formatting.timeZone, formatting.locale)}
                {g.dueDate < today && g.verdict !== "go" ? " (passed)" : ""}
                {" · "}
                <Link to={`/governance/decisions/${g.id}`}>
                  {decisions[g.id] ? `Decision: ${DECISION_LABELS[decisions[g.id].decision]}` : "Decisions"}
                  <span className="visually-hidden"> on {g.name}</span>
                </Link>
                {canEdit ? (
                  <>
                    {" · "}
                    <Link to={`/governance/gates/${g.id}`}>
                      {TEXT.edit}
                      <span className="visually-hidden"> {g.name}</span>
                    </Link>
                  </>
                ) : null}
              </p>
              {g.description ? <p>{g.description}</p> : null}
              <GateCriteriaTable gate={g} fmt={formatting} />
            </section>
          ))}
        </div>
      )}
      {canEdit ? (
        <section className="panel" aria-labelledby="add-gate">
          <h2 id="add-gate">{TEXT.add}</h2>
          <GateForm
            reply={reply}
            intent="create"
            metricOptions={metricOptions}
            slots={GATE_FORM_SLOTS}
            currency={formatting.currency}
            submitLabel={TEXT.addBtn}
            initial={{ name: "", description: null, dueDate: today, criteria: [] }}
          />
        </section>
      ) : null}
    </>
  );
}
