import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import financeCss from "~/components/finance/finance.css";
import {
  dateText,
  monthText,
  runwayText,
  ScenarioCashChart,
  triggerHumanValue,
  TriggerBadge,
  triggerText,
  triggerUnitLabel,
} from "~/components/scenarios/scenario-views";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { CheckboxField, Field, replyField, SelectField, TextareaField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { EditLink, RowActionForm } from "~/components/ui/row-form";
import { SimpleTable } from "~/components/ui/simple-table";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatMoney, formatNumber, formatPercent } from "~/lib/format";
import { checkedOf, fieldErrorsOf, isErrorReply, valueOf, type FormReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { metricLabelText } from "~/lib/metrics/catalogue";
import { FORMULAS, FUNDING_SLOTS, TRIGGER_COMPARISONS } from "~/lib/metrics/scenarios";
import { ScenariosParamsSchema, scenarioDeleteSchema, scenarioFormSchema } from "~/lib/schemas/scenarios.server";
import { parseSearchParams } from "~/lib/url-params.server";
import { MetricContext } from "~/models/metrics/context.server";
import { gateMetricOptions } from "~/models/metrics/options.server";
import { isKnownMetricId } from "~/models/metrics/readings.server";
import { compareScenarios, createScenario, deleteScenario, getScenario, scenarioNameTaken, updateScenario } from "~/models/scenarios.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Scenarios"),
  description: N_("What each scenario does to cash, runway and break-even, beside today's forecast — and which one today's figures say we are in."),
  emptyTitle: N_("No scenario yet"),
  emptyBody: N_(
    "Add one below: a probability, assumptions over the base plan (growth, churn, hiring speed or freeze, cost changes, funding) and a trigger on a live figure.",
  ),
  whoMay: N_("The CEO."),
  noFinance: N_("No closed month yet: scenarios run over today's cash forecast, which needs a finance snapshot."),
  onTrack: N_("Today's figures"),
  none: N_("none"),
  notWithin: N_("not within 10 years"),
} as const;

export const { handle, meta } = routeHead(["plans", "metrics"], N_("Scenarios", "plans"));
export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db } = await pageRequest(request);
  const { data: params } = parseSearchParams(new URL(request.url), ScenariosParamsSchema);
  const ctx = new MetricContext(db);
  const comparison = compareScenarios(ctx, user);
  const mayEdit = can(user, "plans:edit");
  const editing = mayEdit && params.edit !== undefined ? getScenario(db, params.edit) : null;
  return { comparison, editing, metricOptions: mayEdit ? gateMetricOptions(ctx) : [] };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "plans:edit");
  const formData = await request.formData();
  const metrics = new MetricContext(db);
  const noSuchScenario = (replyTo: string) => fieldError(formData, "scenarioId", N_("no such scenario", "validation"), replyTo);
  return dispatchIntent(formData, [
    whenIntent("delete", scenarioDeleteSchema, ({ scenarioId }) => {
      if (!deleteScenario(db, user.id, scenarioId)) return noSuchScenario("delete");
      return { status: "ok", intent: "delete", message: serverT("Scenario deleted.", { ns: "plans" }) } satisfies FormReply;
    }),
    whenIntent(
      ["create", "update"],
      scenarioFormSchema((id) => isKnownMetricId(metrics, id)),
      ({ scenarioId, input }, { intent }) => {
        if (intent === "update" && (scenarioId === null || !getScenario(db, scenarioId))) return noSuchScenario("scenario");
        if (scenarioNameTaken(db, input.name, scenarioId))
          return fieldError(formData, "name", N_("is already the name of a scenario", "validation"), "scenario");
        if (intent === "update") {
          if (scenarioId === null || !updateScenario(db, user.id, scenarioId, input)) return noSuchScenario("scenario");
          return { status: "ok", intent: "scenario", message: serverT("Scenario {{name}} saved.", { ns: "plans", name: input.name }) } satisfies FormReply;
        }
        createScenario(db, user.id, input);
        return { status: "ok", intent: "scenario", message: serverT("Scenario {{name}} added.", { ns: "plans", name: input.name }) } satisfies FormReply;
      },
      { replyTo: "scenario" },
    ),
  ]);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

const COMPARISON_OPTIONS = TRIGGER_COMPARISONS.map((c) => ({
  value: c,
  label: c === "between" ? N_("between (a range)") : c.replace(">=", "≥").replace("<=", "≤"),
}));

function pct(x: number | null | undefined): string {
  return x == null ? "" : String(Math.round(x * 100 * 1000) / 1000);
}

function ScenarioForm({ editing, metricOptions, reply }: { editing: LoaderData["editing"]; metricOptions: LoaderData["metricOptions"]; reply: unknown }) {
  const { formatting } = useRootData();
  const { t } = useTranslation("plans");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") !== "delete";
  const e = editing;
  // after a successful save the form starts again empty (or on the scenario being edited)
  const r = isErrorReply(reply, "scenario") ? reply : null;
  const v = (name: string, fallback: string | number | null | undefined) => valueOf(r, name, fallback, "scenario");
  const err = (name: string) => fieldErrorsOf(r, name, "scenario");
  /** a field's name, the value to show (as typed after a refused save, else the scenario's) and its errors */
  const field = (name: string, fallback: string | number | null | undefined) => replyField(r, name, fallback, "scenario");
  const metric = v("triggerMetric", e?.triggerMetric ?? "");
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={e ? "update" : "create"} />
      <div className="form-grid">
        {e ? <input type="hidden" name="scenarioId" value={e.id} /> : null}
        <Field label={t("Name")} {...field("name", e?.name)} required maxLength={80} />
        <Field label={t("Probability (%)")} {...field("probability", pct(e?.probability))} required inputMode="decimal" />
        <TextareaField label={t("Description")} {...field("description", e?.description)} rows={2} />
        <Field
          label={t("Monthly revenue growth (%)")}
          {...field("revenueGrowth", pct(e?.revenueGrowth))}
          inputMode="decimal"
          hint={t("Empty: today's growth g.")}
        />
        <Field label={t("Extra monthly churn (points)")} {...field("extraChurn", pct(e?.extraChurn))} inputMode="decimal" hint={t("Taken off the growth.")} />
        <Field
          label={t("Hiring speed (×)")}
          {...field("hiringSpeed", e?.hiringSpeed ?? 1)}
          inputMode="decimal"
          hint={t("1 as planned, 2 twice as fast, 0.5 half as fast.")}
        />
        <Field
          label={t("Hiring freeze from")}
          {...field("hiringFreezeFrom", e?.hiringFreezeFrom)}
          type="month"
          hint={t("No hire starts in or after this month.")}
        />
        <Field label={t("Payroll cost change (%)")} {...field("costChangePayroll", pct(e?.costChangePayroll ?? 0))} inputMode="decimal" />
        <Field label={t("IT cost change (%)")} {...field("costChangeIt", pct(e?.costChangeIt ?? 0))} inputMode="decimal" />
        <Field label={t("Other cost change (%)")} {...field("costChangeOther", pct(e?.costChangeOther ?? 0))} inputMode="decimal" />
      </div>
      <fieldset>
        <legend>{t("Funding events")}</legend>
        {Array.from({ length: FUNDING_SLOTS }, (_, n) => {
          const f = e?.funding[n];
          return (
            <div key={n} className="form-grid">
              <Field label={t("Month {{n}}", { n: n + 1 })} {...field(`funding_month_${n}`, f?.month)} type="month" />
              <Field label={t("Amount {{n}} (€)", { n: n + 1 })} {...field(`funding_amount_${n}`, f ? String(f.amountCents / 100) : "")} inputMode="decimal" />
              <Field label={t("What {{n}}", { n: n + 1 })} {...field(`funding_label_${n}`, f?.label)} maxLength={120} />
            </div>
          );
        })}
      </fieldset>
      <fieldset>
        <legend>{t("Trigger")}</legend>
        <div className="form-grid">
          <SelectField
            label={t("Metric")}
            name="triggerMetric"
            placeholder={t("No trigger")}
            options={metricOptions.map((m) => ({ value: m.id, label: metricLabelText(t, m.id, m.label) }))}
            defaultValue={metric}
            errors={err("triggerMetric")}
          />
          <SelectField
            label={t("Comparison")}
            {...field("triggerComparison", e?.triggerComparison)}
            placeholder={t("Choose")}
            options={COMPARISON_OPTIONS.map((o) => (o.value === "between" ? { ...o, label: t(o.label) } : o))}
          />
          <Field
            label={t("Value")}
            {...field("triggerValue", triggerHumanValue(e?.triggerMetric ?? null, e?.triggerValue ?? null))}
            inputMode="decimal"
            hint={
              metric
                ? t("In {{unit}}.", { unit: triggerUnitLabel(metric, formatting.currency, t) || t("the metric's unit") })
                : t("In the metric's unit (k€ for money, % for rates).")
            }
          />
          <Field
            label={t("Upper value (range)")}
            {...field("triggerValue2", triggerHumanValue(e?.triggerMetric ?? null, e?.triggerValue2 ?? null))}
            inputMode="decimal"
          />
          <Field label={t("By")} {...field("triggerBy", e?.triggerBy)} type="date" />
        </div>
        <CheckboxField
          label={t("Raise a risk while the trigger holds")}
          name="raisesRisk"
          defaultChecked={checkedOf(r, "raisesRisk", e?.raisesRisk ?? false, "scenario")}
          errors={err("raisesRisk")}
        />
      </fieldset>
      <TextareaField label={t("Actions (one per line)")} {...field("actions", e?.actions)} rows={4} />
      <div>
        <Button variant="primary" pending={busy} pendingLabel={t("Saving…")}>
          {e ? t("Save scenario") : t("Add scenario")}
        </Button>{" "}
        {e ? <Link to="/scenarios">{t("Cancel")}</Link> : null}
      </div>
    </Form>
  );
}

export default function Scenarios() {
  const { comparison, editing, metricOptions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { user, formatting: fmt } = useRootData();
  const { t } = useTranslation("plans");
  const mayEdit = can(user, "plans:edit");
  const c = comparison;
  const on = c?.scenarios.filter((s) => s.trigger?.on) ?? [];
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
      <ReplyMessage reply={reply} />
      {!c ? (
        <EmptyState title={t("No forecast yet")} whoMay={t("The CEO records finance snapshots.")}>
          <p>{t(TEXT.noFinance)}</p>
        </EmptyState>
      ) : c.scenarios.length === 0 ? (
        <EmptyState title={t(TEXT.emptyTitle)} whoMay={t(TEXT.whoMay)}>
          <p>{t(TEXT.emptyBody)}</p>
        </EmptyState>
      ) : (
        <>
          <Card title={t("Which scenario are we in?")}>
            <p data-testid="scenario-on-track">
              {on.length ? t("On track for {{names}}", { names: on.map((s) => s.name).join(", ") }) : t("No scenario's trigger holds today")}.
            </p>
            <ul className="plain-list">
              {c.scenarios.map((s) => (
                <li key={s.id}>
                  <strong>{s.name}</strong> ({formatPercent(s.probability, 0, fmt.locale)}):{" "}
                  {s.trigger ? (
                    <>
                      <TriggerBadge state={s.trigger.state} /> {triggerText(s.trigger, fmt, t)} — {t(TEXT.onTrack)}:{" "}
                      <span data-metric={s.trigger.metricId} data-value={s.trigger.current ?? ""}>
                        {s.trigger.current === null
                          ? t("no data")
                          : triggerText({ ...s.trigger, comparison: ">=", value: s.trigger.current, by: null }, fmt, t).replace(/ ≥ /, " ")}
                      </span>
                    </>
                  ) : (
                    t("no trigger")
                  )}
                </li>
              ))}
            </ul>
          </Card>
          <Card title={t("Cash, runway and break-even by scenario")}>
            {c.hiringPlanHidden ? (
              <p className="muted">{t("Figures without any hiring plan: the open hiring plan holds salaries your role may not see.")}</p>
            ) : null}
            <ScenarioCashChart base={c.base} scenarios={c.scenarios} fmt={fmt} hiringPlanHidden={c.hiringPlanHidden} />
            <SimpleTable
              testId="scenario-table"
              captionVisible
              caption={
                <>
                  {t("As of {{month}}", { month: monthText(c.asOfMonth, fmt, "") })} — {t(FORMULAS.scenario.label).toLowerCase()}.{" "}
                  <a href="/scenarios.csv">{t("Export CSV")}</a>
                </>
              }
              columns={[
                t("Scenario"),
                { label: t("Probability"), num: true },
                { label: t("Cash in 12 months"), num: true },
                { label: t("Runway"), num: true },
                t("Zero cash"),
                t("Break-even"),
                t("Trigger"),
              ]}
            >
              {[{ id: 0, name: t("Base plan (today's forecast)"), probability: null, figures: c.base, trigger: null }, ...c.scenarios].map((s) => (
                <tr key={s.id} data-scenario={s.name}>
                  <th scope="row">{s.name}</th>
                  <td className="dl-num">{s.probability === null ? "—" : formatPercent(s.probability, 0, fmt.locale)}</td>
                  <td className="dl-num">{formatMoney(s.figures.cash[11]?.cashCents ?? null, fmt) ?? t("no data")}</td>
                  <td className="dl-num" data-value={s.figures.runwayMonths ?? ""}>
                    {runwayText(s.figures.runwayMonths, fmt, t)}
                  </td>
                  <td>{dateText(s.figures.zeroCashDate, fmt, t(TEXT.notWithin))}</td>
                  <td>{monthText(s.figures.breakEvenMonth, fmt, t(TEXT.notWithin))}</td>
                  <td>{s.trigger ? <TriggerBadge state={s.trigger.state} /> : "—"}</td>
                </tr>
              ))}
            </SimpleTable>
          </Card>
          <div className="gates-grid">
            {c.scenarios.map((s) => (
              <section key={s.id} className="panel" aria-labelledby={`scenario-${s.id}`} data-testid="scenario-card">
                <h2 id={`scenario-${s.id}`}>
                  {s.name} <span className="muted">{formatPercent(s.probability, 0, fmt.locale)}</span>
                </h2>
                {s.description ? <p>{s.description}</p> : null}
                <ul className="plain-list">
                  <li>
                    {s.revenueGrowth === null
                      ? t("Revenue growth: today's")
                      : t("Revenue growth: {{rate}} a month", { rate: formatPercent(s.revenueGrowth, 1, fmt.locale) })}
                    {s.extraChurn
                      ? t(", minus {{points}} points of churn", {
                          count: s.extraChurn * 100,
                          points: formatNumber(s.extraChurn * 100, { locale: fmt.locale, digits: 1 }),
                        })
                      : ""}
                  </li>
                  <li>
                    {s.hiringSpeed === 1
                      ? t("Hiring: as planned")
                      : t("Hiring: × {{speed}}", { speed: formatNumber(s.hiringSpeed, { locale: fmt.locale, digits: 2 }) })}
                    {s.hiringFreezeFrom ? t(", frozen from {{month}}", { month: monthText(s.hiringFreezeFrom, fmt, "") }) : ""}
                  </li>
                  {s.costChangePayroll || s.costChangeIt || s.costChangeOther ? (
                    <li>
                      {t("Costs: payroll {{payroll}}, IT {{it}}, other {{other}}", {
                        payroll: formatPercent(s.costChangePayroll, 0, { locale: fmt.locale, signed: true }),
                        it: formatPercent(s.costChangeIt, 0, { locale: fmt.locale, signed: true }),
                        other: formatPercent(s.costChangeOther, 0, { locale: fmt.locale, signed: true }),
                      })}
                    </li>
                  ) : null}
                  {s.funding.map((f, i) => (
                    <li key={i}>
                      {t("Funding: {{amount}} in {{month}}", { amount: formatMoney(f.amountCents, fmt), month: monthText(f.month, fmt, "") })}
                      {f.label ? ` (${f.label})` : ""}
                    </li>
                  ))}
                </ul>
                {s.actions.trim() ? (
                  <>
                    <h3>{t("Actions")}</h3>
                    <ol>
                      {s.actions
                        .split("\n")
                        .filter((a) => a.trim())
                        .map((a, i) => (
                          <li key={i}>{a}</li>
                        ))}
                    </ol>
                  </>
                ) : null}
                {mayEdit ? (
                  <div className="inline-actions">
                    <EditLink to={`/scenarios?edit=${s.id}#scenario-form`} label={t("Edit")} rowName={s.name} />
                    <RowActionForm fields={{ intent: "delete", scenarioId: s.id }} size="sm" variant="ghost" label={t("Delete")} rowName={s.name} />
                  </div>
                ) : null}
              </section>
            ))}
          </div>
        </>
      )}
      {mayEdit ? (
        <Card title={editing ? t("Edit {{name}}", { name: editing.name }) : t("Add a scenario")} id="scenario-form">
          <ScenarioForm key={editing?.id ?? "new"} editing={editing} metricOptions={metricOptions} reply={reply} />
        </Card>
      ) : null}
    </>
  );
}
