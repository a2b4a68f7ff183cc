import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { BurnByCategoryChart, CashCurveChart, MrrTrendChart } from "~/components/finance/exec-charts";
import { HiringImpactPanel } from "~/components/finance/executive-hiring-impact";
import { PinnedKpis } from "~/components/finance/executive-pinned-kpis";
import { EXECUTIVE_TEXT as TEXT } from "~/components/finance/executive-text";
import { ExecutiveTiles } from "~/components/finance/executive-tiles";
import financeCss from "~/components/finance/finance.css";
import { GatesPanel } from "~/components/governance/gates-panel";
import { OkrHealthPanel } from "~/components/okrs/okr-health-panel";
import { TopRisksPanel } from "~/components/risks/top-risks-panel";
import { ScenarioStatusPanel } from "~/components/scenarios/scenario-status-panel";
import { Button } from "~/components/ui/button";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { getExecutiveDashboard } from "~/dashboards/executive.server";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatMonth } from "~/lib/format";
import { impactsParamSchema } from "~/lib/schemas/finance.server";
import { monthSchema } from "~/lib/validation.server";
import { getDb } from "~/utils/db.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead(
  ["finance", "metrics", "okrs", "risks", "governance", "plans", "kpis", "hiring"],
  N_("Executive dashboard", "finance"),
);
export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "dashboards:read");
  const params = new URL(request.url).searchParams;
  const rawAsOf = params.get("asOf");
  const parsedAsOf = monthSchema.safeParse(rawAsOf);
  const asOf = parsedAsOf.success ? parsedAsOf.data : undefined;
  // ?impacts=all lists every requisition in the hiring-impact panel; any other value, the top ones
  const allImpacts = impactsParamSchema.safeParse(params.get("impacts")).success;
  return getExecutiveDashboard(getDb(), user, { asOf, badAsOf: rawAsOf !== null && !asOf, allImpacts });
}

export default function ExecutiveDashboard() {
  const data = useLoaderData<typeof loader>();
  const { finance, headcount, previousHeadcount, badAsOf, emptyAsOf, pinned } = data;
  const { formatting, permissions } = useRootData();
  const { t } = useTranslation("finance");
  const fmt = formatting;

  if (!finance) {
    return (
      <div className="finance-page">
        <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
        {emptyAsOf ? (
          <EmptyState
            title={t(TEXT.emptyAsOfTitle, { month: formatMonth(emptyAsOf, fmt.locale) })}
            action={<Link to="/dashboards/executive">{t(TEXT.latest)}</Link>}
          >
            {t(TEXT.asOfHint)}
          </EmptyState>
        ) : (
          <EmptyState
            title={t(TEXT.emptyTitle)}
            whoMay={t(TEXT.emptyWho)}
            action={permissions.includes("finance:edit") ? <Link to="/finance/snapshots">{t(TEXT.addSnapshot)}</Link> : undefined}
          >
            {t(TEXT.emptyBody)}
          </EmptyState>
        )}
        <PinnedKpis pinned={pinned} fmt={fmt} />
        <OtherPanels {...data} />
      </div>
    );
  }
  const m = finance.current;
  const M = m.asOfMonth;
  const months = [...finance.closedMonths].reverse();

  return (
    <div className="finance-page">
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} eyebrow={t("As of {{month}}", { month: formatMonth(M, fmt.locale, "long") })}>
        <Form method="get" className="range-form" aria-label={t("As-of month")}>
          <label htmlFor="as-of">{t(TEXT.asOf)}</label>
          <select id="as-of" name="asOf" defaultValue={M} aria-describedby="as-of-hint">
            {months.map((mo) => (
              <option key={mo} value={mo}>
                {formatMonth(mo, fmt.locale, "long")}
              </option>
            ))}
          </select>
          <Button variant="secondary">{t(TEXT.show)}</Button>
          <span id="as-of-hint" className="muted">
            {t(TEXT.asOfHint)}
          </span>
        </Form>
      </PageHeader>
      {badAsOf ? (
        <p className="notice" role="status">
          {t("The “as of” month in the address is not a month (YYYY-MM): showing the latest closed month.")}
        </p>
      ) : null}

      <ExecutiveTiles
        m={m}
        p={finance.previous}
        fmt={fmt}
        headcount={headcount}
        prevHeadcount={previousHeadcount}
        headcountTarget={"headcountTarget" in data ? data.headcountTarget : null}
      />
      <PinnedKpis pinned={pinned} fmt={fmt} />

      <h2 className="exec-section-title">{t(TEXT.charts)}</h2>
      <div className="chart-grid exec-charts">
        <CashCurveChart trend={finance.trend} forecast={finance.forecast} fmt={fmt} />
        <MrrTrendChart trend={finance.trend} fmt={fmt} />
        <BurnByCategoryChart lines={finance.burnByCategory} months={finance.burnMonths} fmt={fmt} />
      </div>

      <HiringImpactPanel
        requisitionImpacts={finance.forecast.requisitionImpacts}
        total={finance.forecast.requisitionCount}
        limit={finance.forecast.requisitionLimit}
        fmt={fmt}
      />

      <OtherPanels {...data} />
    </div>
  );
}

/** The panels under the finance figures, with or without a closed month: OKR health, risks and gates, scenarios. */
function OtherPanels({ okrHealth, riskPanels, scenarios }: Pick<ReturnType<typeof useLoaderData<typeof loader>>, "okrHealth" | "riskPanels" | "scenarios">) {
  const { formatting: fmt } = useRootData();
  return (
    <>
      <OkrHealthPanel data={okrHealth} locale={fmt.locale} />
      <div className="dashboard-risk-panels">
        <TopRisksPanel risks={riskPanels.topRisks} />
        <GatesPanel gates={riskPanels.gates} fmt={fmt} />
      </div>
      <ScenarioStatusPanel scenarios={scenarios} fmt={fmt} />
    </>
  );
}
