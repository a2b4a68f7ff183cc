import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { DECISION_LABELS } from "~/components/governance/decision-labels";
import { GATE_FORM_SLOTS, GateForm } from "~/components/governance/gate-form";
import { GateCriteriaTable, GateVerdictBadge, GateVerdictFormula } from "~/components/governance/gates-panel";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatDate, formatMonth } from "~/lib/format";
import type { FormReply } from "~/lib/forms";
import { badRequest } from "~/lib/forms.server";
import { latestDecisions } from "~/models/gate-decisions.server";
import { createGate, parseGateForm } from "~/models/governance.server";
import { getEvaluatedGates, getLiveMetrics } from "~/models/live-metrics.server";
import { MetricContext } from "~/models/metrics/context.server";
import { gateMetricOptions } from "~/models/metrics/options.server";
import { isKnownMetricId } from "~/models/metrics/readings.server";
import { getDb } from "~/utils/db.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Decision gates"),
  description: N_("Dated go / no-go decisions on live metrics, evaluated every time this page is opened."),
  sources: N_("Live values"),
  delivery: N_("delivery over the last 90 days"),
  due: N_("Due"),
  edit: N_("Edit"),
  add: N_("Add a decision gate"),
  addBtn: N_("Add gate"),
  created: N_("Gate added."),
  empty: N_("No decision gate yet"),
  emptyBody: N_("Add one below: a name, a due date, and the criteria on live metrics that make it a “go”."),
  who: N_("The CEO."),
} as const;

export const { handle, meta } = routeHead("governance", N_("Decision gates", "governance"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request, "dashboards:read");
  const ctx = new MetricContext(db);
  const live = getLiveMetrics(db, ctx.now, ctx);
  const today = ctx.today;
  return {
    gates: getEvaluatedGates(db, ctx.now, ctx),
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
  return { status: "ok", intent: "create", message: serverT(TEXT.created, { ns: "governance" }) } satisfies FormReply;
}

export default function Gates() {
  const { t } = useTranslation("governance");
  const { gates, sources, today, metricOptions, decisions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { user, formatting } = useRootData();
  const canEdit = can(user, "settings:manage");
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
      <p className="muted">
        {t(TEXT.sources)}:{" "}
        {sources.financeAsOfMonth
          ? t("finance as of {{month}} (latest closed month)", { month: formatMonth(sources.financeAsOfMonth, formatting.locale) })
          : t("no closed finance month yet")}
        ; {t(TEXT.delivery)}. <GateVerdictFormula />
      </p>
      {sources.failed.length ? (
        <p className="form-error" role="alert">
          {t("Could not read {{sources}} just now: those criteria show “no data”.", { sources: sources.failed.join(", ") })}
        </p>
      ) : null}
      <ReplyMessage reply={reply} show="ok" />
      {gates.length === 0 ? (
        <EmptyState title={t(TEXT.empty)} whoMay={t(TEXT.who)}>
          <p>{t(TEXT.emptyBody)}</p>
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
                {t(TEXT.due)} {formatDate(g.dueDate, formatting.timeZone, formatting.locale)}
                {g.dueDate < today && g.verdict !== "go" ? " (passed)" : ""}
                {" · "}
                <Link to={`/governance/decisions/${g.id}`}>
                  {decisions[g.id] ? t("Decision: {{decision}}", { decision: t(DECISION_LABELS[decisions[g.id].decision]) }) : t("Decisions")}
                  <span className="visually-hidden"> {t("on {{name}}", { name: g.name })}</span>
                </Link>
                {canEdit ? (
                  <>
                    {" · "}
                    <Link to={`/governance/gates/${g.id}`}>
                      {t(TEXT.edit)}
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
          <h2 id="add-gate">{t(TEXT.add)}</h2>
          <GateForm
            reply={reply}
            intent="create"
            metricOptions={metricOptions}
            slots={GATE_FORM_SLOTS}
            currency={formatting.currency}
            submitLabel={t(TEXT.addBtn)}
            initial={{ name: "", description: null, dueDate: today, criteria: [] }}
          />
        </section>
      ) : null}
    </>
  );
}
