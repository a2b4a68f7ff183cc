import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { RiskLevelBadge } from "~/components/metrics/risk-level-badge";
import { RiskHeatMap } from "~/components/risks/heat-map";
import { CATEGORY_LABELS, STATUS_LABELS } from "~/components/risks/labels";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { createDataTableColumnHelper, DataTable } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { FilterBar, labelOptions } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { pagedRows } from "~/components/ui/paged-rows";
import { TabsLinks } from "~/components/ui/tabs-links";
import { Tooltip } from "~/components/ui/tooltip";
import { useFormatting, useOptionalUser } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatDate } from "~/lib/format";
import { localizeRuleText } from "~/lib/metrics/risk-rule-texts";
import { FORMULAS, RISK_LEVEL_LABELS } from "~/lib/metrics/risks";
import { parseTableParams, tableHref, tablePaging } from "~/lib/table-params";
import { getRiskHeatMap, listRiskOwnerOptions, countRisksBySource, listRisks, RISK_SORTS, riskFilterFromUrl, type RiskRow } from "~/models/risks.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Risk register"),
  description: N_("Every risk with its inherent and residual rating (likelihood × impact, 1–25), owner, treatment and next review."),
  propose: N_("Propose a risk"),
  add: N_("Add a risk"),
  rules: N_("Metric rules"),
  filters: N_("Filters"),
  category: N_("Category"),
  level: N_("Residual level"),
  owner: N_("Owner"),
  status: N_("Status"),
  overdue: N_("Review overdue only"),
  reset: N_("Clear the filters"),
  any: N_("Any"),
  active: N_("Active (not closed)"),
  all: N_("All, including closed"),
  inherentMap: N_("Inherent risk (before treatment)"),
  residualMap: N_("Residual risk (after treatment)"),
  clearCell: N_("Show all cells"),
  caption: N_("Risks"),
  emptyTitle: N_("No risks in the register yet"),
  emptyBody: N_(
    "Add the first risk with “Add a risk” (or “Propose a risk” as a team lead): give it a category, likelihood and impact before and after treatment, an owner and a review date.",
  ),
  emptyWho: N_("CEO and CTO add and accept risks; team leads propose them."),
  scoreHelp: N_("About risk scores"),
  overdueTag: N_("Review overdue"),
  raised: N_("Raised by a metric rule"),
  sources: N_("Who put the risks in the register"),
  sourceAll: N_("All"),
  sourcePeople: N_("Entered by people"),
  sourceRule: N_("Raised by metric rules"),
  sourceRuleHelp: N_(
    "A metric rule opens one risk per cause, owned by whoever owns that cause, updates it while the cause lasts and closes it when the cause clears.",
  ),
} as const;

export const { handle, meta } = routeHead("risks", N_("Risks", "risks"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, url } = await pageRequest(request, "dashboards:read");
  // read-only: metric rules run after writes and on a schedule, never on a view (decision 600)
  const filter = riskFilterFromUrl(url);
  const params = parseTableParams(url, { sortable: RISK_SORTS, defaultSort: { id: "residualScore", desc: true } });
  const { rows, total } = listRisks(db, filter, { sort: params.sort, ...tablePaging(params) });
  return {
    rows,
    total,
    params,
    filter,
    bySource: countRisksBySource(db, filter),
    inherent: getRiskHeatMap(db, filter, "inherent"),
    residual: getRiskHeatMap(db, filter, "residual"),
    owners: listRiskOwnerOptions(db),
  };
}

const col = createDataTableColumnHelper<RiskRow>();

function DateCell({ row }: { row: RiskRow }) {
  const formatting = useFormatting();
  const { t } = useTranslation("risks");
  if (!row.nextReviewDate) return <span className="muted">{t("not set")}</span>;
  return (
    <span className={row.overdue ? "risk-overdue" : undefined}>
      {formatDate(row.nextReviewDate, formatting.timeZone, formatting.locale)}
      {row.overdue ? (
        <>
          {" "}
          <Badge tone="bad">{t(TEXT.overdueTag)}</Badge>
        </>
      ) : null}
    </span>
  );
}

/** The register's columns, headers in the reader's language. */
const riskColumns = (t: TFunction, locale: string) =>
  col.columns([
    col.accessor("title", {
      id: "title",
      header: t("Risk"),
      meta: { rowHeader: true },
      cell: (c) => (
        <span className="risk-title">
          <Link to={`/risks/${c.row.original.id}`}>{localizeRuleText(c.getValue(), c.row.original.raisedByRuleKind, t, locale)}</Link>
          {c.row.original.raisedByRuleKind ? (
            <span className="risk-title__raised">
              {c.row.original.raisedValue
                ? t("Raised by a metric rule: {{value}}", { value: localizeRuleText(c.row.original.raisedValue, c.row.original.raisedByRuleKind, t, locale) })
                : t(TEXT.raised)}
            </span>
          ) : null}
        </span>
      ),
    }),
    col.accessor("category", { id: "category", header: t("Category"), cell: (c) => t(CATEGORY_LABELS[c.getValue()]) }),
    col.accessor("residualScore", {
      id: "residualScore",
      header: t("Residual"),
      cell: (c) => <RiskLevelBadge level={c.row.original.residualLevel} score={c.getValue()} />,
      meta: { nowrap: true },
    }),
    col.accessor("inherentScore", {
      id: "inherentScore",
      header: t("Inherent"),
      cell: (c) => <RiskLevelBadge level={c.row.original.inherentLevel} score={c.getValue()} />,
      meta: { nowrap: true },
    }),
    col.accessor("ownerName", { id: "owner", header: t("Owner"), cell: (c) => c.getValue() ?? <span className="muted">{t("none")}</span> }),
    col.accessor("status", { id: "status", header: t("Status"), cell: (c) => t(STATUS_LABELS[c.getValue()]) }),
    col.accessor("nextReviewDate", { id: "nextReviewDate", header: t("Next review"), cell: (c) => <DateCell row={c.row.original} />, meta: { nowrap: true } }),
  ]);

export default function RisksIndex() {
  const data = useLoaderData<typeof loader>();
  const user = useOptionalUser();
  const { t } = useTranslation("risks");
  const { locale } = useFormatting();
  const columns = useMemo(() => riskColumns(t, locale), [t, locale]);
  const tLabels = (labels: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, t(v)]));
  const location = useLocation();
  const canEdit = can(user, "risks:edit");
  const canPropose = can(user, "risks:propose");
  const f = data.filter;
  const search = new URLSearchParams(location.search);
  const csvSearch = tableHref(search, { page: null, size: null });
  const hasFilters = Object.keys(f).length > 0;
  return (
    <>
      <PageHeader
        title={t(TEXT.title)}
        description={t(TEXT.description)}
        actions={
          <>
            {canEdit ? (
              <ButtonLink to="/risks/new" variant="primary">
                {t(TEXT.add)}
              </ButtonLink>
            ) : canPropose ? (
              <ButtonLink to="/risks/new" variant="primary">
                {t(TEXT.propose)}
              </ButtonLink>
            ) : null}
            <ButtonLink to="/risks/rules">{t(TEXT.rules)}</ButtonLink>
          </>
        }
      />
      <FilterBar
        label={t(TEXT.filters)}
        values={{
          category: f.category,
          level: f.level,
          owner: f.ownerUserId === undefined ? undefined : String(f.ownerUserId),
          status: f.status,
          overdue: f.overdue ? "1" : undefined,
        }}
        hidden={{ source: f.source }}
        controls={[
          { kind: "select", name: "category", label: t(TEXT.category), anyLabel: t(TEXT.any), options: labelOptions(tLabels(CATEGORY_LABELS)) },
          { kind: "select", name: "level", label: t(TEXT.level), anyLabel: t(TEXT.any), options: labelOptions(tLabels(RISK_LEVEL_LABELS)) },
          {
            kind: "select",
            name: "owner",
            label: t(TEXT.owner),
            anyLabel: t(TEXT.any),
            options: data.owners.map((o) => ({ value: String(o.id), label: o.name })),
          },
          {
            kind: "select",
            name: "status",
            label: t(TEXT.status),
            anyLabel: null,
            neutral: "active",
            options: [{ value: "active", label: t(TEXT.active) }, ...labelOptions(tLabels(STATUS_LABELS))],
            trailing: [{ value: "all", label: t(TEXT.all) }],
          },
          { kind: "checkbox", name: "overdue", label: t(TEXT.overdue) },
        ]}
      />

      <section className="risk-maps" aria-label={t("Heat maps")}>
        <RiskHeatMap kind="inherent" title={t(TEXT.inherentMap)} cells={data.inherent.cells} selected={f.cell} />
        <RiskHeatMap kind="residual" title={t(TEXT.residualMap)} cells={data.residual.cells} selected={f.cell} />
        <p className="risk-maps__help">
          {t("Score = likelihood × impact")}{" "}
          <Tooltip
            label={t(TEXT.scoreHelp)}
            content={
              <>
                <strong>{t("{{label}}:", { label: t(FORMULAS.risk_score.label) })}</strong> {t(FORMULAS.risk_score.formula)}{" "}
                <strong>{t("{{label}}:", { label: t(FORMULAS.risk_level.label) })}</strong> {t(FORMULAS.risk_level.formula)} {t(FORMULAS.overdue.formula)}{" "}
                {t("Counts follow the filters above.")}
              </>
            }
          />
        </p>
      </section>

      <section id="register" className="panel" aria-labelledby="register-title">
        <h2 id="register-title">{t("Risks")}</h2>
        <TabsLinks
          label={t(TEXT.sources)}
          className="risk-sources"
          items={[
            { label: `${t(TEXT.sourceAll)} (${data.bySource.people + data.bySource.rule})`, source: null },
            { label: `${t(TEXT.sourcePeople)} (${data.bySource.people})`, source: "people" as const },
            { label: `${t(TEXT.sourceRule)} (${data.bySource.rule})`, source: "rule" as const },
          ].map((tab) => ({
            label: tab.label,
            to: `/risks${tableHref(search, { source: tab.source, page: null })}#register`,
            current: (f.source ?? null) === tab.source,
          }))}
        />
        {f.source === "rule" ? <p className="muted">{t(TEXT.sourceRuleHelp)}</p> : null}
        {f.cell ? (
          <p className="notice" role="status">
            {f.cell.kind === "inherent"
              ? t("Showing the inherent cell likelihood {{l}} × impact {{i}}.", { l: f.cell.likelihood, i: f.cell.impact })
              : t("Showing the residual cell likelihood {{l}} × impact {{i}}.", { l: f.cell.likelihood, i: f.cell.impact })}{" "}
            <Link to={{ pathname: "/risks", search: tableHref(search, { kind: null, l: null, i: null, page: null }) }} preventScrollReset>
              {t(TEXT.clearCell)}
            </Link>
          </p>
        ) : null}
        <DataTable
          {...pagedRows(data)}
          columns={columns}
          caption={t(TEXT.caption)}
          csvHref={`/risks.csv${csvSearch}`}
          rowClassName={(r) => (r.overdue ? "risk-row--overdue" : undefined)}
          emptyState={
            hasFilters ? (
              <p role="status">
                {t("No risk matches these filters.")} <Link to="/risks">{t(TEXT.reset)}</Link>
              </p>
            ) : (
              <EmptyState
                title={t(TEXT.emptyTitle)}
                whoMay={t(TEXT.emptyWho)}
                action={canPropose ? <ButtonLink to="/risks/new">{canEdit ? t(TEXT.add) : t(TEXT.propose)}</ButtonLink> : undefined}
              >
                <p>{t(TEXT.emptyBody)}</p>
              </EmptyState>
            )
          }
        />
      </section>
    </>
  );
}
