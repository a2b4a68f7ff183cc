import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { createDataTableColumnHelper, DataTable } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { FilterBar } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { useFormatting } from "~/hooks/root-data";
import { formatDateTime } from "~/lib/format";
import { parseTableParams, tableHref, tablePaging } from "~/lib/table-params";
import { auditActorLabel, auditChanges, auditFilterFromUrl, listAudit, listAuditEntityTypes, type AuditChange } from "~/models/audit.server";
import { listUsers } from "~/models/users.server";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Audit trail",
  description: "Every change made in the tracker: who (a person, an API token or the system’s metric rules), when, to what, and what changed.",
  entity: "Entity",
  who: "Who",
  from: "From (UTC)",
  to: "To (UTC, inclusive)",
  any: "Anyone",
  anyEntity: "All entities",
  system: "System (metric rules)",
  tokens: "API tokens",
  reset: "Clear the filters",
  caption: "Audit entries",
  empty: "No change recorded yet",
  emptyBody: "Entries appear here as soon as anyone changes something.",
  noMatch: "No entry matches these filters.",
  entityFilter: (t: string, id: string) => `Showing the changes of ${t} #${id}.`,
} as const;

export const meta: MetaFunction = () => [{ title: "Audit trail · Strategy Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "audit:read");
  const db = getDb();
  const url = new URL(request.url);
  const filter = auditFilterFromUrl(url);
  const params = parseTableParams(url, { sortable: [], defaultSort: { id: "at", desc: true }, pageSizes: [50, 100, 200], defaultPageSize: 50 });
  const { rows, total } = listAudit(db, filter.filter, tablePaging(params));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at.getTime(),
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      who: auditActorLabel(r),
      changes: auditChanges(r.before, r.after),
    })),
    total,
    params,
    raw: filter.raw,
    entityTypes: listAuditEntityTypes(db),
    users: listUsers(db).map((u) => ({ id: u.id, name: u.name })),
  };
}

type Row = { id: number; at: number; action: string; entityType: string; entityId: string | null; who: string; changes: AuditChange[] };

function show(v: unknown): string {
  if (v === undefined) return "—";
  if (v === null) return "empty";
  if (typeof v === "string") return v.length > 160 ? `${v.slice(0, 157)}…` : v;
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

function When({ at }: { at: number }) {
  const formatting = useFormatting();
  return <>{formatDateTime(at, formatting.timeZone, formatting.locale)}</>;
}

const col = createDataTableColumnHelper<Row>();
const columns = col.columns([
  col.accessor("at", { id: "at", header: "When", cell: (c) => <When at={c.getValue()} />, meta: { nowrap: true } }),
  col.accessor("who", { id: "who", header: "Who" }),
  col.accessor("action", { id: "action", header: "Action" }),
  col.accessor("entityType", {
    id: "entity",
    header: "Entity",
    cell: (c) => (
      <span className="nowrap">
        {c.getValue()}
        {c.row.original.entityId ? ` #${c.row.original.entityId}` : ""}
      </span>
    ),
  }),
  col.accessor("changes", {
    id: "changes",
    header: "Before → after",
    cell: (c) =>
      c.getValue().length === 0 ? (
        <span className="muted">no field change</span>
      ) : (
        <ul className="audit-diff">
          {c.getValue().map((ch) => (
            <li key={ch.field}>
              <span className="audit-diff__field">{ch.field}</span>: <del className="audit-diff__before">{show(ch.before)}</del>{" "}
              <span aria-hidden="true">→</span>
              <span className="visually-hidden"> became </span> <ins className="audit-diff__after">{show(ch.after)}</ins>
            </li>
          ))}
        </ul>
      ),
  }),
]);

export default function Audit() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const raw = data.raw;
  const csvSearch = tableHref(location.search, { page: null, size: null });
  const filtered = Object.values(raw).some(Boolean);
  return (
    <>
      <PageHeader title={TEXT.title} description={TEXT.description} />
      <FilterBar
        label="Filters"
        values={raw}
        hidden={{ entityId: raw.entityId }}
        controls={[
          { kind: "select", name: "entity", label: TEXT.entity, anyLabel: TEXT.anyEntity, options: data.entityTypes.map((t) => ({ value: t, label: t })) },
          {
            kind: "select",
            name: "actor",
            label: TEXT.who,
            anyLabel: TEXT.any,
            options: [
              { value: "system", label: TEXT.system },
              { value: "token", label: TEXT.tokens },
              ...data.users.map((u) => ({ value: String(u.id), label: u.name })),
            ],
          },
          { kind: "date", name: "from", label: TEXT.from, hint: "YYYY-MM-DD (UTC)" },
          { kind: "date", name: "to", label: TEXT.to, hint: "YYYY-MM-DD (UTC), inclusive" },
        ]}
      >
        {raw.entityId && raw.entity ? <p className="notice">{TEXT.entityFilter(raw.entity, raw.entityId)}</p> : null}
      </FilterBar>
      <section className="panel">
        <DataTable
          columns={columns}
          data={data.rows}
          total={data.total}
          params={data.params}
          caption={TEXT.caption}
          getRowId={(r) => String(r.id)}
          csvHref={`/audit.csv${csvSearch}`}
          emptyState={
            filtered ? (
              <p role="status">
                {TEXT.noMatch} <Link to="/audit">{TEXT.reset}</Link>
              </p>
            ) : (
              <EmptyState title={TEXT.empty}>
                <p>{TEXT.emptyBody}</p>
              </EmptyState>
            )
          }
        />
      </section>
    </>
  );
}
