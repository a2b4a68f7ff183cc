import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { BarChart } from "~/components/charts/bar-chart";
import { Button } from "~/components/ui/button";
import { Field, replyField, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { Tooltip } from "~/components/ui/tooltip";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatDate } from "~/lib/format";
import { fieldErrorsOf, type FormReply, valueOf } from "~/lib/forms";
import { badRequest, parseForm } from "~/lib/forms.server";
import { FORMULAS, MATURITY_INDICATOR_KEYS, MATURITY_INDICATORS, MATURITY_LEVELS, maturityLevelLabel } from "~/lib/metrics/governance";
import { listMaturityAssessments, MaturityAssessmentFormSchema, recordMaturityAssessment } from "~/models/governance.server";
import { todayUtc } from "~/models/risks.server";
import { getDb } from "~/utils/db.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("IT maturity"),
  description: N_("Our five maturity indicators scored 1 (none / initial) to 5 (optimised) at dated assessments."),
  latest: N_("Latest assessment"),
  chart: N_("Maturity scores over time"),
  chartSummary: N_("One line per indicator; scores from 1 to 5 at each assessment date."),
  record: N_("Record an assessment"),
  recordHint: N_("Scoring a date that already has an assessment corrects it."),
  date: N_("Assessment date"),
  note: N_("Note"),
  save: N_("Save assessment"),
  saving: N_("Saving…"),
  none: N_("No assessment yet"),
  noneBody: N_("Record the first assessment with the form below."),
  who: N_("CEO and CTO."),
  readOnly: N_("The CEO and CTO record assessments."),
  scale: N_("About the 1–5 scale"),
} as const;

export const { handle, meta } = routeHead("governance", N_("IT maturity", "governance"));

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  return { assessments: listMaturityAssessments(getDb()), today: todayUtc() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "risks:edit");
  const formData = await request.formData();
  const parsed = parseForm(formData, MaturityAssessmentFormSchema, "assess");
  if (!parsed.ok) return badRequest(parsed.reply);
  const d = parsed.data;
  if (d.assessedOn > todayUtc()) {
    return badRequest({
      status: "error",
      fieldErrors: { assessedOn: ["cannot be in the future"] },
      formErrors: [],
      values: Object.fromEntries([...formData.entries()].map(([k, v]) => [k, String(v)])),
      intent: "assess",
    });
  }
  const scores = Object.fromEntries(MATURITY_INDICATOR_KEYS.map((k) => [k, d[`score_${k}`] as number])) as Record<
    (typeof MATURITY_INDICATOR_KEYS)[number],
    number
  >;
  const notes = Object.fromEntries(MATURITY_INDICATOR_KEYS.map((k) => [k, d[`note_${k}`] as string | null]));
  recordMaturityAssessment(getDb(), user.id, { assessedOn: d.assessedOn, scores, notes });
  return { status: "ok", intent: "assess", message: serverT("Assessment of {{date}} saved.", { ns: "governance", date: d.assessedOn }) } satisfies FormReply;
}

const levelOptions = (t: TFunction) => MATURITY_LEVELS.map((l) => ({ value: String(l.level), label: `${l.level} – ${t(l.label)}` }));

type ChartRow = { date: string } & Partial<Record<(typeof MATURITY_INDICATOR_KEYS)[number], number>>;

export default function Maturity() {
  const { t } = useTranslation("governance");
  const { assessments, today } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { user, formatting } = useRootData();
  const canEdit = can(user, "risks:edit");
  const latest = assessments.at(-1);
  const chartData: ChartRow[] = assessments.map((a) => ({ date: a.assessedOn, ...a.scores }));
  const fmtDate = (d: string | number) => formatDate(String(d), formatting.timeZone, formatting.locale);
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
      <ReplyMessage reply={reply} show="ok" />
      <section className="panel" aria-labelledby="latest">
        <h2 id="latest">
          {t(TEXT.latest)}
          {latest ? ` · ${fmtDate(latest.assessedOn)}` : ""}{" "}
          <Tooltip
            label={t(TEXT.scale)}
            content={
              <>
                {t(FORMULAS.maturity_score.formula)} {t("Window: {{window}}", { window: t(FORMULAS.maturity_score.window) })}
              </>
            }
          />
        </h2>
        {latest ? (
          <ul className="maturity-latest">
            {MATURITY_INDICATOR_KEYS.map((k) => {
              const s = latest.scores[k];
              return (
                <li key={k} className="maturity-latest__item">
                  <span className="maturity-latest__label">{t(MATURITY_INDICATORS[k].label)}</span>
                  <span className={`maturity-latest__score maturity-score--${s ?? "none"}`}>{s ?? "no data"}</span>
                  <span className="muted">{s ? t(maturityLevelLabel(s)) : ""}</span>
                  {latest.notes[k] ? <span className="maturity-latest__note">{latest.notes[k]}</span> : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p>
            <strong>{t(TEXT.none)}.</strong> {t(TEXT.noneBody)} <span className="muted">{t("Who can do this: {{who}}", { who: t(TEXT.who) })}</span>
          </p>
        )}
      </section>

      <section className="panel" aria-label={t(TEXT.chart)}>
        {/* grouped bars, not lines: equal scores would hide each other's lines */}
        <BarChart
          title={t(TEXT.chart)}
          summary={t(TEXT.chartSummary)}
          data={chartData}
          xKey="date"
          xLabel={t("Assessment")}
          formatX={fmtDate}
          formatValue={(v) => String(v)}
          valueScale={{ domain: [0, 5], ticks: [0, 1, 2, 3, 4, 5] }}
          series={MATURITY_INDICATOR_KEYS.map((k, i) => ({ key: k, label: t(MATURITY_INDICATORS[k].label), color: `chart-${i + 1}` as "chart-1" }))}
          emptyMessage={t(TEXT.none)}
        />
      </section>

      <section className="panel" aria-labelledby="assess">
        <h2 id="assess">{t(TEXT.record)}</h2>
        {canEdit ? (
          <Form method="post" className="maturity-form" noValidate>
            <input type="hidden" name="intent" value="assess" />
            <p className="muted">{t(TEXT.recordHint)}</p>
            <Field label={t(TEXT.date)} {...replyField(reply, "assessedOn", today, "assess")} type="date" required max={today} />
            {MATURITY_INDICATOR_KEYS.map((k) => (
              <fieldset key={k} className="maturity-form__row">
                <legend>{t(MATURITY_INDICATORS[k].label)}</legend>
                <SelectField
                  label={t("Score")}
                  name={`score_${k}`}
                  required
                  options={levelOptions(t)}
                  hint={t(MATURITY_INDICATORS[k].description)}
                  defaultValue={valueOf(reply, `score_${k}`, latest?.scores[k] ?? 1, "assess")}
                  errors={fieldErrorsOf(reply, `score_${k}`, "assess")}
                />
                <Field
                  label={t(TEXT.note)}
                  name={`note_${k}`}
                  maxLength={500}
                  defaultValue={valueOf(reply, `note_${k}`, "", "assess")}
                  errors={fieldErrorsOf(reply, `note_${k}`, "assess")}
                />
              </fieldset>
            ))}
            <Button variant="primary" pending={navigation.state === "submitting"} pendingLabel={t(TEXT.saving)}>
              {t(TEXT.save)}
            </Button>
          </Form>
        ) : (
          <p className="muted">{t(TEXT.readOnly)}</p>
        )}
      </section>
    </>
  );
}
