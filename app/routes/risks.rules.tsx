import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { RULE_KIND_LABELS, RULE_THRESHOLD_UNITS } from "~/components/risks/labels";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { Tooltip } from "~/components/ui/tooltip";
import { useFormatting, useOptionalUser } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { fieldErrorsOf, isErrorReply, type FormReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { localizeRuleText } from "~/lib/metrics/risk-rule-texts";
import { FORMULAS } from "~/lib/metrics/risks";
import { getRuleFindings } from "~/models/live-metrics.server";
import { listRiskRules, listRisks, RiskRuleFormSchema, updateRiskRule, type RiskRuleRow, type RuleFinding } from "~/models/risks.server";
import { answerForm } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Metric rules"),
  description: N_(
    "Rules that open a risk when a live figure crosses a threshold — or update the value of the risk they already opened. A rule never opens a second risk while its first is not closed.",
  ),
  back: N_("Back to the register"),
  when: N_("Rules are evaluated each time the risk register, this page, or the executive or CTO dashboard is opened."),
  enabled: N_("Enabled"),
  save: N_("Save rule"),
  saving: N_("Saving…"),
  now: N_("Now"),
  triggered: N_("Triggered"),
  notTriggered: N_("Not triggered"),
  disabled: N_("Disabled"),
  openRisk: N_("Its open risk"),
  noSubjects: N_("No objective in the current cycle."),
  readOnly: N_("Only the CEO and CTO change rules."),
} as const;

export const { handle, meta } = routeHead("risks", N_("Metric rules · Risks", "risks"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request, "dashboards:read");
  let findings: RuleFinding[] = [];
  let error: string | null = null;
  try {
    // read-only: what the rules find now; their risks were kept current by the last write (decision 600)
    findings = getRuleFindings(db);
  } catch (e) {
    console.error("risk rules evaluation failed", e);
    error = serverT("The live figures could not be read just now.", { ns: "risks" });
  }
  const raised = listRisks(db, { status: "active" }, { sort: { id: "updatedAt", desc: true } }).rows.filter((r) => r.raisedByRuleKind);
  return { rules: listRiskRules(db), findings, error, raised };
}

const LIMITS: Record<RiskRuleRow["kind"], [number, number, string]> = {
  runway_below_months: [0, 120, N_("must be between 0 and 120 months")],
  cfr_above_percent_30d: [0, 100, N_("must be between 0 and 100 %")],
  objective_off_track_mid_cycle: [0, 1, N_("must be between 0 and 1 (a share of the cycle)")],
  scenario_trigger_holds: [0, 1, N_("must be between 0 and 1 (a probability)")],
};

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "risks:edit");
  const formData = await request.formData();
  return answerForm(
    formData,
    RiskRuleFormSchema,
    ({ ruleId, threshold, enabled }) => {
      const rule = listRiskRules(db).find((r) => r.id === ruleId);
      if (!rule) return fieldError(formData, "ruleId", serverT("no such rule", { ns: "risks" }), "rule");
      const [lo, hi, msg] = LIMITS[rule.kind];
      if (threshold < lo || threshold > hi) return fieldError(formData, "threshold", serverT(msg, { ns: "risks" }), "rule");
      updateRiskRule(db, user.id, rule.id, { threshold, enabled });
      // server/app.js re-evaluates the rules with the new threshold before this answer is sent (decision 600)
      return {
        status: "ok",
        intent: "rule",
        message: serverT("Rule “{{rule}}” saved.", { ns: "risks", rule: serverT(RULE_KIND_LABELS[rule.kind], { ns: "risks" }) }),
      } satisfies FormReply;
    },
    { replyTo: "rule" },
  );
}

function RuleForm({ rule, reply, canEdit }: { rule: RiskRuleRow; reply: unknown; canEdit: boolean }) {
  const navigation = useNavigation();
  const { t } = useTranslation("risks");
  const busy = navigation.state === "submitting" && navigation.formData?.get("ruleId") === String(rule.id);
  // the reply of a refused post belongs to the rule it names: its input comes back there, box included
  const kept = isErrorReply(reply, "rule") && reply.values.ruleId === String(rule.id) ? reply.values : null;
  const errors = kept ? fieldErrorsOf(reply, "threshold", "rule") : undefined;
  const id = `rule-${rule.id}`;
  return (
    <Form method="post" className="rule-form">
      <input type="hidden" name="intent" value="rule" />
      <input type="hidden" name="ruleId" value={rule.id} />
      <div className="field">
        <label className="field__label" htmlFor={`${id}-threshold`}>
          {t("Threshold ({{unit}})", { unit: t(RULE_THRESHOLD_UNITS[rule.kind]) })}
        </label>
        <input
          id={`${id}-threshold`}
          name="threshold"
          type="number"
          step="any"
          className="field__control"
          defaultValue={kept ? kept.threshold : rule.threshold}
          disabled={!canEdit}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${id}-error` : undefined}
        />
        {errors ? (
          <p className="field__error" id={`${id}-error`}>
            {errors.join(", ")}
          </p>
        ) : null}
      </div>
      <div className="field field--checkbox">
        <div className="field__checkbox-row">
          <input id={`${id}-enabled`} type="checkbox" name="enabled" defaultChecked={kept ? "enabled" in kept : rule.enabled} disabled={!canEdit} />
          <label className="field__label" htmlFor={`${id}-enabled`}>
            {t(TEXT.enabled)}
          </label>
        </div>
      </div>
      {canEdit ? (
        <Button variant="secondary" pending={busy} pendingLabel={t(TEXT.saving)}>
          {t(TEXT.save)}
        </Button>
      ) : null}
    </Form>
  );
}

export default function RiskRules() {
  const { rules, findings, error, raised } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const user = useOptionalUser();
  const canEdit = can(user, "risks:edit");
  const { t } = useTranslation("risks");
  const formatting = useFormatting();
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} eyebrow={<Link to="/risks">{t(TEXT.back)}</Link>} />
      <p className="muted">{t(TEXT.when)}</p>
      {!canEdit ? <p className="muted">{t(TEXT.readOnly)}</p> : null}
      <ReplyMessage reply={reply} show="ok" />
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
      {rules.map((rule) => {
        const mine = findings.filter((f) => f.ruleId === rule.id);
        return (
          <section key={rule.id} className="panel" aria-labelledby={`rule-title-${rule.id}`}>
            <h2 id={`rule-title-${rule.id}`}>
              {t(RULE_KIND_LABELS[rule.kind])}{" "}
              <Tooltip
                label={t("About {{rule}}", { rule: t(RULE_KIND_LABELS[rule.kind]) })}
                content={
                  <>
                    {t(FORMULAS[rule.kind].formula)} {t("Window: {{window}}", { window: t(FORMULAS[rule.kind].window) })}
                  </>
                }
              />{" "}
              {!rule.enabled ? <Badge tone="neutral">{t(TEXT.disabled)}</Badge> : null}
            </h2>
            <RuleForm rule={rule} reply={reply} canEdit={canEdit} />
            <h3 className="h4">{t(TEXT.now)}</h3>
            {mine.length === 0 ? (
              <p className="muted">{t(TEXT.noSubjects)}</p>
            ) : (
              <ul className="rule-findings">
                {mine.map((f) => {
                  const risk = raised.find((r) => r.raisedByRuleKind === f.kind && r.raisedSubject === f.subject);
                  return (
                    <li key={f.subject}>
                      <Badge tone={f.triggered ? "bad" : "good"}>{f.triggered ? t(TEXT.triggered) : t(TEXT.notTriggered)}</Badge>{" "}
                      {localizeRuleText(f.message, f.kind, t, formatting.locale)}
                      {f.triggered && risk ? (
                        <>
                          {" "}
                          <Link to={`/risks/${risk.id}`}>{t(TEXT.openRisk)}</Link>
                        </>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </>
  );
}
