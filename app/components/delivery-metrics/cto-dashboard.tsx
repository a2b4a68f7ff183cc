/**
 * The CTO dashboard's parts: DORA tiles, weekly trend charts, per-service table, open incidents,
 * IT budget vs actual. Presentation only: every figure arrives computed (SQL, app/models/*).
 */
import { Link } from "@remix-run/react";
import type { ComponentProps, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LineChart, type LineChartProps } from "~/components/charts/line-chart";
import { KpiTile, type KpiChange } from "~/components/metrics/kpi-tile";
import { TierBadge } from "~/components/metrics/tier-badge";
import { Badge } from "~/components/ui/badge";
import { EmptyState } from "~/components/ui/empty-state";
import { SimpleTable } from "~/components/ui/simple-table";
import { N_ } from "~/i18n/mark";
import { formatDate, formatDateTime, formatHours, formatMoney, formatNumber, formatPercent, type FormatOptions } from "~/lib/format";
import { windowChange, type ComparisonCoverage } from "~/lib/metrics/comparison";
import { ctoHref, drillHref, type CtoParams } from "~/lib/metrics/cto-window";
import { FORMULAS, INFERRED_CAUSE_RULE, type DoraMetrics, type Window } from "~/lib/metrics/delivery";
import { TARGETS_SOURCE, type DoraTargetKey, type DoraTargets } from "~/lib/metrics/dora-targets";
import type { BudgetVsActualLine } from "~/lib/metrics/finance";
import { meetsTarget, targetText } from "~/lib/metrics/targets";
import { DAY_MS } from "~/lib/time";

/** The page's fixed texts (English keys of the `delivery` namespace: render them with `t(CTO_TEXT.x)`). */
export const CTO_TEXT = {
  title: N_("CTO dashboard", "delivery"),
  description: N_(
    "How well we deliver: the DORA metrics from production deployments and incidents, against the DORA tiers and the company's targets.",
    "delivery",
  ),
  filters: N_("Filters", "delivery"),
  service: N_("Service", "delivery"),
  team: N_("Team", "delivery"),
  allServices: N_("All services", "delivery"),
  allTeams: N_("All teams", "delivery"),
  window: N_("Window", "delivery"),
  custom: N_("Custom", "delivery"),
  from: N_("From", "delivery"),
  to: N_("To (included)", "delivery"),
  apply: N_("Apply", "delivery"),
  reset: N_("Reset filters", "delivery"),
  trends: N_("Weekly trends", "delivery"),
  trendsHelp: N_("Per ISO week (Monday, UTC), the part of each week inside the window. The dashed line is the company target.", "delivery"),
  services: N_("By service", "delivery"),
  servicesHelp: N_("The same figures per service over the window. A service name filters the whole dashboard to it.", "delivery"),
  openIncidents: N_("Open incidents", "delivery"),
  openIncidentsHelp: N_("Incidents not resolved yet, whatever their start; most severe first.", "delivery"),
  noOpenIncidents: N_("No open incident.", "delivery"),
  budget: N_("IT budget vs actual", "delivery"),
  noBudget: N_("No IT budget category yet.", "delivery"),
  noDeployments: N_("No deployment in this window", "delivery"),
  noDeploymentsBody: N_(
    "Send deployments from CI with POST /api/v1/deployments (an API token with the deployments:write scope), or import a CSV of history on the Delivery pages.",
    "delivery",
  ),
  noDeploymentsWho: N_("the CEO and the CTO (tokens and imports)", "delivery"),
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
  const { t } = useTranslation("delivery");
  const change = (cur: number | null, prev: number | null, direction: "higher" | "lower", format: (d: number) => string, comparedTo: string): KpiChange => ({
    ...windowChange(cur, prev, comparison, format),
    direction,
    comparedTo,
  });
  const win = windowLabel(params.window, fmt);
  const cmp = t("vs the previous {{days}} days", { days: formatNumber((params.window.to - params.window.from) / DAY_MS, { locale: fmt.locale, digits: 1 }) });
  const filter = { service: params.service, team: params.team };
  const deployments = drillHref("deployments", params.window, filter, { status: "success", environment: "production" });
  const incidents = drillHref("incidents", params.window, filter);
  const restored = drillHref("incidents", params.window, filter, { state: "resolved" });
  const windowText = (key: keyof typeof FORMULAS) => `${t(FORMULAS[key].window)} ${t("Here: {{window}}.", { window: win })}`;
  const pct = (x: number | null) => formatPercent(x, 1, fmt.locale);
  const pts = (d: number) => t("{{value}} pts", { value: formatNumber(d * 100, { locale: fmt.locale, digits: 1, signed: true }) });
  const hours = (h: number | null) => formatHours(h, fmt.locale);
  const f = m.deploymentFrequency;
  // the catalogue ids of the figures, over this page's window (data-metric / data-window)
  const mark = (id: string, value: number | null) => ({ id, value, window: params.window });
  // the company target (data), and whether the figure meets it
  const target = (key: DoraTargetKey, value: number | null, format: (v: number) => string) => {
    const goal = targets[key];
    if (!goal) return undefined;
    const text = targetText(goal, format);
    const met = meetsTarget(value, goal);
    return met === null ? text : `${text} · ${met ? t("met") : t("not met")}`;
  };
  const perDay = (v: string) => t("{{value}} / day", { value: v });
  // a tile's label, formula and window, from the metric's FORMULAS entry
  const about = (key: keyof typeof FORMULAS) => ({ label: t(FORMULAS[key].label), formula: t(FORMULAS[key].formula), window: windowText(key) });
  // a figure lower-is-better in hours (lead time, restore times) or in percent (failure and rework rates): its value, mark, target and trend
  const inHours = (id: string, now: number | null, before: number | null, goal?: DoraTargetKey) => ({
    value: hours(now),
    metric: mark(id, now),
    target: goal ? target(goal, now, (v) => formatHours(v, fmt.locale)) : undefined,
    change: change(now, before, "lower", (d) => signedHours(d, fmt), cmp),
  });
  const inPercent = (id: string, now: number | null, before: number | null, goal?: DoraTargetKey) => ({
    value: pct(now),
    metric: mark(id, now),
    target: goal ? target(goal, now, (v) => formatPercent(v, 1, fmt.locale)) : undefined,
    change: change(now, before, "lower", pts, cmp),
  });

  return (
    <div className="cto-tiles">
      <KpiTile
        {...about("deployment_frequency")}
        value={f.perDay === null ? null : perDay(formatNumber(f.perDay, { locale: fmt.locale, digits: 1 }))}
        href={deployments}
        tier={f.tier}
        metric={mark("delivery.deploys_per_day", f.count > 0 ? f.perDay : null)}
        target={target("deploysPerDay", f.perDay, (v) => perDay(formatNumber(v, { locale: fmt.locale, digits: 2 })))}
        change={change(f.perDay, p.deploymentFrequency.perDay, "higher", (d) => perDay(formatNumber(d, { locale: fmt.locale, digits: 1, signed: true })), cmp)}
        footnote={`${t("{{n}} deployments", { count: f.count, n: formatNumber(f.count, { locale: fmt.locale, digits: 0 }) })} · ${t("{{value}} / week", { value: f.perWeek === null ? t("no data") : formatNumber(f.perWeek, { locale: fmt.locale, digits: 1 }) })}`}
      />
      <KpiTile
        {...about("lead_time")}
        {...inHours("delivery.lead_time_hours", m.leadTime.medianHours, p.leadTime.medianHours, "leadTimeHours")}
        href={deployments}
        tier={m.leadTime.tier}
        footnote={t("Median over commits")}
      />
      <KpiTile
        {...about("change_failure_rate")}
        {...inPercent("delivery.change_failure_rate", m.changeFailureRate.rate, p.changeFailureRate.rate, "changeFailureRate")}
        formula={`${t(FORMULAS.change_failure_rate.formula)} ${t(INFERRED_CAUSE_RULE)}`}
        href={incidents}
        tier={m.changeFailureRate.tier}
        footnote={t("{{failed}} of {{total}} deployments caused an incident", {
          count: m.changeFailureRate.total,
          failed: formatNumber(m.changeFailureRate.failed, { locale: fmt.locale, digits: 0 }),
          total: formatNumber(m.changeFailureRate.total, { locale: fmt.locale, digits: 0 }),
        })}
      />
      <KpiTile
        {...about("time_to_restore")}
        {...inHours("delivery.time_to_restore_hours", m.timeToRestore.medianHours, p.timeToRestore.medianHours)}
        href={restored}
        tier={m.timeToRestore.tier}
        footnote={t("Median over incidents started in the window and resolved")}
      />
      <KpiTile {...about("mttr")} {...inHours("delivery.mttr_hours", m.timeToRestore.meanHours, p.timeToRestore.meanHours, "mttrHours")} href={restored} />
      <KpiTile
        {...about("rework_rate")}
        {...inPercent("delivery.rework_rate", m.reworkRate.rate, p.reworkRate.rate)}
        href={drillHref("deployments", params.window, filter, { status: "success", environment: "production", hotfix: "yes" })}
        footnote={t("Hotfix or rollback deployments")}
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
  const { t } = useTranslation("delivery");
  const line = (key: DoraTargetKey, label: string, scale = 1) => {
    const goal = targets[key];
    return goal ? { y: goal.value * scale, label, color: "accent" as const } : undefined;
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
  const charts: Pick<LineChartProps<WeekRow>, "title" | "description" | "series" | "referenceLine" | "formatValue" | "unit">[] = [
    {
      title: t("Deployments per day"),
      description: t("Successful production deployments ÷ days, per week"),
      series: [{ key: "deploysPerDay", label: t("Deployments / day"), color: "chart-1" }],
      referenceLine: line("deploysPerDay", t("Target")),
      formatValue: num(1),
      unit: "number",
    },
    {
      title: t("Lead time for changes (median)"),
      description: t("Commit to production, per week, in hours"),
      series: [{ key: "leadHours", label: t("Median lead time"), color: "chart-2" }],
      referenceLine: line("leadTimeHours", t("Target")),
      formatValue: hours,
      unit: "hours",
    },
    {
      title: t("Change failure rate"),
      description: t("Deployments that caused an incident, per week, in %"),
      series: [{ key: "cfrPercent", label: t("Change failure rate (%)"), color: "chart-3" }],
      referenceLine: line("changeFailureRate", t("Target"), 100),
      formatValue: (v) => `${formatNumber(v, { locale: fmt.locale, digits: 1 })} %`,
      unit: "percent",
    },
    {
      title: t("Time to restore"),
      description: t("Incidents started in the week and resolved, in hours"),
      series: [
        { key: "ttrHours", label: t("Median"), color: "chart-4" },
        { key: "mttrHours", label: t("Mean (MTTR)"), color: "chart-5", dashed: true },
      ],
      referenceLine: line("mttrHours", t("MTTR target")),
      formatValue: hours,
      unit: "hours",
    },
  ];
  return (
    <div className="chart-grid">
      {charts.map((c) => (
        <LineChart key={c.title} {...c} data={rows} xKey="week" xLabel={t("Week of")} locale={fmt.locale} />
      ))}
    </div>
  );
}

export type ServiceRow = DoraMetrics & { serviceId: number; serviceName: string; teamName: string | null; openIncidents: number };

export function ServicesTable({ rows, params, fmt }: { rows: ServiceRow[]; params: CtoParams; fmt: Fmt }) {
  const { t } = useTranslation("delivery");
  const pct = (x: number | null) => formatPercent(x, 1, fmt.locale) ?? t("no data");
  const hours = (h: number | null) => formatHours(h, fmt.locale) ?? t("no data");
  return (
    <SimpleTable
      caption={t(CTO_TEXT.services)}
      className="cto-services"
      columns={[
        t("Service"),
        t("Team"),
        { label: t("Deployments"), num: "num" },
        { label: t("Per day"), num: "num" },
        t("Lead time"),
        t("Change failure rate"),
        t("Time to restore"),
        { label: t("Rework"), num: "num" },
        { label: t("Open incidents"), num: "num" },
      ]}
    >
      {rows.map((r) => {
        const filter = { service: r.serviceName, team: null };
        return (
          <tr key={r.serviceId}>
            <th scope="row">
              <Link to={ctoHref(params, { service: r.serviceName, team: null })}>{r.serviceName}</Link>
            </th>
            <td>{r.teamName ?? <span className="muted">{t("no team")}</span>}</td>
            <td className="num">
              <Link to={drillHref("deployments", params.window, filter, { status: "success", environment: "production" })}>
                {formatNumber(r.deploymentFrequency.count, { locale: fmt.locale, digits: 0 })}
              </Link>
            </td>
            <td className="num">
              {r.deploymentFrequency.perDay === null ? t("no data") : formatNumber(r.deploymentFrequency.perDay, { locale: fmt.locale, digits: 2 })}
            </td>
            <TierCell tier={r.leadTime.tier}>{hours(r.leadTime.medianHours)}</TierCell>
            <TierCell tier={r.changeFailureRate.tier}>
              <Link to={drillHref("incidents", params.window, filter)}>{pct(r.changeFailureRate.rate)}</Link>
            </TierCell>
            <TierCell tier={r.timeToRestore.tier}>{hours(r.timeToRestore.medianHours)}</TierCell>
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
    </SimpleTable>
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
  const { t } = useTranslation("delivery");
  if (total === 0) return <p>{t(CTO_TEXT.noOpenIncidents)}</p>;
  const all = new URLSearchParams({ state: "open" });
  if (params.service) all.set("service", params.service);
  if (params.team) all.set("team", params.team);
  return (
    <>
      <SimpleTable caption={t(CTO_TEXT.openIncidents)} columns={[t("Severity"), t("Incident, service and start"), t("Cause")]}>
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
                    <Badge tone="neutral" title={t(INFERRED_CAUSE_RULE)}>
                      {t("inferred")}
                    </Badge>
                  ) : null}
                </>
              ) : (
                <span className="muted">{i.causeKind === "none" ? t("none") : t("not set")}</span>
              )}
            </td>
          </tr>
        ))}
      </SimpleTable>
      {total > rows.length ? (
        <p>
          <Link to={`/delivery/incidents?${all}`}>{t("Show all {{n}}", { n: formatNumber(total, { locale: fmt.locale, digits: 0 }) })}</Link>
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
  const { t } = useTranslation("delivery");
  if (rows.length === 0) {
    return (
      <EmptyState title={t(CTO_TEXT.noBudget)} whoMay={t("the CEO (categories), the CEO and the CTO (IT budget lines)")}>
        {t("IT categories are budget categories flagged IT on the Budgets page.")}
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
        <Cell className="num">{l.usedShare === null ? t("no data") : formatPercent(l.usedShare, 0, fmt.locale)}</Cell>
      </tr>
    );
  };
  return (
    <SimpleTable
      caption={t(CTO_TEXT.budget)}
      columns={[
        { label: <Link to={`/budgets?from=${fromMonth}&to=${toMonth}`}>{t("Category")}</Link>, key: "category" },
        { label: t("Planned"), num: "num" },
        { label: t("Actual"), num: "num" },
        { label: t("Actual − planned"), num: "num" },
        { label: t("Used"), num: "num" },
      ]}
      footer={line(total, t("Total IT"), true)}
    >
      {rows.map((r) => line(r, r.category))}
    </SimpleTable>
  );
}

export { TARGETS_SOURCE };

/** A table cell of a DORA figure and its tier badge. */
function TierCell({ tier, children }: { tier: ComponentProps<typeof TierBadge>["tier"]; children: ReactNode }) {
  return (
    <td>
      <span className="cto-cell">
        {children} <TierBadge tier={tier} />
      </span>
    </td>
  );
}
