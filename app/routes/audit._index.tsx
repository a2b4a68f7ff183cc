import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { createDataTableColumnHelper, DataTable } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { FilterBar } from "~/components/ui/filter-bar";
import { PageHeader } from "~/components/ui/page-header";
import { pagedRows } from "~/components/ui/paged-rows";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatDateTime } from "~/lib/format";
import { parseTableParams, tableHref, tablePaging } from "~/lib/table-params";
import {
  auditActionLabel,
  auditActorLabel,
  auditChanges,
  auditEntityLabel,
  auditFilterFromUrl,
  listAudit,
  listAuditEntityTypes,
  type AuditChange,
} from "~/models/audit.server";
import { listUsers } from "~/models/users.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Audit trail"),
  description: N_("Every change made in the tracker: who (a person, an API token or the system’s metric rules), when, to what, and what changed."),
  entity: N_("Entity"),
  who: N_("Who"),
  from: N_("From (UTC)"),
  to: N_("To (UTC, inclusive)"),
  any: N_("Anyone"),
  anyEntity: N_("All entities"),
  system: N_("System (metric rules)"),
  tokens: N_("API tokens"),
  reset: N_("Clear the filters"),
  caption: N_("Audit entries"),
  empty: N_("No change recorded yet"),
  emptyBody: N_("Entries appear here as soon as anyone changes something."),
  noMatch: N_("No entry matches these filters."),
} as const;

export const { handle, meta } = routeHead("auth", N_("Audit trail", "auth"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db, url } = await pageRequest(request, "audit:read");
  const filter = auditFilterFromUrl(url);
  const params = parseTableParams(url, { sortable: [], defaultSort: { id: "at", desc: true }, pageSizes: [50, 100, 200], defaultPageSize: 50 });
  const { rows, total } = listAudit(db, filter.filter, tablePaging(params));
  return {
    rows: rows.map((r) => ({
      id: r.id,
      at: r.at.getTime(),
      action: r.action,
      actionLabel: auditActionLabel(r.action),
      entityType: r.entityType,
      entityLabel: auditEntityLabel(r.entityType),
      entityId: r.entityId,
      who: auditActorLabel(r),
      changes: auditChanges(r.before, r.after),
    })),
    total,
    params,
    raw: filter.raw,
    entityTypes: listAuditEntityTypes(db).map((t) => ({ value: t, label: auditEntityLabel(t) })),
    users: listUsers(db).map((u) => ({ id: u.id, name: u.name })),
  };
}

type Row = {
  id: number;
  at: number;
  action: string;
  actionLabel: string | null;
  entityType: string;
  entityLabel: string | null;
  entityId: string | null;
  who: string;
  changes: AuditChange[];
};

function show(v: unknown, t: TFunction): string {
  if (v === undefined) return "—";
  if (v === null) return t("empty", { ns: "auth" });
  if (typeof v === "string") return v.length > 160 ? `${v.slice(0, 157)}…` : v;
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}

/** A stored action or entity type, by its label in the reader's language when it has one. */
function Label({ label, stored }: { label: string | null; stored: string }) {
  const { t } = useTranslation("auth");
  return <>{label ? t(label) : stored}</>;
}

/** A column heading, translated. */
function Heading({ text }: { text: string }) {
  const { t } = useTranslation("auth");
  return <>{t(text)}</>;
}

function Changes({ changes }: { changes: AuditChange[] }) {
  const { t } = useTranslation("auth");
  return changes.length === 0 ? (
    <span className="muted">{t("no field change")}</span>
  ) : (
    <ul className="audit-diff">
      {changes.map((ch) => (
        <li key={ch.field}>
          <code className="audit-diff__field">{ch.field}</code>:{" "}
          <del className="audit-diff__before" translate="no">
            {show(ch.before, t)}
          </del>{" "}
          <span aria-hidden="true">→</span>
          <span className="visually-hidden"> {t("became")} </span>{" "}
          <ins className="audit-diff__after" translate="no">
            {show(ch.after, t)}
          </ins>
        </li>
      ))}
    </ul>
  );
}

function When({ at }: { at: number }) {
  const formatting = useFormatting();
  return <>{formatDateTime(at, formatting.timeZone, formatting.locale)}</>;
}

const col = createDataTableColumnHelper<Row>();
const columns = col.columns([
  col.accessor("at", { id: "at", header: () => <Heading text={N_("When")} />, cell: (c) => <When at={c.getValue()} />, meta: { nowrap: true } }),
  col.accessor("who", { id: "who", header: () => <Heading text={N_("Who")} /> }),
  col.accessor("action", {
    id: "action",
    header: () => <Heading text={N_("Action")} />,
    cell: (c) => <Label label={c.row.original.actionLabel} stored={c.getValue()} />,
  }),
  col.accessor("entityType", {
    id: "entity",
    header: () => <Heading text={N_("Entity")} />,
    cell: (c) => (
      <span className="nowrap">
        <Label label={c.row.original.entityLabel} stored={c.getValue()} />
        {c.row.original.entityId ? ` #${c.row.original.entityId}` : ""}
      </span>
    ),
  }),
  col.accessor("changes", { id: "changes", header: () => <Heading text={N_("Before → after")} />, cell: (c) => <Changes changes={c.getValue()} /> }),
]);

export default function Audit() {
  const data = useLoaderData<typeof loader>();
  const location = useLocation();
  const raw = data.raw;
  const csvSearch = tableHref(location.search, { page: null, size: null });
  const filtered = Object.values(raw).some(Boolean);
  const { t } = useTranslation("auth");
  const entityName = (stored: string) => {
    const label = data.entityTypes.find((e) => e.value === stored)?.label;
    return label ? t(label) : stored;
  };
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
      <FilterBar
        label={t("Filters")}
        values={raw}
        hidden={{ entityId: raw.entityId }}
        controls={[
          {
            kind: "select",
            name: "entity",
            label: t(TEXT.entity),
            anyLabel: t(TEXT.anyEntity),
            options: data.entityTypes.map((e) => ({ value: e.value, label: entityName(e.value) })),
          },
          {
            kind: "select",
            name: "actor",
            label: t(TEXT.who),
            anyLabel: t(TEXT.any),
            options: [
              { value: "system", label: t(TEXT.system) },
              { value: "token", label: t(TEXT.tokens) },
              ...data.users.map((u) => ({ value: String(u.id), label: u.name })),
            ],
          },
          { kind: "date", name: "from", label: t(TEXT.from), hint: t("YYYY-MM-DD (UTC)") },
          { kind: "date", name: "to", label: t(TEXT.to), hint: t("YYYY-MM-DD (UTC), inclusive") },
        ]}
      >
        {raw.entityId && raw.entity ? (
          <p className="notice">{t("Showing the changes of {{entity}} #{{id}}.", { entity: entityName(raw.entity), id: raw.entityId })}</p>
        ) : null}
      </FilterBar>
      <section className="panel">
        <DataTable
          {...pagedRows(data)}
          columns={columns}
          caption={t(TEXT.caption)}
          csvHref={`/audit.csv${csvSearch}`}
          emptyState={
            filtered ? (
              <p role="status">
                {t(TEXT.noMatch)} <Link to="/audit">{t(TEXT.reset)}</Link>
              </p>
            ) : (
              <EmptyState title={t(TEXT.empty)}>
                <p>{t(TEXT.emptyBody)}</p>
              </EmptyState>
            )
          }
        />
      </section>
    </>
  );
}
