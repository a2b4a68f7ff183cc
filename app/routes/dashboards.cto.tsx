import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { CTO_TEXT as TEXT, DoraTiles, DoraTrendCharts, ItBudgetTable, OpenIncidentsTable, ServicesTable } from "~/components/delivery-metrics/cto-dashboard";
import ctoCss from "~/components/delivery-metrics/cto.css";
import { CompliancePanel } from "~/components/governance/compliance-panel";
import { TechRisksPanel } from "~/components/risks/tech-risks-panel";
import { Button, ButtonLink } from "~/components/ui/button";
import { DateInput } from "~/components/ui/date-input";
import { EmptyState } from "~/components/ui/empty-state";
import { FilterDisclosure } from "~/components/ui/filter-disclosure";
import { PageHeader } from "~/components/ui/page-header";
import { getCtoDashboard } from "~/dashboards/cto.server";
import { useRootData } from "~/hooks/root-data";
import { formatNumber } from "~/lib/format";
import { ctoHref, toUtcDate, WINDOW_PRESETS } from "~/lib/metrics/cto-window";
import { TARGETS_SOURCE } from "~/lib/metrics/dora-targets";
import { parseCtoParams } from "~/lib/schemas/cto-params.server";
import { getDb } from "~/utils/db.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead(["delivery", "governance", "risks", "metrics"], TEXT.title);
export const links: LinksFunction = () => [{ rel: "stylesheet", href: ctoCss }];

/** Every role may view (dashboards:read). Parse the URL → check permission → one model call. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  const params = parseCtoParams(new URL(request.url).searchParams, Date.now());
  return getCtoDashboard(getDb(), params);
}

export default function CtoDashboard() {
  const data = useLoaderData<typeof loader>();
  const { formatting: fmt, permissions } = useRootData();
  const { t } = useTranslation("delivery");
  const days = (d: number) => t("{{n}} days", { count: d, n: formatNumber(d, { locale: fmt.locale, digits: 0 }) });
  const { params, options, dashboard, budget } = data;
  const noDeployments = dashboard.current.deploymentFrequency.count === 0;
  const presetActive = (d: number) => params.days === d;

  return (
    <div className="cto-page">
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />

      <FilterDisclosure active={[params.service, params.team, params.days === null ? "custom" : null].filter(Boolean).length}>
        <Form method="get" className="cto-filters" aria-label={t(TEXT.filters)}>
          <NameFilter name="service" label={t(TEXT.service)} allLabel={t(TEXT.allServices)} value={params.service} choices={options.services} />
          <NameFilter name="team" label={t(TEXT.team)} allLabel={t(TEXT.allTeams)} value={params.team} choices={options.teams} />
          <div className="cto-filters__field">
            <label htmlFor="cto-days">{t(TEXT.window)}</label>
            <select id="cto-days" name="days" defaultValue={params.days === null ? "" : String(params.days)}>
              {WINDOW_PRESETS.map((d) => (
                <option key={d} value={d}>
                  {days(d)}
                </option>
              ))}
              <option value="">{t(TEXT.custom)}</option>
            </select>
          </div>
          <div className="cto-filters__field">
            <label htmlFor="cto-from">{t(TEXT.from)}</label>
            <DateInput id="cto-from" name="from" defaultValue={params.fromDate ?? ""} />
          </div>
          <div className="cto-filters__field">
            <label htmlFor="cto-to">{t(TEXT.to)}</label>
            <DateInput id="cto-to" name="to" defaultValue={params.toDate ?? ""} />
          </div>
          <Button variant="primary">{t(TEXT.apply)}</Button>
          <ButtonLink to="/dashboards/cto" variant="ghost">
            {t(TEXT.reset)}
          </ButtonLink>
        </Form>
      </FilterDisclosure>
      <nav className="cto-presets" aria-label={t("Window presets")}>
        {WINDOW_PRESETS.map((d) => (
          <Link
            key={d}
            to={ctoHref(params, { days: String(d), from: null, to: null })}
            aria-current={presetActive(d) ? "page" : undefined}
            className={presetActive(d) ? "cto-preset cto-preset--active" : "cto-preset"}
          >
            {days(d)}
          </Link>
        ))}
        <span className="muted cto-window-text">
          {toUtcDate(params.window.from)} → {toUtcDate(params.window.to - 1)} (UTC)
          {params.service ? ` · ${t("service {{name}}", { name: params.service })}` : ""}
          {params.team ? ` · ${t("team {{name}}", { name: params.team })}` : ""}
        </span>
      </nav>
      {params.notices.length > 0 ? (
        <div className="notice" role="status">
          {params.notices.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      ) : null}

      <section aria-labelledby="cto-dora" className="cto-section">
        <h2 id="cto-dora" className="cto-section__title">
          {t("DORA metrics")}
        </h2>
        <p className="muted">{t("Tiers: DORA bands. Targets: {{source}}", { source: t(TARGETS_SOURCE) })}</p>
        {data.hasDeliveryData ? (
          <DoraTiles
            current={dashboard.current}
            previous={dashboard.previous}
            comparison={dashboard.comparison}
            params={params}
            fmt={fmt}
            targets={data.targets}
          />
        ) : null}
        {!data.hasDeliveryData ? (
          <EmptyState
            title={t("No deployment recorded yet")}
            whoMay={t("CEO and CTO (API tokens, services, imports)")}
            action={permissions.includes("tokens:manage") ? <Link to="/settings/tokens">{t("Create an API token")}</Link> : undefined}
          >
            {t(
              "The DORA figures are computed from production deployments and incidents. Send them from CI to POST /api/v1/deployments with an API token, or load your history on",
            )}{" "}
            <Link to="/import#import-deployments">{t("Import data")}</Link>
            {t("; register the services and their teams on")} <Link to="/delivery/services">{t("Services")}</Link>.
          </EmptyState>
        ) : noDeployments ? (
          <EmptyState
            title={t(TEXT.noDeployments)}
            whoMay={t(TEXT.noDeploymentsWho)}
            action={permissions.includes("tokens:manage") ? <Link to="/settings/tokens">{t("Create an API token")}</Link> : undefined}
          >
            {t(TEXT.noDeploymentsBody)}
          </EmptyState>
        ) : null}
      </section>

      <section aria-labelledby="cto-trends" className="cto-section">
        <h2 id="cto-trends" className="cto-section__title">
          {t(TEXT.trends)}
        </h2>
        <p className="muted">{t(TEXT.trendsHelp)}</p>
        {data.hasDeliveryData ? (
          <DoraTrendCharts weekly={dashboard.weekly} fmt={fmt} targets={data.targets} />
        ) : (
          <p className="muted">{t("No deployment yet: nothing to chart.")}</p>
        )}
      </section>

      <div className="cto-columns">
        <section aria-labelledby="cto-incidents" className="panel cto-section">
          <h2 id="cto-incidents">
            {t(TEXT.openIncidents)} ({formatNumber(dashboard.openIncidents.total, { locale: fmt.locale, digits: 0 })})
          </h2>
          <p className="muted">{t(TEXT.openIncidentsHelp)}</p>
          <OpenIncidentsTable total={dashboard.openIncidents.total} rows={dashboard.openIncidents.rows} params={params} fmt={fmt} />
        </section>
        <section aria-labelledby="cto-budget" className="panel cto-section">
          <h2 id="cto-budget">{t(TEXT.budget)}</h2>
          <p className="muted">
            {t("Planned and actual spend of the IT categories, {{from}} to {{to}}. Missing actuals count as 0.", {
              from: budget.fromMonth,
              to: budget.toMonth,
            })}
          </p>
          {budget.rows.some((r) => r.plannedCents !== 0 || r.actualCents !== 0) ? (
            <ItBudgetTable rows={budget.rows} total={budget.total} fromMonth={budget.fromMonth} toMonth={budget.toMonth} fmt={fmt} />
          ) : (
            <EmptyState title={t("No IT budget lines in these months")} whoMay={t("the CEO and the CTO (IT categories)")}>
              {t("Enter or import the IT categories' planned and actual spend on")} <Link to="/budgets">{t("Budgets")}</Link>.
            </EmptyState>
          )}
          <p className="muted">
            <Link to="/budgets/categories">{t("IT envelopes for the year: envelope vs planned vs actual →")}</Link>
          </p>
        </section>
      </div>

      <section aria-labelledby="cto-services" className="panel cto-section">
        <h2 id="cto-services">{t(TEXT.services)}</h2>
        <p className="muted">{t(TEXT.servicesHelp)}</p>
        <ServicesTable rows={dashboard.byService} params={params} fmt={fmt} />
      </section>

      {/* panels: tech risks & compliance */}
      <div className="dashboard-risk-panels">
        <TechRisksPanel risks={data.riskPanels.techRisks} total={data.riskPanels.techRiskTotal} />
        <CompliancePanel frameworks={data.riskPanels.compliance} locale={fmt.locale} />
      </div>
    </div>
  );
}

/** A filter of the page by name (service, team): "all" first, then every choice. */
function NameFilter({
  name,
  label,
  allLabel,
  value,
  choices,
}: {
  name: "service" | "team";
  label: string;
  allLabel: string;
  value: string | null;
  choices: readonly { id: number; name: string }[];
}) {
  return (
    <div className="cto-filters__field">
      <label htmlFor={`cto-${name}`}>{label}</label>
      <select id={`cto-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{allLabel}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
