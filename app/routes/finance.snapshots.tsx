import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import financeCss from "~/components/finance/finance.css";
import { CsvImportPanel, csvImportReplyOf } from "~/components/ui/csv-import-panel";
import { createDataTableColumnHelper, DataTable } from "~/components/ui/data-table";
import { EmptyState } from "~/components/ui/empty-state";
import { Field, replyField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { financeCsvImportStep } from "~/handlers/csv-import.server";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { eurosFromCents, formatMoney, formatMonth, formatNumber, NO_DATA } from "~/lib/format";
import { fieldErrorsOf, valueOf } from "~/lib/forms";
import { parseTableParams, tablePaging } from "~/lib/table-params";
import {
  financeMonthSchema,
  getSnapshot,
  importSnapshotsCsv,
  snapshotFormSchema,
  listSnapshots,
  saveSnapshot,
  snapshotInputFrom,
  SNAPSHOT_SORTS,
  type FinanceSnapshotRow,
  type SnapshotSort,
} from "~/models/finance.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Finance snapshots"),
  description: N_(
    "One row per closed month: cash at month end, revenue collected, MRR and customers. A month with a snapshot is closed; the latest closed month is M in every finance metric.",
  ),
  formNew: N_("Record a month"),
  formEdit: N_("Edit {{month}}"),
  formHelp: N_("Amounts in euros with up to 2 decimals. Saving a month that already has a snapshot replaces it."),
  month: N_("Month"),
  cash: N_("Cash at month end (€)"),
  revenue: N_("Revenue collected (€)"),
  mrr: N_("MRR (€)"),
  customers: N_("Customers at month end"),
  newCustomers: N_("New customers"),
  churnedCustomers: N_("Churned customers"),
  financing: N_("Financing inflow (€)"),
  costOfRevenue: N_("Cost of revenue (€)"),
  costOfRevenueHint: N_("Hosting, third-party fees and support serving customers. Leave empty when not known: the month then has no gross margin."),
  save: N_("Save snapshot"),
  saving: N_("Saving…"),
  cancelEdit: N_("New month instead"),
  saved: N_("Snapshot of {{month}} saved."),
  importTitle: N_("Import a CSV file"),
  importHelp: N_(
    "Columns month,cash,revenue,mrr,customers,new_customers,churned_customers,financing and optionally cost_of_revenue — amounts in euros with up to 2 decimals; an empty financing means 0, an empty or absent cost_of_revenue means not recorded. One bad row rejects the whole file; every bad row is listed.",
  ),
  file: N_("CSV file"),
  importButton: N_("Import"),
  importing: N_("Importing…"),
  importRefused: N_("Nothing was imported. Fix these rows and upload the file again:"),
  readOnly: N_("Only the CEO records and edits finance snapshots."),
  caption: N_("Finance snapshots by month"),
  emptyTitle: N_("No finance snapshot yet"),
  emptyBody: N_("Record the first closed month with the form above, or import a CSV file. Until then the finance metrics show no data."),
  emptyWho: N_("the CEO"),
  edit: N_("Edit"),
  filter: N_("Filter by month (e.g. 2025 or 2025-03)"),
} as const;

/** The snapshot form's figures, in form order: field name, label, stored column; money in euros (stored in cents). */
const SNAPSHOT_FIELDS = [
  { name: "cash", label: TEXT.cash, column: "cashCents", money: true, required: true },
  { name: "revenue", label: TEXT.revenue, column: "revenueCents", money: true, required: true },
  { name: "mrr", label: TEXT.mrr, column: "mrrCents", money: true, required: true },
  { name: "customers", label: TEXT.customers, column: "customers", money: false, required: true },
  { name: "newCustomers", label: TEXT.newCustomers, column: "newCustomers", money: false, required: true },
  { name: "churnedCustomers", label: TEXT.churnedCustomers, column: "churnedCustomers", money: false, required: true },
  { name: "financing", label: TEXT.financing, column: "financingCents", money: true, required: false },
  { name: "costOfRevenue", label: TEXT.costOfRevenue, column: "costOfRevenueCents", money: true, required: false, hint: TEXT.costOfRevenueHint },
] as const;

export const { handle, meta } = routeHead("finance", N_("Finance snapshots", "finance"));
export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeCss }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db, url } = await pageRequest(request, "dashboards:read");
  const params = parseTableParams(url, { sortable: Object.keys(SNAPSHOT_SORTS) as SnapshotSort[], defaultSort: { id: "month", desc: true } });
  const { rows, total } = listSnapshots(db, {
    sort: params.sort.id as SnapshotSort,
    desc: params.sort.desc,
    ...tablePaging(params),
    q: params.q,
  });
  const canEdit = can(user, "finance:edit", { categoryIsIt: false });
  const editMonth = financeMonthSchema.safeParse(url.searchParams.get("edit"));
  const editing = canEdit && editMonth.success ? getSnapshot(db, editMonth.data) : null;
  return { params, rows, total, canEdit, editing, savedMonth: financeMonthSchema.safeParse(url.searchParams.get("saved")).data ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  // snapshots are not an IT category: CEO only
  const { user, db } = await pageRequest(request, "finance:edit", { categoryIsIt: false });
  const formData = await request.formData();
  return dispatchIntent(formData, [
    whenIntent("save-snapshot", snapshotFormSchema, (s) => {
      saveSnapshot(db, { kind: "user", actor: user }, snapshotInputFrom(s));
      return redirect(`/finance/snapshots?saved=${s.month}`);
    }),
    whenIntent("import", null, () => financeCsvImportStep(formData, (text, source) => importSnapshotsCsv(db, { kind: "user", actor: user }, text, source))),
  ]);
}

const col = createDataTableColumnHelper<FinanceSnapshotRow>();

export default function FinanceSnapshots() {
  const { params, rows, total, canEdit, editing, savedMonth } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const formatting = useFormatting();
  const { t } = useTranslation("finance");
  const navigation = useNavigation();
  const location = useLocation();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const I = "save-snapshot";
  const v = (name: string, fallback: string | number | null | undefined) => valueOf(reply, name, fallback, I);
  const err = (name: string) => fieldErrorsOf(reply, name, I);
  const importReply = csvImportReplyOf(reply);
  // the snapshot list shows the amounts exactly as they were entered (cents included)
  const m = (c: number) => formatMoney(c, { ...formatting, exact: true });
  const editSearch = (month: string) => {
    const p = new URLSearchParams(location.search);
    p.delete("saved");
    p.set("edit", month);
    return `?${p}#snapshot-form`;
  };

  const columns = col.columns([
    col.accessor("month", {
      id: "month",
      header: t("Month"),
      cell: (c) => formatMonth(c.getValue(), formatting.locale),
      meta: { rowHeader: true, nowrap: true },
    }),
    col.accessor("cashCents", { id: "cashCents", header: t("Cash"), cell: (c) => m(c.getValue()), meta: { align: "end", nowrap: true } }),
    col.accessor("revenueCents", { id: "revenueCents", header: t("Revenue"), cell: (c) => m(c.getValue()), meta: { align: "end", nowrap: true } }),
    col.accessor("mrrCents", { id: "mrrCents", header: t("MRR"), cell: (c) => m(c.getValue()), meta: { align: "end", nowrap: true } }),
    col.accessor("customers", { id: "customers", header: t("Customers"), cell: (c) => formatNumber(c.getValue(), formatting), meta: { align: "end" } }),
    col.accessor("newCustomers", { id: "newCustomers", header: t("New"), cell: (c) => formatNumber(c.getValue(), formatting), meta: { align: "end" } }),
    col.accessor("churnedCustomers", {
      id: "churnedCustomers",
      header: t("Churned"),
      cell: (c) => formatNumber(c.getValue(), formatting),
      meta: { align: "end" },
    }),
    col.accessor("financingCents", { id: "financingCents", header: t("Financing"), cell: (c) => m(c.getValue()), meta: { align: "end", nowrap: true } }),
    col.accessor("costOfRevenueCents", {
      id: "costOfRevenueCents",
      header: t("Cost of revenue"),
      cell: (c) => {
        const v = c.getValue();
        return v === null ? NO_DATA : m(v);
      },
      meta: { align: "end", nowrap: true },
    }),
    ...(canEdit
      ? [
          col.display({
            id: "actions",
            header: t("Actions"),
            cell: (c) => (
              <Link to={editSearch(c.row.original.month)}>
                {t(TEXT.edit)}
                <span className="visually-hidden"> {c.row.original.month}</span>
              </Link>
            ),
          }),
        ]
      : []),
  ]);

  return (
    <div className="finance-page">
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
      {savedMonth ? (
        <p className="notice" role="status">
          {t(TEXT.saved, { month: savedMonth })}
        </p>
      ) : null}
      {!canEdit ? <p className="muted">{t(TEXT.readOnly)}</p> : null}

      {canEdit ? (
        <section className="panel" aria-labelledby="snapshot-form-title" id="snapshot-form">
          <h2 id="snapshot-form-title">{editing ? t(TEXT.formEdit, { month: formatMonth(editing.month, formatting.locale) }) : t(TEXT.formNew)}</h2>
          <p className="muted">{t(TEXT.formHelp)}</p>
          <ReplyMessage reply={reply} intent={I} show="errors" />
          <Form method="post" className="snapshot-form" noValidate key={editing?.month ?? "new"}>
            <input type="hidden" name="intent" value={I} />
            <Field label={t(TEXT.month)} {...replyField(reply, "month", editing?.month, I)} type="month" required />
            {SNAPSHOT_FIELDS.map((f) => {
              const stored = editing?.[f.column];
              return (
                <Field
                  key={f.name}
                  label={t(f.label)}
                  name={f.name}
                  inputMode={f.money ? "decimal" : "numeric"}
                  required={f.required}
                  hint={"hint" in f ? t(f.hint) : undefined}
                  defaultValue={v(f.name, f.money ? (stored === null || stored === undefined ? "" : eurosFromCents(stored)) : stored)}
                  errors={err(f.name)}
                />
              );
            })}
            <div className="snapshot-form__actions">
              <button type="submit" className="btn btn--primary" disabled={busy(I)}>
                {busy(I) ? t(TEXT.saving) : t(TEXT.save)}
              </button>
              {editing ? <Link to="/finance/snapshots">{t(TEXT.cancelEdit)}</Link> : null}
            </div>
          </Form>
        </section>
      ) : null}

      <DataTable
        columns={columns}
        data={rows}
        total={total}
        params={params}
        caption={t(TEXT.caption)}
        // exact entered amounts, cents included (interface conventions)
        className="money-exact"
        getRowId={(r) => r.month}
        filter={{ label: t(TEXT.filter), placeholder: "2025" }}
        csvHref="/finance/snapshots.csv"
        emptyState={
          <EmptyState title={t(TEXT.emptyTitle)} whoMay={t(TEXT.emptyWho)}>
            {t(TEXT.emptyBody)}
          </EmptyState>
        }
      />

      {canEdit ? (
        <CsvImportPanel
          id="snapshot-import"
          fileId="snapshot-file"
          title={t(TEXT.importTitle)}
          fileLabel={t(TEXT.file)}
          busy={busy("import")}
          busyLabel={t(TEXT.importing)}
          buttonLabel={t(TEXT.importButton)}
          refusedTitle={t(TEXT.importRefused)}
          reply={importReply}
        >
          <p className="muted">{t(TEXT.importHelp)}</p>
        </CsvImportPanel>
      ) : null}
    </div>
  );
}
