/**
 * The CTO dashboard's parts: DORA tiles, weekly trend charts, per-service table, open incidents,
 * IT budget vs actual. Presentation only: every figure arrives computed (SQL, app/models/*).
 */
import { Link } from "@remix-run/react";
import { LineChart } from "~/components/charts/line-chart";
import { KpiTile, type KpiChange } from "~/components/metrics/kpi-tile";
import { TierBadge } from "~/components/metrics/tier-badge";
import { Badge } from "~/components/ui/badge";
import { EmptyState } from "~/components/ui/empty-state";
import { formatDate, formatDateTime, formatHours, formatMoney, formatNumber, formatPercent, type FormatOptions } from "~/lib/format";
import { windowChange, type ComparisonCoverage } from "~/lib/metrics/comparison";
import { ctoHref, drillHref, type CtoParams } from "~/lib/metrics/cto-window";
import { FORMULAS, INFERRED_CAUSE_RULE, type DoraMetrics, type Window } from "~/lib/metrics/delivery";
import { TARGETS_SOURCE, type DoraTargetKey, type DoraTargets } from "~/lib/metrics/dora-targets";
import type { BudgetVsActualLine } from "~/lib/metrics/finance";
import { meetsTarget, targetText } from "~/lib/metrics/targets";
import { plural } from "~/lib/plural";
import { DAY_MS } from "~/lib/time";

export const CTO_TEXT = {
  title: "CTO dashboard",
  description: "How well we deliver: the DORA metrics from production deployments and incidents, against the DORA tiers and the company's targets.",
  filters: "Filters",
  service: "Service",
  team: "Team",
  allServices: "All services",
  allTeams: "All teams",
  window: "Window",
  days: (n: number) => `${n} days`,
  custom: "Custom",
  from: "From",
  to: "To (included)",
  apply: "Apply",
  reset: "Reset filters",
  vsPrevious: (days: string) => `vs the previous ${days} days`,
  trends: "Weekly trends",
  trendsHelp: "Per ISO week (Monday, UTC), the part of each week inside the window. The dashed line is the company target.",
  services: "By service",
  servicesHelp: "The same figures per service over the window. A service name filters the whole dashboard to it.",
  openIncidents: "Open incidents",
  openIncidentsHelp: "Incidents not resolved yet, whatever their start; most severe first.",
  noOpenIncidents: "No open incident.",
  budget: "IT budget vs actual",
  budgetHelp: (months: string) => `Planned and actual spend of the IT categories, ${months}. Missing actuals count as 0.`,
  noBudget: "No IT budget category yet.",
  noDeployments: "No deployment in this window",
  noDeploymentsBody:
    "Send deployments from CI with POST /api/v1/deployments (an API token with the deployments:write scope), or import a CSV of history on the Delivery pages.",
  noDeploymentsWho: "the CEO and the CTO (tokens and imports)",
  showAll: (n: number) => `Show all ${n}`,
} as const;

type Fmt = FormatOptions;

function windowLabel(w: Window, fmt: Fmt): string {
  // [from, to): the last included instant is to − 1 ms
  return `${formatDateTime(w.from, fmt.timeZone, fmt.locale)} – ${formatDateTime(w.to - 1, fmt.timeZone, fmt.locale)}`;
}

function signedHours(d: number, fmt: Fmt): string {
  const text = formatHours(Math.abs(d), fmt.locale) ?? "";
  return `${d > 0 ? "+" : d < 0 ? "−" : "±"}${text}`;
}

export function DoraTiles({
  current: m,
  previous: p,
  comparison,
  params,
  fmt,
  targets,
}: {
  current: DoraMetrics;
  previous: DoraMetrics;
  /** whether the data covers the previous window: no trend otherwise */
  comparison: ComparisonCoverage;
  params: CtoParams;
  fmt: Fmt;
  /** the company's targets (metric_targets rows), null where none is set */
  targets: DoraTargets;
}) {
  const change = (cur: number | null, prev: number | null, direction: "higher" | "lower", format: (d: number) => string, comparedTo: string): KpiChange => ({
    ...windowChange(cur, prev, comparison, format),
    direction,
    comparedTo,
  });
  const win = windowLabel(params.window, fmt);
  const cmp = CTO_TEXT.vsPrevious(formatNumber((params.window.to - params.window.from) / DAY_MS, { locale: fmt.locale, digits: 1 }));
  const filter = { service: params.service, team: params.team };
  const deployments = drillHref("deployments", params.window, filter, { status: "success", environment: "production" });
  const incidents = drillHref("incidents", params.window, filter);
  const restored = drillHref("incidents", params.window, filter, { state: "resolved" });
  const windowText = (key: keyof typeof FORMULAS) => `${FORMULAS[key].window} Here: ${win}.`;
  const pct = (x: number | null) => formatPercent(x, 1, fmt.locale);
  const pts = (d: number) => `${formatNumber(d * 100, { locale: fmt.locale, digits: 1, signed: true })} pts`;
  const hours = (h: number | null) => formatHours(h, fmt.locale);
  const f = m.deploymentFrequency;
  // the catalogue ids of the figures, over this page's window (data-metric / data-window)
  const mark = (id: string, value: number | null) => ({ id, value, window: params.window });
  // the company target (data), and whether the figure meets it
  const target = (key: DoraTargetKey, value: number | null, format: (v: number) => string) => {
    const t = targets[key];
    if (!t) return undefined;
    const text = targetText(t, format);
    const met = meetsTarget(value, t);
    return met === null ? text : `${text} · ${met ? "met" : "not met"}`;
  };

  return (
    <div className="cto-tiles">
      <KpiTile
        label={FORMULAS.deployment_frequency.label}
        value={f.perDay === null ? null : `${formatNumber(f.perDay, { locale: fmt.locale, digits: 1 })} / day`}
        formula={FORMULAS.deployment_frequency.formula}
        window={windowText("deployment_frequency")}
        href={deployments}
        tier={f.tier}
        metric={mark("delivery.deploys_per_day", f.count > 0 ? f.perDay : null)}
        target={target("deploysPerDay", f.perDay, (v) => `${formatNumber(v, { locale: fmt.locale, digits: 2 })} / day`)}
        change={change(
          f.perDay,
          p.deploymentFrequency.perDay,
          "higher",
          (d) => `${formatNumber(d, { locale: fmt.locale, digits: 1, signed: true })} / day`,
          cmp,
        )}
        footnote={`${plural(f.count, "deployment", "deployments", { locale: fmt.locale })} · ${f.perWeek === null ? "no data" : formatNumber(f.perWeek, { locale: fmt.locale, digits: 1 })} / week`}
      />
      <KpiTile
        label={FORMULAS.lead_time.label}
        value={hours(m.leadTime.medianHours)}
        formula={FORMULAS.lead_time.formula}
        window={windowText("lead_time")}
        href={deployments}
        tier={m.leadTime.tier}
        metric={mark("delivery.lead_time_hours", m.leadTime.medianHours)}
        target={target("leadTimeHours", m.leadTime.medianHours, (v) => formatHours(v, fmt.locale))}
        change={change(m.leadTime.medianHours, p.leadTime.medianHours, "lower", (d) => signedHours(d, fmt), cmp)}
        footnote="Median over commits"
      />
      <KpiTile
        label={FORMULAS.change_failure_rate.label}
        value={pct(m.changeFailureRate.rate)}
        formula={`${FORMULAS.change_failure_rate.formula} ${INFERRED_CAUSE_RULE}`}
        window={windowText("change_failure_rate")}
        href={incidents}
        tier={m.changeFailureRate.tier}
        metric={mark("delivery.change_failure_rate", m.changeFailureRate.rate)}
        target={target("changeFailureRate", m.changeFailureRate.rate, (v) => formatPercent(v, 1, fmt.locale))}
        change={change(m.changeFailureRate.rate, p.changeFailureRate.rate, "lower", pts, cmp)}
        footnote={`${formatNumber(m.changeFailureRate.failed, { locale: fmt.locale, digits: 0 })} of ${formatNumber(m.changeFailureRate.total, { locale: fmt.locale, digits: 0 })} deployments caused an incident`}
      />
      <KpiTile
        label={FORMULAS.time_to_restore.label}
        value={hours(m.timeToRestore.medianHours)}
        formula={FORMULAS.time_to_restore.formula}
        window={windowText("time_to_restore")}
        href={restored}
        tier={m.timeToRestore.tier}
        metric={mark("delivery.time_to_restore_hours", m.timeToRestore.medianHours)}
        change={change(m.timeToRestore.medianHours, p.timeToRestore.medianHours, "lower", (d) => signedHours(d, fmt), cmp)}
        footnote="Median over incidents started in the window and resolved"
      />
      <KpiTile
        label={FORMULAS.mttr.label}
        value={hours(m.timeToRestore.meanHours)}
        formula={FORMULAS.mttr.formula}
        window={windowText("mttr")}
        href={restored}
        metric={mark("delivery.mttr_hours", m.timeToRestore.meanHours)}
        target={target("mttrHours", m.timeToRestore.meanHours, (v) => formatHours(v, fmt.locale))}
        change={change(m.timeToRestore.meanHours, p.timeToRestore.meanHours, "lower", (d) => signedHours(d, fmt), cmp)}
      />
      <KpiTile
        label={FORMULAS.rework_rate.label}
        value={pct(m.reworkRate.rate)}
        formula={FORMULAS.rework_rate.formula}
        window={windowText("rework_rate")}
        href={drillHref("deployments", params.window, filter, { status: "success", environment: "production", hotfix: "yes" })}
        metric={mark("delivery.rework_rate", m.reworkRate.rate)}
        change={change(m.reworkRate.rate, p.reworkRate.rate, "lower", pts, cmp)}
        footnote="Hotfix or rollback deployments"
      />
    </div>
  );
}

type WeekRow = {
  week: string;
  deploysPerDay: number | null;
  leadHours: number | null;
  cfrPercent: number | null;
  ttrHours: number | null;
  mttrHours: number | null;
};

export function DoraTrendCharts({ weekly, fmt, targets }: { weekly: (DoraMetrics & { weekStart: number })[]; fmt: Fmt; targets: DoraTargets }) {
  const line = (key: DoraTargetKey, label: string, scale = 1) => {
    const t = targets[key];
    return t ? { y: t.value * scale, label, color: "accent" as const } : undefined;
  };
  const rows: WeekRow[] = weekly.map((w) => ({
    week: formatDate(w.weekStart, "UTC", fmt.locale),
    deploysPerDay: w.deploymentFrequency.perDay,
    leadHours: w.leadTime.medianHours,
    cfrPercent: w.changeFailureRate.rate === null ? null : w.changeFailureRate.rate * 100,
    ttrHours: w.timeToRestore.medianHours,
    mttrHours: w.timeToRestore.meanHours,
  }));
  const num = (digits: number) => (v: number) => formatNumber(v, { locale: fmt.locale, digits });
  const hours = (v: number) => formatHours(v, fmt.locale);
  const xLabel = "Week of";
  return (
    <div className="cto-charts">
      <LineChart
        title="Deployments per day"
        description="Successful production deployments ÷ days, per week"
        data={rows}
        xKey="week"
        xLabel={xLabel}
        series={[{ key: "deploysPerDay", label: "Deployments / day", color: "chart-1" }]}
        referenceLine={line("deploysPerDay", "Target")}
        formatValue={num(1)}
        unit="number"
        locale={fmt.locale}
      />
      <LineChart
        title="Lead time for changes (median)"
        description="Commit to production, per week, in hours"
        data={rows}
        xKey="week"
        xLabel={xLabel}
        series={[{ key: "leadHours", label: "Median lead time", color: "chart-2" }]}
        referenceLine={line("leadTimeHours", "Target")}
        formatValue={hours}
        unit="hours"
        locale={fmt.locale}
      />
      <LineChart
        title="Change failure rate"
        description="Deployments that caused an incident, per week, in %"
        data={rows}
        xKey="week"
        xLabel={xLabel}
        series={[{ key: "cfrPercent", label: "Change failure rate (%)", color: "chart-3" }]}
        referenceLine={line("changeFailureRate", "Target", 100)}
        formatValue={(v) => `${formatNumber(v, { locale: fmt.locale, digits: 1 })} %`}
        unit="percent"
        locale={fmt.locale}
      />
      <LineChart
        title="Time to restore"
        description="Incidents started in the week and resolved, in hours"
        data={rows}
        xKey="week"
        xLabel={xLabel}
        series={[
          { key: "ttrHours", label: "Median", color: "chart-4" },
          { key: "mttrHours", label: "Mean (MTTR)", color: "chart-5", dashed: true },
        ]}
        referenceLine={line("mttrHours", "MTTR target")}
        formatValue={hours}
        unit="hours"
        locale={fmt.locale}
      />
    </div>
  );
}

export type ServiceRow = DoraMetrics & { serviceId: number; serviceName: string; teamName: string | null; openIncidents: number };

export function ServicesTable({ rows, params, fmt }: { rows: ServiceRow[]; params: CtoParams; fmt: Fmt }) {
  const pct = (x: number | null) => formatPercent(x, 1, fmt.locale) ?? "no data";
  const hours = (h: number | null) => formatHours(h, fmt.locale) ?? "no data";
  return (
    <div className="table-scroll">
      <table className="simple cto-services">
        <caption className="visually-hidden">{CTO_TEXT.services}</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Team</th>
            <th scope="col" className="num">
              Deployments
            </th>
            <th scope="col" className="num">
              Per day
            </th>
            <th scope="col">Lead time</th>
            <th scope="col">Change failure rate</th>
            <th scope="col">Time to restore</th>
            <th scope="col" className="num">
              Rework
            </th>
            <th scope="col" className="num">
              Open incidents
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const filter = { service: r.serviceName, team: null };
            return (
              <tr key={r.serviceId}>
                <th scope="row">
                  <Link to={ctoHref(params, { service: r.serviceName, team: null })}>{r.serviceName}</Link>
                </th>
                <td>{r.teamName ?? <span className="muted">no team</span>}</td>
                <td className="num">
                  <Link to={drillHref("deployments", params.window, filter, { status: "success", environment: "production" })}>
                    {formatNumber(r.deploymentFrequency.count, { locale: fmt.locale, digits: 0 })}
                  </Link>
                </td>
                <td className="num">
                  {r.deploymentFrequency.perDay === null ? "no data" : formatNumber(r.deploymentFrequency.perDay, { locale: fmt.locale, digits: 2 })}
                </td>
                <td>
                  <span className="cto-cell">
                    {hours(r.leadTime.medianHours)} <TierBadge tier={r.leadTime.tier} />
                  </span>
                </td>
                <td>
                  <span className="cto-cell">
                    <Link to={drillHref("incidents", params.window, filter)}>{pct(r.changeFailureRate.rate)}</Link>{" "}
                    <TierBadge tier={r.changeFailureRate.tier} />
                  </span>
                </td>
                <td>
                  <span className="cto-cell">
                    {hours(r.timeToRestore.medianHours)} <TierBadge tier={r.timeToRestore.tier} />
                  </span>
                </td>
                <td className="num">{pct(r.reworkRate.rate)}</td>
                <td className="num">
                  {r.openIncidents > 0 ? (
                    <Link to={`/delivery/incidents?${new URLSearchParams({ service: r.serviceName, state: "open" })}`}>{r.openIncidents}</Link>
                  ) : (
                    0
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export type OpenIncidentRow = {
  id: number;
  title: string;
  severity: string;
  serviceName: string;
  startedAt: number;
  causeDeploymentId: number | null;
  causeKind: string | null;
  causeExternalId: string | null;
};

const SEVERITY_TONE: Record<string, "bad" | "warn" | "info" | "neutral"> = { SEV1: "bad", SEV2: "warn", SEV3: "info", SEV4: "neutral" };

export function OpenIncidentsTable({ total, rows, params, fmt }: { total: number; rows: OpenIncidentRow[]; params: CtoParams; fmt: Fmt }) {
  if (total === 0) return <p>{CTO_TEXT.noOpenIncidents}</p>;
  const all = new URLSearchParams({ state: "open" });
  if (params.service) all.set("service", params.service);
  if (params.team) all.set("team", params.team);
  return (
    <>
      <div className="table-scroll">
        <table className="simple">
          <caption className="visually-hidden">{CTO_TEXT.openIncidents}</caption>
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Incident, service and start</th>
              <th scope="col">Cause</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i.id}>
                <td>
                  <Badge tone={SEVERITY_TONE[i.severity] ?? "neutral"}>{i.severity}</Badge>
                </td>
                <th scope="row" className="cto-incident-title">
                  <Link to={`/delivery/incidents/${i.id}`}>{i.title}</Link>
                  <span className="cto-incident-meta">
                    {i.serviceName} · {formatDateTime(i.startedAt, fmt.timeZone, fmt.locale)}
                  </span>
                </th>
                <td>
                  {i.causeDeploymentId !== null && (i.causeKind === "explicit" || i.causeKind === "inferred") ? (
                    <>
                      <Link to={`/delivery/deployments/${i.causeDeploymentId}`}>{i.causeExternalId ?? `#${i.causeDeploymentId}`}</Link>{" "}
                      {i.causeKind === "inferred" ? (
                        <Badge tone="neutral" title={INFERRED_CAUSE_RULE}>
                          inferred
                        </Badge>
                      ) : null}
                    </>
                  ) : (
                    <span className="muted">{i.causeKind === "none" ? "none" : "not set"}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > rows.length ? (
        <p>
          <Link to={`/delivery/incidents?${all}`}>{CTO_TEXT.showAll(total)}</Link>
        </p>
      ) : null}
    </>
  );
}

export function ItBudgetTable({
  rows,
  total,
  fromMonth,
  toMonth,
  fmt,
}: {
  rows: BudgetVsActualLine[];
  total: BudgetVsActualLine;
  fromMonth: string;
  toMonth: string;
  fmt: Fmt;
}) {
  if (rows.length === 0) {
    return (
      <EmptyState title={CTO_TEXT.noBudget} whoMay="the CEO (categories), the CEO and the CTO (IT budget lines)">
        IT categories are budget categories flagged IT on the Budgets page.
      </EmptyState>
    );
  }
  const money = (c: number) => formatMoney(c, fmt);
  const line = (l: BudgetVsActualLine, label: string, header = false) => {
    const Cell = header ? "th" : "td";
    return (
      <tr key={label}>
        <th scope="row">{label}</th>
        <Cell className="num">{money(l.plannedCents)}</Cell>
        <Cell className="num">{money(l.actualCents)}</Cell>
        <Cell className={`num ${l.varianceCents > 0 ? "cto-over" : ""}`}>{formatMoney(l.varianceCents, { ...fmt, signed: true })}</Cell>
        <Cell className="num">{l.usedShare === null ? "no data" : formatPercent(l.usedShare, 0, fmt.locale)}</Cell>
      </tr>
    );
  };
  return (
    <div className="table-scroll">
      <table className="simple">
        <caption className="visually-hidden">{CTO_TEXT.budget}</caption>
        <thead>
          <tr>
            <th scope="col">
              <Link to={`/budgets?from=${fromMonth}&to=${toMonth}`}>Category</Link>
            </th>
            <th scope="col" className="num">
              Planned
            </th>
            <th scope="col" className="num">
              Actual
            </th>
            <th scope="col" className="num">
              Actual − planned
            </th>
            <th scope="col" className="num">
              Used
            </th>
          </tr>
        </thead>
        <tbody>{rows.map((r) => line(r, r.category))}</tbody>
        <tfoot>{line(total, "Total IT", true)}</tfoot>
      </table>
    </div>
  );
}

export { TARGETS_SOURCE };
