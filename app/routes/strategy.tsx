import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { MilestoneTimeline } from "~/components/strategy/milestone-timeline";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Field, replyField, SelectField, TextareaField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { PostForm } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { EditLink, RowActionForm } from "~/components/ui/row-form";
import { SimpleTable } from "~/components/ui/simple-table";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatDate, formatMonth } from "~/lib/format";
import { type FormReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { metricLabelText } from "~/lib/metrics/catalogue";
import { formatGateValue, humanUnitLabel, toHumanUnits } from "~/lib/metrics/gate-units";
import { MILESTONE_COMPARISONS, MILESTONE_STATE_LABELS, MILESTONE_STATUSES, type MilestoneState } from "~/lib/metrics/strategy";
import { milestoneDeleteSchema, milestoneSchema, planTargetDeleteSchema, planTargetSchema, StrategyParamsSchema } from "~/lib/schemas/strategy.server";
import { parseSearchParams } from "~/lib/url-params.server";
import { MetricContext } from "~/models/metrics/context.server";
import { gateMetricOptions } from "~/models/metrics/options.server";
import { isKnownMetricId } from "~/models/metrics/readings.server";
import {
  createMilestone,
  deleteMilestone,
  deletePlanTarget,
  getMilestone,
  getMilestoneTimeline,
  getPlanView,
  planYearProblem,
  setPlanTarget,
  updateMilestone,
} from "~/models/strategy.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Multi-year plan"),
  description: N_("Yearly targets on catalogue figures, plan against actual, and the milestones on the way."),
  emptyPlan: N_("No yearly target yet"),
  emptyPlanBody: N_("Set one below: a catalogue metric (ARR, paying customers, headcount…), a year and the value planned for its end."),
  emptyMilestones: N_("No milestone yet"),
  whoMay: N_("The CEO."),
} as const;

export const { handle, meta } = routeHead(["plans", "metrics"], N_("Multi-year plan", "plans"));

const MILESTONE_STATUS_LABELS: Record<(typeof MILESTONE_STATUSES)[number], string> = { pending: N_("pending"), done: N_("done"), missed: N_("missed") };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db } = await pageRequest(request);
  const { data: params } = parseSearchParams(new URL(request.url), StrategyParamsSchema);
  const ctx = new MetricContext(db);
  const mayEdit = can(user, "plans:edit");
  return {
    plan: getPlanView(ctx),
    timeline: getMilestoneTimeline(ctx),
    today: ctx.today,
    metricOptions: mayEdit ? gateMetricOptions(ctx) : [],
    editing: mayEdit && params.milestone !== undefined ? getMilestone(db, params.milestone) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "plans:edit");
  const formData = await request.formData();
  const ctx = new MetricContext(db);
  const known = (id: string) => isKnownMetricId(ctx, id);
  return dispatchIntent(formData, [
    whenIntent("target", planTargetSchema(known), (target) => {
      const problem = planYearProblem(db, target.year);
      if (problem) return fieldError(formData, "year", problem, "target");
      setPlanTarget(db, user.id, target);
      return { status: "ok", intent: "target", message: serverT("Yearly target saved.", { ns: "plans" }) } satisfies FormReply;
    }),
    whenIntent("delete-target", planTargetDeleteSchema, ({ targetId }) => {
      if (!deletePlanTarget(db, user.id, targetId)) return fieldError(formData, "targetId", N_("no such target", "validation"), "delete-target");
      return { status: "ok", intent: "delete-target", message: serverT("Yearly target removed.", { ns: "plans" }) } satisfies FormReply;
    }),
    whenIntent("milestone", milestoneSchema(known), ({ milestoneId, input }) => {
      if (milestoneId !== null) {
        if (!updateMilestone(db, user.id, milestoneId, input)) return fieldError(formData, "milestoneId", N_("no such milestone", "validation"), "milestone");
      } else createMilestone(db, user.id, input);
      return { status: "ok", intent: "milestone", message: serverT("Milestone “{{title}}” saved.", { ns: "plans", title: input.title }) } satisfies FormReply;
    }),
    whenIntent("delete-milestone", milestoneDeleteSchema, ({ milestoneId }) => {
      if (!deleteMilestone(db, user.id, milestoneId)) return fieldError(formData, "milestoneId", N_("no such milestone", "validation"), "delete-milestone");
      return { status: "ok", intent: "delete-milestone", message: serverT("Milestone removed.", { ns: "plans" }) } satisfies FormReply;
    }),
  ]);
}

const STATE_TONE: Record<MilestoneState, BadgeTone> = { achieved: "good", upcoming: "neutral", overdue: "off-track", missed: "bad", no_data: "neutral" };

export default function Strategy() {
  const { plan, timeline, today, metricOptions, editing } = useLoaderData<typeof loader>();
  const milestones = timeline.milestones;
  const reply = useActionData<typeof action>();
  const { user, formatting: fmt } = useRootData();
  const { t } = useTranslation("plans");
  const mayEdit = can(user, "plans:edit");
  const e = editing;
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
      <ReplyMessage reply={reply} show="ok" />
      <Card title={t("Plan against actual")}>
        {plan.rows.length === 0 ? (
          <EmptyState title={t(TEXT.emptyPlan)} whoMay={t(TEXT.whoMay)}>
            <p>{t(TEXT.emptyPlanBody)}</p>
          </EmptyState>
        ) : (
          <SimpleTable
            caption={t(
              "Targets are for the end of each year. A past year shows the figure it ended on, read from the data (the last closed month of the year for finance, 31 December for headcount); the current year ({{year}}) shows today's figure; the gap is actual − target.",
              { year: plan.currentYear },
            )}
            captionVisible
            testId="plan-table"
            columns={[t("Metric"), { label: t("Actual today"), num: true }, ...plan.years.map((y) => ({ label: y, num: true, key: String(y) }))]}
          >
            {plan.rows.map((r) => (
              <tr key={r.metricId} data-plan-metric={r.metricId}>
                <th scope="row">{metricLabelText(t, r.metricId, r.label)}</th>
                <td className="dl-num" data-metric={r.metricId} data-value={r.actual ?? ""}>
                  {formatGateValue(r.metricId, r.actual, fmt, undefined, t)}
                </td>
                {r.years.map((y) => (
                  <td className="dl-num" key={y.year} data-plan-year={y.year} data-year-kind={y.kind}>
                    {y.target === null ? <div className="muted">{t("no target")}</div> : <div>{formatGateValue(r.metricId, y.target, fmt, undefined, t)}</div>}
                    {y.kind === "past" ? (
                      <div
                        className="muted plan-actual"
                        data-testid="plan-year-actual"
                        data-metric={r.metricId}
                        data-value={y.actual ?? ""}
                        data-as-of={y.asOf ?? ""}
                      >
                        {y.actual === null ? t("no data") : t("ended at {{value}}", { value: formatGateValue(r.metricId, y.actual, fmt, undefined, t) })}
                        {y.actual !== null && y.asOf && y.asOf.length === 7 && y.asOf !== `${y.year}-12` ? ` (${formatMonth(y.asOf, fmt.locale)})` : ""}
                      </div>
                    ) : null}
                    {y.gap !== null ? (
                      <div>
                        <Badge tone={y.met ? "good" : "off-track"}>
                          {y.met ? t("on plan") : t("gap")} {formatGateValue(r.metricId, y.gap, fmt, undefined, t)}
                        </Badge>
                      </div>
                    ) : null}
                    {mayEdit && y.targetId !== null ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="delete-target" />
                        <input type="hidden" name="targetId" value={y.targetId} />
                        <Button size="sm" variant="ghost">
                          {t("Remove")}
                          <span className="visually-hidden">
                            {" "}
                            {metricLabelText(t, r.metricId, r.label)} {y.year}
                          </span>
                        </Button>
                      </Form>
                    ) : null}
                  </td>
                ))}
              </tr>
            ))}
          </SimpleTable>
        )}
        {mayEdit ? (
          <PostForm hidden={{ intent: "target" }} submit={{ label: t("Set target") }}>
            <SelectField
              label={t("Metric")}
              {...replyField(reply, "metricId", "", "target")}
              required
              placeholder={t("Choose")}
              options={metricOptions.map((m) => ({ value: m.id, label: metricLabelText(t, m.id, m.label) }))}
            />
            <Field label={t("Year")} {...replyField(reply, "year", plan.currentYear, "target")} required inputMode="numeric" maxLength={4} />
            <Field
              label={t("Target")}
              {...replyField(reply, "value", "", "target")}
              required
              inputMode="decimal"
              hint={t("k€ for money, % for rates, a count for customers or people.")}
            />
            <Field label={t("Note")} {...replyField(reply, "note", "", "target")} maxLength={500} />
          </PostForm>
        ) : null}
      </Card>
      <Card title={t("Milestones")}>
        {milestones.length === 0 ? (
          <EmptyState title={t(TEXT.emptyMilestones)} whoMay={t(TEXT.whoMay)}>
            <p>{t("Add one below: a title, a due date, and either a condition on a catalogue metric or a status you set with evidence.")}</p>
          </EmptyState>
        ) : (
          <>
            <MilestoneTimeline layout={timeline.layout} todayLabel={t("Today, {{date}}", { date: formatDate(today, "UTC", fmt.locale) })} />
            <ol
              className="milestone-list plain-list"
              data-testid="milestones"
              aria-label={t("Milestones in date order; today is {{date}}", { date: formatDate(today, "UTC", fmt.locale) })}
            >
              {milestones.map((m, i) => (
                <li key={m.id} data-milestone={m.title} data-state={m.state}>
                  <span className="milestone-list__num" aria-hidden="true">
                    {i + 1}.
                  </span>
                  <strong>{formatDate(m.dueDate, "UTC", fmt.locale)}</strong> — {m.title}{" "}
                  <Badge tone={STATE_TONE[m.state]}>{t(MILESTONE_STATE_LABELS[m.state])}</Badge>
                  <div className="muted">
                    {m.metricId && m.comparison && m.value !== null ? (
                      <>
                        {m.metricLabel ? metricLabelText(t, m.metricId, m.metricLabel) : m.metricLabel} {m.comparison.replace(">=", "≥").replace("<=", "≤")}{" "}
                        {formatGateValue(m.metricId, m.value, fmt, undefined, t)}; {t("today")}{" "}
                        <span data-metric={m.metricId} data-value={m.current ?? ""}>
                          {formatGateValue(m.metricId, m.current, fmt, m.value, t)}
                        </span>
                      </>
                    ) : (
                      <>{m.updatedByName ? t("Set by a person ({{name}})", { name: m.updatedByName }) : t("Set by a person")}</>
                    )}
                    {m.evidence ? ` · ${t("evidence: {{evidence}}", { evidence: m.evidence })}` : ""}
                  </div>
                  {mayEdit ? (
                    <div className="inline-actions">
                      <EditLink to={`/strategy?milestone=${m.id}#milestone-form`} label={t("Edit")} rowName={m.title} />
                      <RowActionForm
                        fields={{ intent: "delete-milestone", milestoneId: m.id }}
                        size="sm"
                        variant="ghost"
                        label={t("Remove")}
                        rowName={m.title}
                      />
                    </div>
                  ) : null}
                </li>
              ))}
            </ol>
          </>
        )}
      </Card>
      {mayEdit ? (
        <Card title={e ? t("Edit “{{title}}”", { title: e.title }) : t("Add a milestone")} id="milestone-form">
          <Form method="post" className="form-grid" noValidate key={e?.id ?? "new"}>
            <input type="hidden" name="intent" value="milestone" />
            {e ? <input type="hidden" name="milestoneId" value={e.id} /> : null}
            <Field label={t("Title")} {...replyField(reply, "title", e?.title, "milestone")} required maxLength={200} />
            <Field label={t("Due date")} {...replyField(reply, "dueDate", e?.dueDate, "milestone")} type="date" required />
            <SelectField
              label={t("Linked metric")}
              {...replyField(reply, "metricId", e?.metricId, "milestone")}
              placeholder={t("None: a person sets the status")}
              options={metricOptions.map((m) => ({ value: m.id, label: metricLabelText(t, m.id, m.label) }))}
            />
            <SelectField
              label={t("Comparison")}
              {...replyField(reply, "comparison", e?.comparison, "milestone")}
              placeholder={t("Choose")}
              options={MILESTONE_COMPARISONS.map((c) => ({ value: c, label: c.replace(">=", "≥").replace("<=", "≤") }))}
            />
            <Field
              label={t("Value")}
              {...replyField(reply, "value", e?.metricId && e.value !== null ? toHumanUnits(e.metricId, e.value) : "", "milestone")}
              inputMode="decimal"
              hint={
                e?.metricId
                  ? t("In {{unit}}.", { unit: humanUnitLabel(e.metricId, fmt.currency, t) || t("the metric's unit") })
                  : t("k€ for money, % for rates.")
              }
            />
            <SelectField
              label={t("Status (manual milestones)")}
              {...replyField(reply, "status", e?.status ?? "pending", "milestone")}
              required
              options={MILESTONE_STATUSES.map((s) => ({ value: s, label: t(MILESTONE_STATUS_LABELS[s]) }))}
            />
            <TextareaField label={t("Evidence")} {...replyField(reply, "evidence", e?.evidence, "milestone")} rows={2} className="form-grid__full" />
            <div>
              <Button variant="primary">{e ? t("Save milestone") : t("Add milestone")}</Button> {e ? <Link to="/strategy">{t("Cancel")}</Link> : null}
            </div>
          </Form>
        </Card>
      ) : null}
    </>
  );
}
