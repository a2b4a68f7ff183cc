import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertPermission, requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { DECISION_LABELS } from "~/components/governance/decision-labels";
import { GateCriteriaTable, GateVerdictBadge } from "~/components/governance/gates-panel";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CheckboxField, Field, replyField, SelectField, TextareaField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { PostForm } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatDate, formatDateTime } from "~/lib/format";
import { checkedOf, fieldErrorsOf, type FormReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { formatGateValue } from "~/lib/metrics/gate-units";
import { GATE_VERDICT_LABELS } from "~/lib/metrics/governance";
import { gateDecisionFormSchemas } from "~/lib/schemas/governance.server";
import { idSchema } from "~/lib/validation.server";
import {
  addManualCriterion,
  checkManualCriterion,
  deleteManualCriterion,
  getGateStanding,
  listGateDecisions,
  recordGateDecision,
  stillSupported,
} from "~/models/gate-decisions.server";
import { MetricContext } from "~/models/metrics/context.server";
import { getDb } from "~/utils/db.server";
import { invariantResponse } from "~/utils/http.server";
import { dispatchIntent, whenIntent, rowReplyTo } from "~/utils/intent-action.server";
import { routeHead } from "~/utils/route-head";
import { GATE_DECISIONS } from "../../db/schema/enums";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead("governance", N_("Gate decisions", "governance"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const id = idSchema.safeParse(params.gateId);
  invariantResponse(id.success, "Gate not found", 404);
  const ctx = new MetricContext(getDb());
  const standing = getGateStanding(ctx, id.data);
  invariantResponse(standing, "Gate not found", 404);
  const decisions = listGateDecisions(ctx.db, id.data);
  return { standing, decisions, supported: stillSupported(decisions[0]?.decision ?? null, standing.verdict) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = idSchema.safeParse(params.gateId);
  invariantResponse(id.success, "Gate not found", 404);
  const gateId = id.data;
  const db = getDb();
  const formData = await request.formData();
  const s = gateDecisionFormSchemas();
  const decider = { before: () => assertPermission(user, "gates:decide") };
  return dispatchIntent(formData, [
    whenIntent(
      "decide",
      s.decide,
      ({ decision, alternative, rationale }) => {
        const row = recordGateDecision(new MetricContext(db), user.id, gateId, {
          decision,
          alternative: decision === "alternative" ? (alternative ?? null) : null,
          rationale,
        });
        invariantResponse(row !== null, "Gate not found", 404);
        return {
          status: "ok",
          intent: "decide",
          message: serverT("Decision recorded: {{decision}}.", { ns: "governance", decision: serverT(DECISION_LABELS[decision], { ns: "governance" }) }),
        } satisfies FormReply;
      },
      decider,
    ),
    whenIntent(
      "add-criterion",
      s.add,
      ({ label }) => {
        invariantResponse(getGateStanding(new MetricContext(db), gateId), "Gate not found", 404);
        addManualCriterion(db, user.id, gateId, label);
        return { status: "ok", intent: "add-criterion", message: serverT("Manual criterion added.", { ns: "governance" }) } satisfies FormReply;
      },
      decider,
    ),
    whenIntent(
      "delete-criterion",
      s.remove,
      ({ criterionId }) => {
        if (!deleteManualCriterion(db, user.id, gateId, criterionId))
          return fieldError(formData, "criterionId", N_("no such criterion on this gate", "governance"), "delete-criterion");
        return { status: "ok", intent: "delete-criterion", message: serverT("Manual criterion removed.", { ns: "governance" }) } satisfies FormReply;
      },
      decider,
    ),
    whenIntent(
      "check",
      s.check,
      ({ criterionId, checked, note }, { replyTo }) => {
        if (!checkManualCriterion(db, user.id, gateId, criterionId, { checked, note: note ?? null })) {
          return fieldError(formData, "criterionId", N_("no such criterion on this gate", "governance"), replyTo);
        }
        return {
          status: "ok",
          intent: replyTo,
          message: checked ? serverT("Criterion checked.", { ns: "governance" }) : serverT("Criterion unchecked.", { ns: "governance" }),
        } satisfies FormReply;
      },
      { replyTo: rowReplyTo("criterionId"), before: () => assertPermission(user, "gates:check") },
    ),
  ]);
}

const DECISION_TONE = { go: "good", no_go: "bad", alternative: "warn" } as const;

export default function GateDecisions() {
  const { t } = useTranslation("governance");
  const { standing, decisions, supported } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { user, formatting: fmt } = useRootData();
  const { gate, manual, verdict } = standing;
  const mayDecide = can(user, "gates:decide");
  const mayCheck = can(user, "gates:check");
  const last = decisions[0] ?? null;
  const busy = (i: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === i;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/governance/gates">{t("Back to the decision gates")}</Link>}
        title={t("{{name}}: decisions", { name: gate.name })}
        description={gate.description ?? undefined}
      />
      <ReplyMessage reply={reply} show="ok" />
      <Card title={t("Today")}>
        <p>
          {t("Due {{date}}.", { date: formatDate(gate.dueDate, fmt.timeZone, fmt.locale) })}{" "}
          {manual.length ? t("Verdict on today's figures and the manual criteria:") : t("Verdict on today's figures:")} <GateVerdictBadge verdict={verdict} />
        </p>
        <p data-testid="gate-last-decision">
          {last ? (
            <>
              {t("Last decision:")} <Badge tone={DECISION_TONE[last.decision]}>{t(DECISION_LABELS[last.decision])}</Badge>{" "}
              {t("by {{name}} on {{date}}", { name: last.decidedByName ?? t("a former user"), date: formatDateTime(last.decidedAt, fmt.timeZone, fmt.locale) })}{" "}
              —{" "}
              {supported ? (
                <strong>{t("today's figures still support it.")}</strong>
              ) : (
                <strong>{t("today's figures no longer support it (today: {{verdict}}).", { verdict: t(GATE_VERDICT_LABELS[verdict]) })}</strong>
              )}
            </>
          ) : (
            t("No decision recorded yet.")
          )}
        </p>
        {gate.criteria.length ? <GateCriteriaTable gate={gate} fmt={fmt} /> : null}
        <h3>{t("Manual criteria")}</h3>
        {manual.length === 0 ? (
          <p className="muted">
            {t("None.")} {mayDecide ? t("Add one below (e.g. “MVP ready”): a person checks it with a note.") : ""}
          </p>
        ) : null}
        <ul className="plain-list">
          {manual.map((m) => {
            const rowIntent = `check-${m.id}`;
            return (
              <li key={m.id} data-testid="manual-criterion">
                <strong>{m.label}</strong>: {m.checked ? <Badge tone="good">{t("Checked")}</Badge> : <Badge tone="neutral">{t("Not checked")}</Badge>}
                {m.checkedByName && m.checkedAt
                  ? ` — ${
                      m.checked
                        ? t("checked by {{name}} on {{date}}", { name: m.checkedByName, date: formatDateTime(m.checkedAt, fmt.timeZone, fmt.locale) })
                        : t("unchecked by {{name}} on {{date}}", { name: m.checkedByName, date: formatDateTime(m.checkedAt, fmt.timeZone, fmt.locale) })
                    }`
                  : ""}
                {m.note ? `: ${m.note}` : ""}
                {mayCheck ? (
                  <Form method="post" className="form-grid" noValidate>
                    <input type="hidden" name="intent" value="check" />
                    <input type="hidden" name="criterionId" value={m.id} />
                    <CheckboxField
                      label={t("{{label}}: met", { label: m.label })}
                      name="checked"
                      defaultChecked={checkedOf(reply, "checked", m.checked, rowIntent)}
                      errors={fieldErrorsOf(reply, "checked", rowIntent)}
                    />
                    <Field label={t("Note")} {...replyField(reply, "note", m.note, rowIntent)} maxLength={1000} />
                    <div>
                      <Button size="sm" pending={busy("check") && navigation.formData?.get("criterionId") === String(m.id)} pendingLabel={t("Saving…")}>
                        {t("Save")}
                        <span className="visually-hidden"> {m.label}</span>
                      </Button>
                    </div>
                  </Form>
                ) : null}
                {mayDecide ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="delete-criterion" />
                    <input type="hidden" name="criterionId" value={m.id} />
                    <Button size="sm" variant="ghost">
                      {t("Remove")}
                      <span className="visually-hidden"> {m.label}</span>
                    </Button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
        {mayDecide ? (
          <Form method="post" className="form-grid" noValidate>
            <input type="hidden" name="intent" value="add-criterion" />
            <Field label={t("New manual criterion")} {...replyField(reply, "label", "", "add-criterion")} maxLength={200} />
            <div>
              <Button pending={busy("add-criterion")} pendingLabel={t("Adding…")}>
                {t("Add criterion")}
              </Button>
            </div>
          </Form>
        ) : null}
      </Card>
      {mayDecide ? (
        <Card title={t("Record a decision")}>
          <p className="muted">{t("The criteria's values as they are now are kept with the decision.")}</p>
          <PostForm hidden={{ intent: "decide" }} submit={{ label: t("Record decision"), pending: busy("decide"), pendingLabel: t("Recording…") }}>
            <SelectField
              label={t("Decision")}
              {...replyField(reply, "decision", "", "decide")}
              required
              placeholder={t("Choose")}
              options={GATE_DECISIONS.map((d) => ({ value: d, label: t(DECISION_LABELS[d]) }))}
            />
            <Field
              label={t("Alternative chosen")}
              {...replyField(reply, "alternative", "", "decide")}
              maxLength={500}
              hint={t("For an alternative, e.g. “bridge round and cost reduction”.")}
            />
            <TextareaField label={t("Rationale")} {...replyField(reply, "rationale", "", "decide")} required rows={3} className="form-grid__full" />
          </PostForm>
          <ReplyMessage reply={reply} intent="decide" show="errors" />
        </Card>
      ) : null}
      <Card title={t("Decision history")}>
        {decisions.length === 0 ? (
          <p className="muted">{mayDecide ? t("No decision yet.") : t("No decision yet — the CEO records them.")}</p>
        ) : (
          <ol className="plain-list" data-testid="gate-decisions">
            {decisions.map((d) => (
              <li key={d.id}>
                <Badge tone={DECISION_TONE[d.decision]}>{t(DECISION_LABELS[d.decision])}</Badge>
                {d.alternative ? ` (${d.alternative})` : ""} — {d.decidedByName ?? t("a former user")}, {formatDateTime(d.decidedAt, fmt.timeZone, fmt.locale)}:{" "}
                {d.rationale}
                <div className="muted">
                  {t("Taken on: verdict {{verdict}};", { verdict: t(GATE_VERDICT_LABELS[d.snapshot.verdict]) })}{" "}
                  {d.snapshot.criteria
                    .map(
                      (c) =>
                        `${c.label} ${formatGateValue(c.metric, c.value, fmt, c.threshold, t)} (${c.operator} ${formatGateValue(c.metric, c.threshold, fmt, c.value, t)})`,
                    )
                    .join("; ")}
                  {d.snapshot.manual.length ? `; ${d.snapshot.manual.map((m) => `${m.label}: ${m.checked ? t("checked") : t("not checked")}`).join("; ")}` : ""}
                </div>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}
