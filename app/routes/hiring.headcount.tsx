import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LineChart } from "~/components/charts/line-chart";
import { HiringTabs } from "~/components/hiring/hiring-tabs";
import { KpiTile } from "~/components/metrics/kpi-tile";
import { Button } from "~/components/ui/button";
import { MonthInput } from "~/components/ui/date-input";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatMonth, formatNumber } from "~/lib/format";
import { monthDiff } from "~/lib/months";
import { monthSchema } from "~/lib/validation.server";
import { currentMonth, hasHeadcountData, getHeadcountRange, getHeadcountSeries, getHeadcountSummary } from "~/models/hiring.server";
import { MetricContext } from "~/models/metrics/context.server";
import { readFigureMap } from "~/models/metrics/readings.server";
import { getCompanySettings } from "~/models/settings.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Headcount"),
  description: N_("People employed at each month end, against the hiring plan and the company target."),
  chartTitle: N_("Headcount: actual vs plan"),
  actual: N_("Actual"),
  planned: N_("Plan"),
  target: N_("Target"),
  from: N_("From"),
  to: N_("To"),
  apply: N_("Show"),
  today: N_("This month"),
  actualFormula: N_("Actual = employees with start date ≤ last day of the month and no end date, or an end date after it."),
  plannedFormula: N_(
    "Plan = actual + requisitions neither hired nor cancelled whose target start month ≤ the month. A hired requisition counts through its employee row only (no double count).",
  ),
  targetFormula: N_("Company headcount target (settings)."),
  gapFormula: N_("Gap = target − plan at the last month of the plan."),
  gap: N_("Still to plan"),
} as const;

export const { handle, meta } = routeHead("hiring", TEXT.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, url } = await pageRequest(request, "dashboards:read");
  const month = currentMonth(getCompanySettings(db).timeZone);
  const range = getHeadcountRange(db, month);
  const fromQ = monthSchema.safeParse(url.searchParams.get("from"));
  const toQ = monthSchema.safeParse(url.searchParams.get("to"));
  let from = fromQ.success ? fromQ.data : range.from;
  let to = toQ.success ? toQ.data : range.to;
  if (monthDiff(from, to) < 0) [from, to] = [to, from];
  const series = getHeadcountSeries(db, from, to, { actualUntil: month }); // one SQL statement (recursive CTE over months)
  // today's figures are the catalogue's people.headcount / people.headcount_planned (the same on every page)
  const ctx = new MetricContext(db);
  const f = readFigureMap(ctx, ["people.headcount", "people.headcount_planned"] as const);
  const now = {
    ...getHeadcountSummary(db, ctx.month, ctx.today),
    actual: f["people.headcount"].value as number,
    planned: f["people.headcount_planned"].value as number,
  };
  const marks = {
    actual: { id: "people.headcount", value: f["people.headcount"].value, asOf: f["people.headcount"].asOf },
    planned: { id: "people.headcount_planned", value: f["people.headcount_planned"].value, asOf: f["people.headcount_planned"].asOf },
  };
  const planEndMonth = series.length ? series[series.length - 1].month : to;
  const planEnd = getHeadcountSummary(db, planEndMonth);
  // nothing to count yet: say so instead of drawing zeros
  const empty = !hasHeadcountData(db);
  return { series, now, marks, planEnd, planEndMonth, month, from, to, empty };
}

export default function Headcount() {
  const data = useLoaderData<typeof loader>();
  const formatting = useFormatting();
  const fm = (m: string | number) => formatMonth(String(m), formatting.locale);
  const fmtInt = (v: number) => formatNumber(v, { locale: formatting.locale, digits: 0 });
  const span = `${fm(data.from)} – ${fm(data.to)}`;
  const chartData = data.series.map((s) => ({ ...s, target: data.now.target }));
  const { t } = useTranslation("hiring");
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)}>
        <HiringTabs />
      </PageHeader>
      {data.empty ? (
        <EmptyState
          title={t("No employees or requisitions yet")}
          whoMay={t("the CEO (employees, any requisition); the CTO (tech teams' requisitions)")}
          headingLevel={2}
        >
          <p>
            {t("The headcount counts employees and plans requisitions.")} <Link to="/import#import-employees">{t("Import your employees")}</Link>{" "}
            {t("(a CSV template is there) and add the first hire on the")} <Link to="/hiring">{t("hiring plan")}</Link>.
          </p>
        </EmptyState>
      ) : (
        <>
          <div className="hiring-tiles">
            <KpiTile
              label={t("Actual (today)")}
              value={fmtInt(data.now.actual)}
              metric={data.marks.actual}
              formula={t(TEXT.actualFormula)}
              window={t("today: start date ≤ today < end date")}
              href="/hiring/employees"
            />
            <KpiTile
              label={t("Plan ({{month}})", { month: fm(data.month) })}
              value={fmtInt(data.now.planned)}
              metric={data.marks.planned}
              formula={t(TEXT.plannedFormula)}
              window={t("end of {{month}}", { month: fm(data.month) })}
              href="/hiring"
            />
            <KpiTile
              label={t("Plan at {{month}}", { month: fm(data.planEndMonth) })}
              value={fmtInt(data.planEnd.planned)}
              formula={t(TEXT.plannedFormula)}
              window={t("end of {{month}}", { month: fm(data.planEndMonth) })}
              href={`/hiring?to=${data.planEndMonth}`}
            />
            <KpiTile
              label={t(TEXT.gap)}
              value={fmtInt(Math.max(0, data.planEnd.target - data.planEnd.planned))}
              formula={`${t(TEXT.gapFormula)} ${t("Target: {{target}}.", { target: data.planEnd.target })}`}
              window={t("end of {{month}}", { month: fm(data.planEndMonth) })}
              href="/settings"
            />
          </div>
          <Form method="get" className="hiring-filters" aria-label={t("Months")}>
            <label>
              {t(TEXT.from)}
              <MonthInput name="from" defaultValue={data.from} />
            </label>
            <label>
              {t(TEXT.to)}
              <MonthInput name="to" defaultValue={data.to} />
            </label>
            <Button variant="secondary" size="sm">
              {t(TEXT.apply)}
            </Button>
          </Form>
          <section className="card hiring-chart">
            <LineChart
              title={t(TEXT.chartTitle)}
              description={
                <>
                  {span}. {t(TEXT.actualFormula)} {t(TEXT.plannedFormula)} <Link to="/hiring">{t("Requisitions")}</Link> ·{" "}
                  <Link to="/hiring/employees">{t("Employees")}</Link>
                </>
              }
              summary={t("Actual {{actual}}, plan {{planned}} at {{month}}; plan {{planEnd}} at {{endMonth}}; target {{target}}.", {
                actual: data.now.actual,
                planned: data.now.planned,
                month: fm(data.month),
                planEnd: data.planEnd.planned,
                endMonth: fm(data.planEndMonth),
                target: data.now.target,
              })}
              data={chartData}
              xKey="month"
              xLabel={t("Month")}
              series={[
                { key: "actual", label: t(TEXT.actual), color: "chart-1" },
                { key: "planned", label: t(TEXT.planned), color: "chart-3", dashed: true },
              ]}
              referenceLine={{ y: data.now.target, label: t("Target {{target}}", { target: data.now.target }), color: "good" }}
              xMarker={data.month >= data.from && data.month <= data.to ? { x: data.month, label: t(TEXT.today) } : undefined}
              formatX={fm}
              formatValue={fmtInt}
              unit="count"
              locale={formatting.locale}
              width={900}
              height={320}
            />
          </section>
        </>
      )}
    </>
  );
}
