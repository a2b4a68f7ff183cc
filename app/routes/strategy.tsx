import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { assertPermission, requireUser } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Field, SelectField, TextareaField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { useRootData } from "~/hooks/root-data";
import { formatDate } from "~/lib/format";
import { fieldErrorsOf, isErrorReply, valueOf, type FormReply } from "~/lib/forms";
import { badRequest, fieldError, parseForm, unknownIntent } from "~/lib/forms.server";
import { formatGateValue, humanUnitLabel, toHumanUnits } from "~/lib/metrics/gate-units";
import { MILESTONE_COMPARISONS, MILESTONE_STATE_LABELS, MILESTONE_STATUSES, timelinePosition, type MilestoneState } from "~/lib/metrics/strategy";
import { milestoneDeleteSchema, milestoneSchema, planTargetDeleteSchema, planTargetSchema } from "~/lib/schemas/strategy.server";
import { parseSearchParams } from "~/lib/url-params.server";
import { idSchema } from "~/lib/validation.server";
import { gateMetricOptions, isKnownMetricId, MetricContext } from "~/models/metrics.server";
import {
  createMilestone,
  deleteMilestone,
  deletePlanTarget,
  getMilestone,
  getMilestoneViews,
  getPlanView,
  planYearProblem,
  setPlanTarget,
  updateMilestone,
} from "~/models/strategy.server";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Multi-year plan",
  description: "Yearly targets on catalogue figures, plan against actual, and the milestones on the way.",
  emptyPlan: "No yearly target yet",
  emptyPlanBody: "Set one below: a catalogue metric (ARR, paying customers, headcount…), a year and the value planned for its end.",
  emptyMilestones: "No milestone yet",
  whoMay: "The CEO.",
} as const;

export const meta: MetaFunction = () => [{ title: "Multi-year plan · Strategy Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const db = getDb();
  const { data: params } = parseSearchParams(new URL(request.url), z.object({ milestone: idSchema.optional() }));
  const ctx = new MetricContext(db);
  const mayEdit = can(user, "plans:edit");
  return {
    plan: getPlanView(ctx),
    milestones: getMilestoneViews(ctx),
    today: ctx.today,
    metricOptions: mayEdit ? gateMetricOptions(ctx) : [],
    editing: mayEdit && params.milestone !== undefined ? getMilestone(db, params.milestone) : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  assertPermission(user, "plans:edit");
  const db = getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  const ctx = new MetricContext(db);
  const known = (id: string) => isKnownMetricId(ctx, id);
  if (intent === "target") {
    const parsed = parseForm(formData, planTargetSchema(known), "target");
    if (!parsed.ok) return badRequest(parsed.reply);
    const problem = planYearProblem(db, parsed.data.year);
    if (problem) return fieldError(formData, "year", problem, "target");
    setPlanTarget(db, user.id, parsed.data);
    return { status: "ok", intent: "target", message: "Yearly target saved." } satisfies FormReply;
  }
  if (intent === "delete-target") {
    const parsed = parseForm(formData, planTargetDeleteSchema, "delete-target");
    if (!parsed.ok) return badRequest(parsed.reply);
    if (!deletePlanTarget(db, user.id, parsed.data.targetId)) return fieldError(formData, "targetId", "no such target", "delete-target");
    return { status: "ok", intent: "delete-target", message: "Yearly target removed." } satisfies FormReply;
  }
  if (intent === "milestone") {
    const parsed = parseForm(formData, milestoneSchema(known), "milestone");
    if (!parsed.ok) return badRequest(parsed.reply);
    const { milestoneId, input } = parsed.data;
    if (milestoneId !== null) {
      if (!updateMilestone(db, user.id, milestoneId, input)) return fieldError(formData, "milestoneId", "no such milestone", "milestone");
    } else createMilestone(db, user.id, input);
    return { status: "ok", intent: "milestone", message: `Milestone “${input.title}” saved.` } satisfies FormReply;
  }
  if (intent === "delete-milestone") {
    const parsed = parseForm(formData, milestoneDeleteSchema, "delete-milestone");
    if (!parsed.ok) return badRequest(parsed.reply);
    if (!deleteMilestone(db, user.id, parsed.data.milestoneId)) return fieldError(formData, "milestoneId", "no such milestone", "delete-milestone");
    return { status: "ok", intent: "delete-milestone", message: "Milestone removed." } satisfies FormReply;
  }
  return unknownIntent(formData);
}

const STATE_TONE: Record<MilestoneState, BadgeTone> = { achieved: "good", upcoming: "neutral", overdue: "off-track", missed: "bad", no_data: "neutral" };

export default function Strategy() {
  const { plan, milestones, today, metricOptions, editing } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { user, formatting: fmt } = useRootData();
  const mayEdit = can(user, "plans:edit");
  const v = (name: string, fb: string | number | null | undefined, intent: string) => valueOf(isErrorReply(reply, intent) ? reply : null, name, fb, intent);
  const err = (name: string, intent: string) => fieldErrorsOf(reply, name, intent);
  const first = milestones[0]?.dueDate ?? today;
  const last = milestones.at(-1)?.dueDate ?? today;
  const from = first < today ? first : today;
  const to = last > today ? last : today;
  const e = editing;
  return (
    <>
      <PageHeader title={TEXT.title} description={TEXT.description} />
      <ReplyMessage reply={reply} show="ok" />
      <Card title="Plan against actual">
        {plan.rows.length === 0 ? (
          <EmptyState title={TEXT.emptyPlan} whoMay={TEXT.whoMay}>
            <p>{TEXT.emptyPlanBody}</p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="simple" data-testid="plan-table">
              <caption>
                Targets are for the end of each year; the actual is today's figure, and the gap is against this year's target ({plan.currentYear}).
              </caption>
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col" className="dl-num">
                    Actual today
                  </th>
                  {plan.years.map((y) => (
                    <th scope="col" className="dl-num" key={y}>
                      {y}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {plan.rows.map((r) => (
                  <tr key={r.metricId} data-plan-metric={r.metricId}>
                    <th scope="row">{r.label}</th>
                    <td className="dl-num" data-metric={r.metricId} data-value={r.actual ?? ""}>
                      {formatGateValue(r.metricId, r.actual, fmt)}
                    </td>
                    {r.years.map((y) => (
                      <td className="dl-num" key={y.year}>
                        {y.target === null ? (
                          "—"
                        ) : (
                          <>
                            {formatGateValue(r.metricId, y.target, fmt)}
                            {y.gap !== null ? (
                              <div>
                                <Badge tone={y.met ? "good" : "off-track"}>
                                  {y.met ? "on plan" : "gap"} {formatGateValue(r.metricId, y.gap, fmt)}
                                </Badge>
                              </div>
                            ) : null}
                            {mayEdit && y.targetId !== null ? (
                              <Form method="post" className="inline-form">
                                <input type="hidden" name="intent" value="delete-target" />
                                <input type="hidden" name="targetId" value={y.targetId} />
                                <Button size="sm" variant="ghost">
                                  Remove
                                  <span className="visually-hidden">
                                    {" "}
                                    {r.label} {y.year}
                                  </span>
                                </Button>
                              </Form>
                            ) : null}
                          </>
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {mayEdit ? (
          <Form method="post" className="form-grid" noValidate>
            <input type="hidden" name="intent" value="target" />
            <SelectField
              label="Metric"
              name="metricId"
              required
              placeholder="Choose"
              options={metricOptions.map((m) => ({ value: m.id, label: m.label }))}
              defaultValue={v("metricId", "", "target")}
              errors={err("metricId", "target")}
            />
            <Field
              label="Year"
              name="year"
              required
              inputMode="numeric"
              maxLength={4}
              defaultValue={v("year", plan.currentYear, "target")}
              errors={err("year", "target")}
            />
            <Field
              label="Target"
              name="value"
              required
              inputMode="decimal"
              hint="k€ for money, % for rates, a count for customers or people."
              defaultValue={v("value", "", "target")}
              errors={err("value", "target")}
            />
            <Field label="Note" name="note" maxLength={500} defaultValue={v("note", "", "target")} errors={err("note", "target")} />
            <div>
              <Button variant="primary">Set target</Button>
            </div>
          </Form>
        ) : null}
      </Card>
      <Card title="Milestones">
        {milestones.length === 0 ? (
          <EmptyState title={TEXT.emptyMilestones} whoMay={TEXT.whoMay}>
            <p>Add one below: a title, a due date, and either a condition on a catalogue metric or a status you set with evidence.</p>
          </EmptyState>
        ) : (
          <ol className="milestone-timeline plain-list" data-testid="milestones">
            <li className="milestone-timeline__today" style={{ ["--at" as string]: timelinePosition(today, from, to) }}>
              Today, {formatDate(today, "UTC", fmt.locale)}
            </li>
            {milestones.map((m) => (
              <li key={m.id} data-milestone={m.title} style={{ ["--at" as string]: timelinePosition(m.dueDate, from, to) }}>
                <strong>{formatDate(m.dueDate, "UTC", fmt.locale)}</strong> — {m.title}{" "}
                <Badge tone={STATE_TONE[m.state]}>{MILESTONE_STATE_LABELS[m.state]}</Badge>
                <div className="muted">
                  {m.metricId && m.comparison && m.value !== null ? (
                    <>
                      {m.metricLabel} {m.comparison.replace(">=", "≥").replace("<=", "≤")} {formatGateValue(m.metricId, m.value, fmt)}; today{" "}
                      <span data-metric={m.metricId} data-value={m.current ?? ""}>
                        {formatGateValue(m.metricId, m.current, fmt, m.value)}
                      </span>
                    </>
                  ) : (
                    <>Set by a person{m.updatedByName ? ` (${m.updatedByName})` : ""}</>
                  )}
                  {m.evidence ? ` · evidence: ${m.evidence}` : ""}
                </div>
                {mayEdit ? (
                  <div className="inline-actions">
                    <Link to={`/strategy?milestone=${m.id}#milestone-form`}>
                      Edit<span className="visually-hidden"> {m.title}</span>
                    </Link>
                    <Form method="post">
                      <input type="hidden" name="intent" value="delete-milestone" />
                      <input type="hidden" name="milestoneId" value={m.id} />
                      <Button size="sm" variant="ghost">
                        Remove<span className="visually-hidden"> {m.title}</span>
                      </Button>
                    </Form>
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
      {mayEdit ? (
        <Card title={e ? `Edit “${e.title}”` : "Add a milestone"} id="milestone-form">
          <Form method="post" className="form-grid" noValidate key={e?.id ?? "new"}>
            <input type="hidden" name="intent" value="milestone" />
            {e ? <input type="hidden" name="milestoneId" value={e.id} /> : null}
            <Field label="Title" name="title" required maxLength={200} defaultValue={v("title", e?.title, "milestone")} errors={err("title", "milestone")} />
            <Field
              label="Due date"
              name="dueDate"
              type="date"
              required
              defaultValue={v("dueDate", e?.dueDate, "milestone")}
              errors={err("dueDate", "milestone")}
            />
            <SelectField
              label="Linked metric"
              name="metricId"
              placeholder="None: a person sets the status"
              options={metricOptions.map((m) => ({ value: m.id, label: m.label }))}
              defaultValue={v("metricId", e?.metricId, "milestone")}
              errors={err("metricId", "milestone")}
            />
            <SelectField
              label="Comparison"
              name="comparison"
              placeholder="Choose"
              options={MILESTONE_COMPARISONS.map((c) => ({ value: c, label: c.replace(">=", "≥").replace("<=", "≤") }))}
              defaultValue={v("comparison", e?.comparison, "milestone")}
              errors={err("comparison", "milestone")}
            />
            <Field
              label="Value"
              name="value"
              inputMode="decimal"
              hint={e?.metricId ? `In ${humanUnitLabel(e.metricId, fmt.currency) || "the metric's unit"}.` : "k€ for money, % for rates."}
              defaultValue={v("value", e?.metricId && e.value !== null ? toHumanUnits(e.metricId, e.value) : "", "milestone")}
              errors={err("value", "milestone")}
            />
            <SelectField
              label="Status (manual milestones)"
              name="status"
              required
              options={MILESTONE_STATUSES.map((s) => ({ value: s, label: s }))}
              defaultValue={v("status", e?.status ?? "pending", "milestone")}
              errors={err("status", "milestone")}
            />
            <TextareaField
              label="Evidence"
              name="evidence"
              rows={2}
              className="form-grid__full"
              defaultValue={v("evidence", e?.evidence, "milestone")}
              errors={err("evidence", "milestone")}
            />
            <div>
              <Button variant="primary">{e ? "Save milestone" : "Add milestone"}</Button> {e ? <Link to="/strategy">Cancel</Link> : null}
            </div>
          </Form>
        </Card>
      ) : null}
    </>
  );
}
