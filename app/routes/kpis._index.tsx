import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser, assertPermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { KpiDefinitionFields } from "~/components/kpis/kpi-definition-fields";
import { Badge } from "~/components/ui/badge";
import { Button, ButtonLink } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Field, replyField, TextareaField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { FormCard } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { SimpleTable } from "~/components/ui/simple-table";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import type { CsvRowError } from "~/lib/csv";
import { formatDate } from "~/lib/format";
import { fieldErrorsOf, type FormReply } from "~/lib/forms";
import { badRequest, fieldError, formValues } from "~/lib/forms.server";
import { formatKpiValue, kpiCategoryText } from "~/lib/kpi-format";
import { kpiSchema } from "~/lib/schemas/kpis.server";
import { createKpi, getKpiTiles, importMeasurementsCsv, kpiKeyTaken, MEASUREMENT_CSV_HEADERS } from "~/models/kpis.server";
import { MetricContext } from "~/models/metrics/context.server";
import { kpiSourceCheck, linkableMetricOptions } from "~/models/metrics/options.server";
import { getDb } from "~/utils/db.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

/** The category as the table writes it (lower case). */

const TEXT = {
  title: N_("KPIs"),
  description: N_("The product dashboard's KPIs: definitions, targets per cycle and measurements. Import or export measurements as CSV."),
  dashboard: N_("Product dashboard"),
  export: N_("Export measurements (CSV)"),
  newKpi: N_("New KPI"),
  import: N_("Import measurements (CSV)"),
  none: N_("No KPIs yet"),
  noneBody: N_("Create the first KPI below: a key used in CSV files, a name, a unit and which way is better."),
  who: N_("CEO, CTO and team leads."),
} as const;

export const { handle, meta } = routeHead("kpis", TEXT.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db } = await pageRequest(request);
  const ctx = new MetricContext(db);
  const { cycle, tiles } = getKpiTiles(db, { ctx, now: ctx.now });
  const canEdit = can(user, "kpis:edit");
  // the import's columns, as the model reads them
  const csvHeader = MEASUREMENT_CSV_HEADERS.join(",");
  return { cycle, kpis: tiles, canEdit, sources: canEdit ? linkableMetricOptions(ctx, "kpi") : [], csvHeader };
}

type ImportReply = {
  status: "error";
  intent: "import";
  csvErrors: CsvRowError[];
  fieldErrors: Record<string, string[]>;
  formErrors: string[];
  values: Record<string, string>;
};

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  assertPermission(user, "kpis:edit", undefined, serverT("Only the CEO, the CTO and team leads edit KPIs.", { ns: "kpis" }));
  const db = getDb();
  const formData = await request.formData();
  return dispatchIntent(formData, [
    whenIntent("create-kpi", kpiSchema(kpiSourceCheck(new MetricContext(db))), (input) => {
      if (kpiKeyTaken(db, input.key)) return fieldError(formData, "key", serverT("is already used by another KPI", { ns: "kpis" }), "create-kpi");
      const id = createKpi(db, user.id, input);
      throw redirect(`/kpis/${id}`);
    }),
    whenIntent("import", null, async () => {
      const file = formData.get("file");
      let text = typeof formData.get("csv") === "string" ? String(formData.get("csv")) : "";
      if (file && typeof file !== "string" && file.size > 0) {
        if (file.size > 5_000_000) return fieldError(formData, "file", serverT("is larger than 5 MB", { ns: "kpis" }), "import");
        text = await file.text();
      }
      if (text.trim() === "") return fieldError(formData, "csv", serverT("choose a CSV file or paste its text", { ns: "kpis" }), "import");
      const result = importMeasurementsCsv(db, user.id, text);
      if (!result.ok) {
        const reply: ImportReply = {
          status: "error",
          intent: "import",
          csvErrors: result.errors,
          fieldErrors: { csv: [serverT("The file was not imported: {{count}} errors.", { ns: "kpis", count: result.errors.length })] },
          formErrors: [],
          values: formValues(formData),
        };
        return badRequest(reply);
      }
      return {
        status: "ok",
        intent: "import",
        message: serverT("Imported {{count}} measurements: {{created}} created, {{updated}} updated.", {
          ns: "kpis",
          count: result.created + result.updated,
          created: result.created,
          updated: result.updated,
        }),
      } satisfies FormReply;
    }),
  ]);
}

export default function KpisIndex() {
  const { cycle, kpis, canEdit, sources, csvHeader } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const formatting = useFormatting();
  const { t } = useTranslation("kpis");
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const e = (name: string, intent: string) => fieldErrorsOf(reply, name, intent);
  const csvErrors = reply && "csvErrors" in reply ? (reply.csvErrors as CsvRowError[]) : [];
  return (
    <>
      <PageHeader
        title={t(TEXT.title)}
        description={t(TEXT.description)}
        actions={
          <>
            <ButtonLink to="/dashboards/product">{t(TEXT.dashboard)}</ButtonLink>
            <a href="/kpis.csv" className="btn btn--secondary" download>
              {t(TEXT.export)}
            </a>
          </>
        }
      />
      <ReplyMessage reply={reply} />
      <Card title={cycle ? t("KPIs · targets of {{cycle}}", { cycle: cycle.name }) : t("KPIs")}>
        {kpis.length === 0 ? (
          <EmptyState title={t(TEXT.none)} whoMay={t(TEXT.who)}>
            <p>{t(TEXT.noneBody)}</p>
          </EmptyState>
        ) : (
          <SimpleTable columns={[t("KPI"), t("Key"), t("Category"), t("Better"), t("Latest"), t("Target"), t("Status")]}>
            {kpis.map((k) => (
              <tr key={k.id}>
                <th scope="row">
                  <Link to={`/kpis/${k.id}`}>{k.name}</Link>
                </th>
                <td>
                  <code>{k.key}</code>
                </td>
                <td>{kpiCategoryText(k.category, t).toLocaleLowerCase(formatting.locale)}</td>
                <td>{k.direction === "lower" ? t("Lower") : t("Higher")}</td>
                <td>
                  {k.latest ? (
                    <>
                      {formatKpiValue(k.latest.value, k.unit, formatting.locale)}{" "}
                      <span className="muted">({formatDate(k.latest.measuredOn, formatting.timeZone, formatting.locale)})</span>
                    </>
                  ) : (
                    <span className="muted">{t("no data")}</span>
                  )}
                  {k.computed ? <span className="muted"> · {t("from delivery data")}</span> : null}
                </td>
                <td>{k.target === null ? <span className="muted">{t("none")}</span> : formatKpiValue(k.target, k.unit, formatting.locale)}</td>
                <td>
                  {k.targetState === "missed" ? (
                    <Badge tone="warn">{k.direction === "lower" ? t("Above target") : t("Below target")}</Badge>
                  ) : k.targetState === "met" ? (
                    <Badge tone="good">{t("Target met")}</Badge>
                  ) : (
                    <Badge tone="neutral">{t("no data")}</Badge>
                  )}
                </td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </Card>

      {canEdit ? (
        <div className="okr-admin">
          <Card
            title={t(TEXT.import)}
            description={
              <>
                {t("Columns:")} <code>{csvHeader}</code> —{" "}
                {t(
                  "dates as YYYY-MM-DD. All or nothing: one bad row rejects the file and every bad row is listed. A value for a KPI and date already recorded replaces it.",
                )}
              </>
            }
          >
            <Form method="post" encType="multipart/form-data" className="form-grid" noValidate>
              <input type="hidden" name="intent" value="import" />
              <Field label={t("CSV file")} name="file" type="file" accept=".csv,text/csv" errors={e("file", "import")} />
              <TextareaField
                label={t("…or paste the CSV text")}
                {...replyField(reply, "csv", "", "import")}
                rows={4}

                placeholder={`${csvHeader}\nsprint_velocity,2026-01-05,46,`}
                translate="no"
              />
              <div>
                <Button type="submit" variant="primary" pending={busy("import")} pendingLabel={t("Importing…")}>
                  {t("Import")}
                </Button>
              </div>
            </Form>
            {csvErrors.length > 0 ? (
              <ul className="kpi-csv-errors" role="alert" data-testid="csv-errors">
                {csvErrors
                  .map((e) =>
                    e.field
                      ? t("row {{row}}, {{field}}: {{message}}", { row: e.row, field: e.field, message: e.message })
                      : t("row {{row}}: {{message}}", { row: e.row, message: e.message }),
                  )
                  .map((line) => (
                    <li key={line}>{line}</li>
                  ))}
              </ul>
            ) : null}
          </Card>
          <FormCard
            title={t(TEXT.newKpi)}
            hidden={{ intent: "create-kpi" }}
            submit={{ label: t("Create KPI"), pending: busy("create-kpi"), pendingLabel: t("Creating…") }}
          >
            <KpiDefinitionFields
              reply={reply}
              intent="create-kpi"
              initial={{ key: "", name: "", unit: "", direction: "higher", category: "product", source: "manual", description: "", pinned: false }}
              sources={sources}
            />
          </FormCard>
        </div>
      ) : null}
    </>
  );
}
