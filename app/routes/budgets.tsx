import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertPermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { BudgetGridTable, GRID_TEXT, type EditState } from "~/components/finance/budget-grid";
import financeCss from "~/components/finance/finance.css";
import { Button, ButtonLink } from "~/components/ui/button";
import { CsvImportPanel, csvImportReplyOf } from "~/components/ui/csv-import-panel";
import { MonthInput } from "~/components/ui/date-input";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { financeCsvImportStep } from "~/handlers/csv-import.server";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatMonth } from "~/lib/format";
import { fieldErrorsOf, isErrorReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { addMonths, defaultBudgetRange, monthDiff } from "~/lib/months";
import {
  budgetEditParamSchema,
  budgetLineFormSchema,
  budgetRangeSchema,
  getBudgetCategory,
  getBudgetGrid,
  importBudgetCsv,
  listClosedMonths,
  saveBudgetLine,
} from "~/models/finance.server";
import { currentMonth } from "~/models/hiring.server";
import { getCompanySettings } from "~/models/settings.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Budgets"),
  description: N_("Planned and actual spend per category and month. Actuals feed gross burn, runway and the forecast."),
  range: N_("Months"),
  from: N_("From"),
  to: N_("To"),
  show: N_("Show"),
  latest: N_("Latest months"),
  exportCsv: N_("Export CSV"),
  importTitle: N_("Import a CSV file"),
  importHelp: N_(
    "Columns month,category,planned,actual — amounts in euros with up to 2 decimals, an empty actual means not recorded yet. One bad row rejects the whole file; every bad row is listed.",
  ),
  importButton: N_("Import"),
  importing: N_("Importing…"),
  file: N_("CSV file"),
  importRefused: N_("Nothing was imported. Fix these rows and upload the file again:"),
  ctoNote: N_("You may edit the IT categories (marked IT) only."),
  readOnly: N_("You can read the budget; only the CEO (all categories) and the CTO (IT categories) can change it."),
  emptyTitle: N_("No budget lines in these months"),
  emptyBody: N_("Import a CSV file below, or use the Edit links in the grid to enter planned and actual amounts."),
  emptyWho: N_("the CEO (all categories), the CTO (IT categories)"),
  saved: N_("Saved."),
  caption: N_("Budget by category and month, {{from}} to {{to}}: actual / planned and variance"),
  rangeError: N_("Showing the default months: the range in the address was not valid (YYYY-MM, at most 36 months, from before to)."),
} as const;

export const { handle, meta } = routeHead("finance", N_("Budgets", "finance"));
export const links: LinksFunction = () => [{ rel: "stylesheet", href: financeCss }];

function parseRange(url: URL, fallback: { from: string; to: string }) {
  const from = url.searchParams.get("from");
  const to = url.searchParams.get("to");
  if (from === null && to === null) return { ...fallback, invalid: false };
  const r = budgetRangeSchema.safeParse({ from, to });
  return r.success ? { ...r.data, invalid: false } : { ...fallback, invalid: true };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db, url } = await pageRequest(request, "dashboards:read");
  const closed = listClosedMonths(db);
  // opens on the latest closed months and the current one; the user pages by the same span
  const latest = defaultBudgetRange(closed.at(-1) ?? null, currentMonth(getCompanySettings(db).timeZone));
  const range = { ...parseRange(url, latest), latest };
  const { grid, categories } = getBudgetGrid(db, { fromMonth: range.from, toMonth: range.to });
  const editParsed = budgetEditParamSchema.safeParse(url.searchParams.get("edit") ?? "");
  let edit: { categoryId: number; month: string } | null = null;
  if (editParsed.success) {
    const cat = categories.find((c) => c.id === editParsed.data.categoryId);
    // an edit link for a category the user may not edit shows nothing (the action refuses it anyway)
    if (cat && can(user, "finance:edit", { categoryIsIt: cat.isIt }) && grid.months.includes(editParsed.data.month)) edit = editParsed.data;
  }
  return {
    range,
    grid,
    categories: categories.map((c) => ({ ...c, editable: can(user, "finance:edit", { categoryIsIt: c.isIt }) })),
    edit,
    hasLines: grid.rows.some((r) => r.cells.some((c) => c.plannedCents !== 0 || c.actualCents !== null)),
    canEditAny: can(user, "finance:edit"),
    canEditAll: can(user, "finance:edit", { categoryIsIt: false }),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db, url } = await pageRequest(request, "finance:edit");
  const formData = await request.formData();
  return dispatchIntent(formData, [
    whenIntent("save-line", budgetLineFormSchema, ({ categoryId, month, planned, actual }) => {
      const category = getBudgetCategory(db, categoryId);
      if (!category) return fieldError(formData, "categoryId", N_("is not a known category", "validation"), "save-line");
      // per line: the CTO may only touch IT categories (403 otherwise, even when the form is forged)
      assertPermission(user, "finance:edit", { categoryIsIt: category.isIt });
      saveBudgetLine(db, { kind: "user", actor: user }, { categoryId: category.id, month, plannedCents: planned, actualCents: actual });
      url.searchParams.delete("edit");
      url.searchParams.set("saved", `${category.id}:${month}`);
      return redirect(`${url.pathname}?${url.searchParams}#cell-${category.id}-${month}`);
    }),
    whenIntent("import", null, () => financeCsvImportStep(formData, (text, source) => importBudgetCsv(db, { kind: "user", actor: user }, text, source))),
  ]);
}

export default function Budgets() {
  const { range, grid, categories, edit, hasLines, canEditAny, canEditAll } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const formatting = useFormatting();
  const { t } = useTranslation("finance");
  const location = useLocation();
  const navigation = useNavigation();
  const importing = navigation.state === "submitting" && navigation.formData?.get("intent") === "import";

  const search = new URLSearchParams(location.search);
  search.delete("edit");
  search.delete("saved");
  const rangeHref = (from: string, to: string) => {
    const p = new URLSearchParams(search);
    p.set("from", from);
    p.set("to", to);
    return `?${p}`;
  };
  const editHref = (categoryId: number, month: string) => {
    const p = new URLSearchParams(search);
    p.set("from", range.from);
    p.set("to", range.to);
    p.set("edit", `${categoryId}:${month}`);
    return `?${p}#cell-${categoryId}-${month}`;
  };
  const cancelHref = `?${search}`;
  const span = monthDiff(range.from, range.to) + 1;

  let editing: EditState | null = null;
  if (edit) {
    const errReply = isErrorReply(reply, "save-line") ? reply : null;
    editing = {
      ...edit,
      errors: errReply ? { planned: fieldErrorsOf(reply, "planned", "save-line"), actual: fieldErrorsOf(reply, "actual", "save-line") } : undefined,
      values: errReply ? { planned: errReply.values.planned, actual: errReply.values.actual } : undefined,
    };
  }
  const importReply = csvImportReplyOf(reply);
  const csvHref = `/budgets.csv?from=${range.from}&to=${range.to}`;

  return (
    <div className="finance-page">
      <PageHeader
        title={t(TEXT.title)}
        description={t(TEXT.description)}
        actions={
          <>
            <ButtonLink to="/budgets/categories">{t("Categories & envelopes")}</ButtonLink>
            <a className="btn btn--secondary" href={csvHref} download>
              {t(TEXT.exportCsv)}
            </a>
          </>
        }
      >
        <Form method="get" className="range-form" aria-label={t(TEXT.range)}>
          <label htmlFor="range-from">{t(TEXT.from)}</label>
          <MonthInput id="range-from" name="from" defaultValue={range.from} required />
          <label htmlFor="range-to">{t(TEXT.to)}</label>
          <MonthInput id="range-to" name="to" defaultValue={range.to} required />
          <Button variant="secondary">{t(TEXT.show)}</Button>
          <span className="range-form__pager">
            <Link to={rangeHref(addMonths(range.from, -span), addMonths(range.to, -span))} preventScrollReset>
              {t("← Previous {{count}} months", { count: span })}
            </Link>
            <Link to={rangeHref(addMonths(range.from, span), addMonths(range.to, span))} preventScrollReset>
              {t("Next {{count}} months →", { count: span })}
            </Link>
            {range.from !== range.latest.from || range.to !== range.latest.to ? (
              <Link to={rangeHref(range.latest.from, range.latest.to)} preventScrollReset>
                {t(TEXT.latest)}
              </Link>
            ) : null}
          </span>
        </Form>
      </PageHeader>

      {range.invalid ? (
        <p className="notice" role="status">
          {t(TEXT.rangeError)}
        </p>
      ) : null}
      {canEditAny && !canEditAll ? <p className="muted">{t(TEXT.ctoNote)}</p> : null}
      {!canEditAny ? <p className="muted">{t(TEXT.readOnly)}</p> : null}
      <ReplyMessage reply={reply} show="errors" />

      <p className="bgrid-legend muted">{t(GRID_TEXT.legend)}</p>
      {!hasLines ? (
        <EmptyState title={t(TEXT.emptyTitle)} whoMay={t(TEXT.emptyWho)}>
          {t(TEXT.emptyBody)}
        </EmptyState>
      ) : null}
      <BudgetGridTable
        grid={grid}
        categories={categories}
        fmt={formatting}
        editHref={editHref}
        cancelHref={cancelHref}
        editing={editing}
        caption={t(TEXT.caption, { from: formatMonth(range.from, formatting.locale), to: formatMonth(range.to, formatting.locale) })}
      />

      {canEditAny ? (
        <CsvImportPanel
          id="budget-import"
          fileId="budget-file"
          title={t(TEXT.importTitle)}
          fileLabel={t(TEXT.file)}
          busy={importing}
          busyLabel={t(TEXT.importing)}
          buttonLabel={t(TEXT.importButton)}
          refusedTitle={t(TEXT.importRefused)}
          reply={importReply}
        >
          <p className="muted">{t(TEXT.importHelp)}</p>
          {canEditAny && !canEditAll ? <p className="muted">{t(TEXT.ctoNote)}</p> : null}
        </CsvImportPanel>
      ) : null}
    </div>
  );
}
