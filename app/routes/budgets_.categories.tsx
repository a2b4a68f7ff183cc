import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { assertPermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { CheckboxField, Field, replyField, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { FormCard } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { CellSelect, RowEditActions, RowName, rowField, updateRow } from "~/components/ui/row-form";
import { SimpleTable } from "~/components/ui/simple-table";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatMoney } from "~/lib/format";
import { type FormReply, isErrorReply, valueOf } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { fiscalYearLabel, fiscalYearMonths, fiscalYearOf } from "~/lib/months";
import { BudgetCategoriesParamsSchema, budgetCategoryFormSchemas } from "~/lib/schemas/finance.server";
import { parseSearchParams } from "~/lib/url-params.server";
import {
  categoryNameTaken,
  createCategory,
  getCategoryRow,
  categoryTotalsForYear,
  listCategoriesForYear,
  setCategoryArchived,
  setEnvelope,
  updateCategory,
  type BudgetGroup,
} from "~/models/finance-categories.server";
import { currentMonth } from "~/models/hiring.server";
import { getCompanySettings } from "~/models/settings.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";
import { BUDGET_GROUPS } from "../../db/schema/enums";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead("finance", N_("Budget categories", "finance"));

// not imported from the .server model: the component needs them in the browser too
const GROUP_LABELS: Record<BudgetGroup, string> = { it: N_("IT"), payroll: N_("Payroll"), other: N_("Other") };

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request, "dashboards:read");
  const settings = getCompanySettings(db);
  const start = settings.fiscalYearStartMonth;
  const { data: params } = parseSearchParams(new URL(request.url), BudgetCategoriesParamsSchema);
  const current = fiscalYearOf(currentMonth(settings.timeZone), start);
  const year = params.year ?? current;
  const months = fiscalYearMonths(year, start);
  const rows = listCategoriesForYear(db, year, months);
  return { year, current, label: fiscalYearLabel(year, start), months, rows, totals: categoryTotalsForYear(db, year, months) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "finance:edit");
  const formData = await request.formData();
  const s = budgetCategoryFormSchemas();
  const categoryId = Number(formData.get("categoryId"));
  const onRow = { replyTo: `${String(formData.get("intent") ?? "")}-${Number.isSafeInteger(categoryId) ? categoryId : "?"}` };
  /** the category of a row's form, once the user may edit it (403 for a CTO on a non-IT category) */
  const editableRow = (id: number) => {
    const row = getCategoryRow(db, id);
    if (row) assertPermission(user, "finance:edit", { categoryIsIt: row.isIt });
    return row;
  };
  const noSuchCategory = (rowIntent: string) => fieldError(formData, "categoryId", N_("no such category", "validation"), rowIntent);
  return dispatchIntent(formData, [
    whenIntent("create", s.create, ({ intent: _i, ...input }) => {
      if (!can(user, "finance:edit", { categoryIsIt: input.group === "it" }))
        return fieldError(formData, "group", N_("a CTO adds IT categories only", "validation"), "create");
      if (categoryNameTaken(db, input.name)) return fieldError(formData, "name", N_("is already the name of a category", "validation"), "create");
      createCategory(db, user, input);
      return { status: "ok", intent: "create", message: serverT("Category {{name}} added.", { ns: "finance", name: input.name }) } satisfies FormReply;
    }),
    whenIntent(
      "update",
      s.update,
      ({ intent: _i, categoryId: id, ...input }, { replyTo }) => {
        const row = editableRow(id);
        if (!row) return noSuchCategory(replyTo);
        if (!can(user, "finance:edit", { categoryIsIt: input.group === "it" }))
          return fieldError(formData, "group", N_("a CTO manages IT categories only", "validation"), replyTo);
        if (categoryNameTaken(db, input.name, id)) return fieldError(formData, "name", N_("is already the name of another category", "validation"), replyTo);
        updateCategory(db, user, id, input);
        return { status: "ok", intent: replyTo, message: serverT("Category {{name}} saved.", { ns: "finance", name: input.name }) } satisfies FormReply;
      },
      onRow,
    ),
    whenIntent(
      ["archive", "restore"],
      s.archive,
      (data, { intent, replyTo }) => {
        const row = editableRow(data.categoryId);
        if (!row) return noSuchCategory(replyTo);
        setCategoryArchived(db, user, row.id, intent === "archive");
        return {
          status: "ok",
          intent: replyTo,
          message:
            intent === "archive"
              ? serverT("Category {{name}} archived.", { ns: "finance", name: row.name })
              : serverT("Category {{name}} restored.", { ns: "finance", name: row.name }),
        } satisfies FormReply;
      },
      onRow,
    ),
    whenIntent(
      "envelope",
      s.envelope,
      (data, { replyTo }) => {
        const row = editableRow(data.categoryId);
        if (!row) return noSuchCategory(replyTo);
        setEnvelope(db, user, row.id, data.year, data.amount ?? null);
        return { status: "ok", intent: replyTo, message: serverT("Envelope of {{name}} saved.", { ns: "finance", name: row.name }) } satisfies FormReply;
      },
      onRow,
    ),
  ]);
}

function centsToInput(cents: number | null): string {
  if (cents === null) return "";
  return (cents / 100).toFixed(2).replace(/\.00$/, "");
}

export default function BudgetCategories() {
  const { year, current, label, rows, totals, months } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { user, formatting } = useRootData();
  const { t } = useTranslation("finance");
  const money = (c: number | null) => (c === null ? <span className="dl-muted">{t("no envelope")}</span> : formatMoney(c, formatting));
  const mayEdit = (group: BudgetGroup) => can(user, "finance:edit", { categoryIsIt: group === "it" });
  const groupOptions = BUDGET_GROUPS.filter((g) => mayEdit(g)).map((g) => ({ value: g, label: t(GROUP_LABELS[g]) }));
  const busy = (intent: string) =>
    navigation.state === "submitting" && `${navigation.formData?.get("intent")}-${navigation.formData?.get("categoryId")}` === intent;
  const remaining = (x: { envelopeCents: number | null; actualCents: number }) => (x.envelopeCents === null ? null : x.envelopeCents - x.actualCents);
  return (
    <>
      <PageHeader
        title={t("Budget categories")}
        eyebrow={<Link to="/budgets">← {t("Budgets")}</Link>}
        description={t(
          "The categories budget lines are planned and spent in, grouped (IT, payroll, other), with an annual envelope per category: planned and actual are summed over the fiscal year so each envelope is a cap you can watch.",
        )}
      >
        <nav className="range-form" aria-label={t("Fiscal year")}>
          <Link to={`?year=${year - 1}`}>← {year - 1}</Link>
          <strong>{t("Fiscal year {{label}}", { label })}</strong> {t("({{from}} to {{to}})", { from: months.from, to: months.to })}
          <Link to={`?year=${year + 1}`}>{year + 1} →</Link>
          {year !== current ? <Link to="?">{t("this year")}</Link> : null}
        </nav>
      </PageHeader>
      <ReplyMessage reply={reply} />
      <Card>
        <SimpleTable
          caption={t("Budget categories, fiscal year {{label}}: envelope, planned, actual", { label })}
          testId="category-table"
          columns={[
            t("Category"),
            t("Group"),
            t("Sales & marketing (CAC)"),
            { label: t("Envelope"), num: true },
            { label: t("Planned"), num: true },
            { label: t("Actual"), num: true },
            { label: t("Left in envelope"), num: true },
          ]}
          actionsLabel={t("Actions")}
          footer={(
            [
              [N_("IT group"), totals.it],
              [N_("All categories"), totals.all],
            ] as const
          ).map(([name, tot]) => {
            const left = remaining(tot);
            return (
              <tr key={name} data-total={name}>
                <th scope="row" colSpan={3}>
                  {t(name)}
                </th>
                <td className="dl-num">{money(tot.envelopeCents)}</td>
                <td className="dl-num">{formatMoney(tot.plannedCents, formatting)}</td>
                <td className="dl-num">{formatMoney(tot.actualCents, formatting)}</td>
                <td className="dl-num">{left === null ? "—" : <span className={left < 0 ? "text-bad" : undefined}>{formatMoney(left, formatting)}</span>}</td>
                <td />
              </tr>
            );
          })}
        >
          {rows.map((r) => {
            const editable = mayEdit(r.group) && !r.archived;
            const row = updateRow(reply, "cat", "categoryId", r.id);
            const env = `envelope-${r.id}`;
            const envErrs = isErrorReply(reply, env) ? reply.fieldErrors : null;
            const left = remaining(r);
            return (
              <tr key={r.id} data-category={r.name}>
                <th scope="row">
                  <RowName
                    name={r.name}
                    archived={r.archived ? t("archived") : null}
                    edit={editable ? { row, label: t("Name of {{name}}", { name: r.name }), maxLength: 80 } : null}
                  />
                </th>
                <td>
                  {editable ? (
                    <CellSelect {...rowField(row, "group", r.group)} label={t("Group of {{name}}", { name: r.name })} options={groupOptions} />
                  ) : (
                    t(GROUP_LABELS[r.group])
                  )}
                </td>
                <td>
                  {editable ? (
                    <input
                      form={row.form}
                      type="checkbox"
                      name="isSalesMarketing"
                      aria-label={t("{{name}} counts as sales and marketing", { name: r.name })}
                      defaultChecked={r.isSalesMarketing}
                    />
                  ) : r.isSalesMarketing ? (
                    t("yes")
                  ) : (
                    t("no")
                  )}
                </td>
                <td className="dl-num">
                  {mayEdit(r.group) ? (
                    <Form method="post" className="inline-actions">
                      <input type="hidden" name="intent" value="envelope" />
                      <input type="hidden" name="categoryId" value={r.id} />
                      <input type="hidden" name="year" value={year} />
                      <input
                        name="amount"
                        inputMode="decimal"
                        aria-label={t("Envelope of {{name}} for {{label}}", { name: r.name, label })}
                        defaultValue={valueOf(reply, "amount", centsToInput(r.envelopeCents), env)}
                        placeholder={t("none")}
                        className="dl-cell-input dl-num"
                        size={10}
                        aria-invalid={envErrs?.amount ? true : undefined}
                      />
                      <Button size="sm" pending={busy(env)} pendingLabel="…">
                        {t("Set")}
                        <span className="visually-hidden"> {t("envelope of {{name}}", { name: r.name })}</span>
                      </Button>
                      {envErrs ? <p className="field-error">{Object.values(envErrs).flat().join(", ")}</p> : null}
                    </Form>
                  ) : (
                    money(r.envelopeCents)
                  )}
                </td>
                <td className="dl-num">{formatMoney(r.plannedCents, formatting)}</td>
                <td className="dl-num">
                  {r.actualMonths === 0 ? <span className="dl-muted">{t("no actual yet")}</span> : formatMoney(r.actualCents, formatting)}
                </td>
                <td className="dl-num" data-over={left !== null && left < 0 ? "true" : undefined}>
                  {left === null ? "—" : <span className={left < 0 ? "text-bad" : undefined}>{formatMoney(left, formatting)}</span>}
                </td>
                <td>
                  <RowEditActions
                    form={editable ? row.form : undefined}
                    rowName={r.name}
                    savePending={busy(row.intent)}
                    archive={mayEdit(r.group) ? { categoryId: r.id } : undefined}
                    archived={r.archived}
                  />
                </td>
              </tr>
            );
          })}
        </SimpleTable>
        <p className="muted">
          {t(
            "Planned and actual: Σ of the budget lines of the fiscal year's months (a month without an actual counts 0). An archived category keeps its lines (burn still counts them) and leaves the budget grid once it has none in view.",
          )}
        </p>
      </Card>
      {groupOptions.length ? (
        <FormCard
          title={t("Add a category")}
          hidden={{ intent: "create" }}
          submit={{
            label: t("Add category"),
            pending: navigation.state === "submitting" && navigation.formData?.get("intent") === "create",
            pendingLabel: t("Adding…"),
          }}
        >
          <Field label={t("Name")} {...replyField(reply, "name", "", "create")} required maxLength={80} />
          <SelectField
            label={t("Group")}
            {...replyField(reply, "group", groupOptions[0]?.value, "create")}
            required
            options={groupOptions}
            hint={t("IT categories are the CTO's and make the IT budget")}
          />
          <CheckboxField label={t("Counts as sales & marketing (CAC)")} name="isSalesMarketing" />
        </FormCard>
      ) : null}
    </>
  );
}
