import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
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
import { TabsLinks } from "~/components/ui/tabs-links";
import { Tooltip } from "~/components/ui/tooltip";
import { useFormatting, useOptionalUser } from "~/hooks/root-data";
import { formatDate } from "~/lib/format";
import { FORMULAS, RISK_LEVEL_LABELS } from "~/lib/metrics/risks";
import { parseTableParams, tableHref, tablePaging } from "~/lib/table-params";
import { getRiskHeatMap, listRiskOwnerOptions, countRisksBySource, listRisks, RISK_SORTS, riskFilterFromUrl, type RiskRow } from "~/models/risks.server";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Risk register",
  description: "Every risk with its inherent and residual rating (likelihood × impact, 1–25), owner, treatment and next review.",
  propose: "Propose a risk",
  add: "Add a risk",
  rules: "Metric rules",
  filters: "Filters",
  category: "Category",
  level: "Residual level",
  owner: "Owner",
  status: "Status",
  overdue: "Review overdue only",
  reset: "Clear the filters",
  any: "Any",
  active: "Active (not closed)",
  all: "All, including closed",
  inherentMap: "Inherent risk (before treatment)",
  residualMap: "Residual risk (after treatment)",
  cellFilter: (kind: string, l: number, i: number) => `Showing the ${kind} cell likelihood ${l} × impact ${i}.`,
  clearCell: "Show all cells",
  caption: "Risks",
  emptyTitle: "No risks in the register yet",
  emptyBody:
    "Add the first risk with “Add a risk” (or “Propose a risk” as a team lead): give it a category, likelihood and impact before and after treatment, an owner and a review date.",
  emptyWho: "CEO and CTO add and accept risks; team leads propose them.",
  scoreHelp: "About risk scores",
  overdueTag: "Review overdue",
  raised: "Raised by a metric rule",
  sources: "Who put the risks in the register",
  sourceAll: "All",
  sourcePeople: "Entered by people",
  sourceRule: "Raised by metric rules",
  sourceRuleHelp:
    "A metric rule opens one risk per cause, owned by whoever owns that cause, updates it while the cause lasts and closes it when the cause clears.",
} as const;

export const meta: MetaFunction = () => [{ title: "Risks · Strategy Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  const db = getDb();
  const url = new URL(request.url);
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
  if (!row.nextReviewDate) return <span className="muted">not set</span>;
  return (
    <span className={row.overdue ? "risk-overdue" : undefined}>
      {formatDate(row.nextReviewDate, formatting.timeZone, formatting.locale)}
      {row.overdue ? (
        <>
          {" "}
          <Badge tone="bad">{TEXT.overdueTag}</Badge>
        </>
      ) : null}
    </span>
  );
}

const columns = col.columns([
  col.accessor("title", {
    id: "title",
    header: "Risk",
    meta: { rowHeader: true },
    cell: (c) => (
      <span className="risk-title">
        <Link to={`/risks/${c.row.original.id}`}>{c.getValue()}</Link>
        {c.row.original.raisedByRuleKind ? (
          <span className="risk-title__raised">
            {TEXT.raised}
            {c.row.original.raisedValue ? `: ${c.row.original.raisedValue}` : ""}
          </span>
        ) : null}
      </span>
    ),
  }),
  col.accessor("category", { id: "category", header: "Category", cell: (c) => CATEGORY_LABELS[c.getValue()] }),
  col.accessor("residualScore", {
    id: "residualScore",
    header: "Residual",
    cell: (c) => <RiskLevelBadge level={c.row.original.residualLevel} score={c.getValue()} />,
    meta: { nowrap: true },
  }),
  col.accessor("inherentScore", {
    id: "inherentScore",
    header: "Inherent",
    cell: (c) => <RiskLevelBadge level={c.row.original.inherentLevel} score={c.getValue()} />,
    meta: { nowrap: true },
  }),
  col.accessor("ownerName", { id: "owner", header: "Owner", cell: (c) => c.getValue() ?? <span className="muted">none</span> }),
  col.accessor("status", { id: "status", header: "Status", cell: (c) => STATUS_LABELS[c.getValue()] }),
  col.accessor("nextReviewDate", { id: "nextReviewDate", header: "Next review", cell: (c) => <DateCell row={c.row.original} />, meta: { nowrap: true } }),
]);

export default function RisksIndex() {
  const data = useLoaderData<typeof loader>();
  const user = useOptionalUser();
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
        title={TEXT.title}
        description={TEXT.description}
        actions={
          <>
            {canEdit ? (
              <ButtonLink to="/risks/new" variant="primary">
                {TEXT.add}
              </ButtonLink>
            ) : canPropose ? (
              <ButtonLink to="/risks/new" variant="primary">
                {TEXT.propose}
              </ButtonLink>
            ) : null}
            <ButtonLink to="/risks/rules">{TEXT.rules}</ButtonLink>
          </>
        }
      />
      <FilterBar
        label={TEXT.filters}
        values={{
          category: f.category,
          level: f.level,
          owner: f.ownerUserId === undefined ? undefined : String(f.ownerUserId),
          status: f.status,
          overdue: f.overdue ? "1" : undefined,
        }}
        hidden={{ source: f.source }}
        controls={[
          { kind: "select", name: "category", label: TEXT.category, options: labelOptions(CATEGORY_LABELS) },
          { kind: "select", name: "level", label: TEXT.level, options: labelOptions(RISK_LEVEL_LABELS) },
          { kind: "select", name: "owner", label: TEXT.owner, options: data.owners.map((o) => ({ value: String(o.id), label: o.name })) },
          {
            kind: "select",
            name: "status",
            label: TEXT.status,
            anyLabel: null,
            neutral: "active",
            options: [{ value: "active", label: TEXT.active }, ...labelOptions(STATUS_LABELS)],
            trailing: [{ value: "all", label: TEXT.all }],
          },
          { kind: "checkbox", name: "overdue", label: TEXT.overdue },
        ]}
      />

      <section className="risk-maps" aria-label="Heat maps">
        <RiskHeatMap kind="inherent" title={TEXT.inherentMap} cells={data.inherent.cells} selected={f.cell} />
        <RiskHeatMap kind="residual" title={TEXT.residualMap} cells={data.residual.cells} selected={f.cell} />
        <p className="risk-maps__help">
          Score = likelihood × impact{" "}
          <Tooltip
            label={TEXT.scoreHelp}
            content={
              <>
                <strong>{FORMULAS.risk_score.label}:</strong> {FORMULAS.risk_score.formula} <strong>{FORMULAS.risk_level.label}:</strong>{" "}
                {FORMULAS.risk_level.formula} {FORMULAS.overdue.formula} Counts follow the filters above.
              </>
            }
          />
        </p>
      </section>

      <section id="register" className="panel" aria-labelledby="register-title">
        <h2 id="register-title">Risks</h2>
        <TabsLinks
          label={TEXT.sources}
          className="risk-sources"
          items={[
            { label: `${TEXT.sourceAll} (${data.bySource.people + data.bySource.rule})`, source: null },
            { label: `${TEXT.sourcePeople} (${data.bySource.people})`, source: "people" as const },
            { label: `${TEXT.sourceRule} (${data.bySource.rule})`, source: "rule" as const },
          ].map((t) => ({
            label: t.label,
            to: `/risks${tableHref(search, { source: t.source, page: null })}#register`,
            current: (f.source ?? null) === t.source,
          }))}
        />
        {f.source === "rule" ? <p className="muted">{TEXT.sourceRuleHelp}</p> : null}
        {f.cell ? (
          <p className="notice" role="status">
            {TEXT.cellFilter(f.cell.kind, f.cell.likelihood, f.cell.impact)}{" "}
            <Link to={{ pathname: "/risks", search: tableHref(search, { kind: null, l: null, i: null, page: null }) }} preventScrollReset>
              {TEXT.clearCell}
            </Link>
          </p>
        ) : null}
        <DataTable
          columns={columns}
          data={data.rows}
          total={data.total}
          params={data.params}
          caption={TEXT.caption}
          getRowId={(r) => String(r.id)}
          csvHref={`/risks.csv${csvSearch}`}
          rowClassName={(r) => (r.overdue ? "risk-row--overdue" : undefined)}
          emptyState={
            hasFilters ? (
              <p role="status">
                No risk matches these filters. <Link to="/risks">{TEXT.reset}</Link>
              </p>
            ) : (
              <EmptyState
                title={TEXT.emptyTitle}
                whoMay={TEXT.emptyWho}
                action={canPropose ? <ButtonLink to="/risks/new">{canEdit ? TEXT.add : TEXT.propose}</ButtonLink> : undefined}
              >
                <p>{TEXT.emptyBody}</p>
              </EmptyState>
            )
          }
        />
      </section>
    </>
  );
}
