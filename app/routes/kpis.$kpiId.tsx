import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser, assertPermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { LineChart } from "~/components/charts/line-chart";
import { KpiDefinitionFields } from "~/components/kpis/kpi-definition-fields";
import { KpiTileGrid } from "~/components/kpis/kpi-tile-grid";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Field, replyField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { FormCard } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { SimpleTable } from "~/components/ui/simple-table";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatDate } from "~/lib/format";
import { type FormReply } from "~/lib/forms";
import { fieldError, idField } from "~/lib/forms.server";
import { formatKpiValue, formatShortDate, kpiAxisUnit } from "~/lib/kpi-format";
import { kpiSourceMetricId } from "~/lib/metrics/catalogue";
import { kpiSchema, MeasurementSchema, TargetSchema } from "~/lib/schemas/kpis.server";
import { parseTableParams } from "~/lib/table-params";
import { DAY_MS } from "~/lib/time";
import { idSchema } from "~/lib/validation.server";
import {
  deleteMeasurement,
  getKpi,
  getKpiSeries,
  getKpiTiles,
  kpiKeyTaken,
  listKpiTargets,
  listMeasurements,
  kpiValueProblem,
  recordMeasurement,
  setKpiTarget,
  updateKpi,
} from "~/models/kpis.server";
import { MetricContext } from "~/models/metrics/context.server";
import { kpiSourceCheck, linkableMetricOptions } from "~/models/metrics/options.server";
import { getCycle, isoDayUtc } from "~/models/okrs.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";
import { dispatchIntent, rowReplyTo, whenIntent } from "~/utils/intent-action.server";
import { dataRouteHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const PAGE_SIZE = 50;

const TEXT = {
  back: N_("All KPIs"),
  targets: N_("Targets per cycle"),
  targetsHint: N_("Leave empty to remove a cycle's target."),
  measure: N_("Record a measurement"),
  measureHint: N_("A value for a date that already has one replaces it."),
  none: N_("No measurements yet"),
  noneBody: N_("Record the first value above, or import a CSV on the KPIs page."),
  who: N_("CEO, CTO and team leads."),
  edit: N_("Edit KPI"),
} as const;

export const { handle, meta } = dataRouteHead<typeof loader>("kpis", (data, t) => `${data?.kpi.name ?? t("KPI")} · ${t("KPIs")}`);

function kpiFromParams(params: { kpiId?: string }) {
  const id = idSchema.safeParse(params.kpiId);
  const kpi = id.success ? getKpi(getDb(), id.data) : null;
  if (!kpi) notFound(serverT("No such KPI.", { ns: "kpis" }));
  return kpi;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const kpi = kpiFromParams(params);
  const db = getDb();
  const now = Date.now();
  const url = new URL(request.url);
  // ?page= through the shared zod parser: anything malformed or out of range is page 1 (no SQL overflow)
  const { page } = parseTableParams(url, { sortable: [], defaultSort: { id: "measuredOn", desc: true }, pageSizes: [PAGE_SIZE] });
  const ctx = new MetricContext(db, now);
  const { cycle, tiles } = getKpiTiles(db, { now, kpiId: kpi.id, ctx });
  const from = isoDayUtc(now - 13 * 7 * DAY_MS);
  const canEdit = can(user, "kpis:edit");
  return {
    kpi,
    linkedMetric: kpiSourceMetricId(kpi.source),
    sources: canEdit ? linkableMetricOptions(ctx, "kpi") : [],
    cycle,
    tile: tiles.find((t) => t.id === kpi.id)!,
    series: getKpiSeries(db, [kpi], { from, now, ctx }).get(kpi.id) ?? [],
    targets: listKpiTargets(db, kpi.id),
    measurements: listMeasurements(db, kpi.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    page,
    today: isoDayUtc(now),
    canEdit,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  assertPermission(user, "kpis:edit", undefined, serverT("Only the CEO, the CTO and team leads edit KPIs.", { ns: "kpis" }));
  const kpi = kpiFromParams(params);
  const db = getDb();
  const formData = await request.formData();
  return dispatchIntent(formData, [
    whenIntent("update-kpi", kpiSchema(kpiSourceCheck(new MetricContext(db))), (data, { intent }) => {
      if (kpiKeyTaken(db, data.key, kpi.id)) return fieldError(formData, "key", serverT("is already used by another KPI", { ns: "kpis" }), intent);
      updateKpi(db, user.id, kpi.id, data);
      return { status: "ok", intent, message: serverT("KPI saved.", { ns: "kpis" }) } satisfies FormReply;
    }),
    whenIntent(
      "target",
      TargetSchema,
      (data, { intent, replyTo }) => {
        if (!getCycle(db, data.cycleId)) return fieldError(formData, "cycleId", serverT("is not a cycle", { ns: "kpis" }), replyTo);
        const targetProblem = data.target === null ? null : kpiValueProblem(kpi.unit, data.target);
        if (targetProblem) return fieldError(formData, "target", targetProblem, replyTo);
        setKpiTarget(db, user.id, kpi.id, data.cycleId, data.target);
        return { status: "ok", intent, message: serverT("Target saved.", { ns: "kpis" }) } satisfies FormReply;
      },
      { replyTo: rowReplyTo("cycleId") },
    ),
    whenIntent("measure", MeasurementSchema, (data, { intent }) => {
      if (kpiSourceMetricId(kpi.source))
        return fieldError(formData, "value", serverT("this KPI is computed from the data and takes no measurements", { ns: "kpis" }), intent);
      const problem = kpiValueProblem(kpi.unit, data.value);
      if (problem) return fieldError(formData, "value", problem, intent);
      const res = recordMeasurement(db, user.id, kpi.id, data);
      return {
        status: "ok",
        intent,
        message: res === "created" ? serverT("Measurement recorded.", { ns: "kpis" }) : serverT("Measurement of that date replaced.", { ns: "kpis" }),
      } satisfies FormReply;
    }),
    whenIntent("delete-measurement", null, (_, { intent }) => {
      const id = idField(formData, "measurementId");
      if (id === null || !deleteMeasurement(db, user.id, kpi.id, id))
        return fieldError(formData, "measurementId", serverT("no such measurement", { ns: "kpis" }), intent);
      return { status: "ok", intent, message: serverT("Measurement deleted.", { ns: "kpis" }) } satisfies FormReply;
    }),
  ]);
}

export default function KpiPage() {
  const { kpi, linkedMetric, sources, cycle, tile, series, targets, measurements, page, today, canEdit } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const formatting = useFormatting();
  const { t } = useTranslation("kpis");
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const fmt = (x: number) => formatKpiValue(x, kpi.unit, formatting.locale) ?? "";
  const pages = Math.max(1, Math.ceil(measurements.total / PAGE_SIZE));
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/kpis">{t(TEXT.back)}</Link>}
        title={kpi.name}
        description={kpi.description ?? undefined}
        actions={
          <a href={`/kpis.csv?kpi=${kpi.id}`} className="btn btn--secondary" download>
            {t("Export CSV")}
          </a>
        }
      />
      <ReplyMessage reply={reply} />
      {linkedMetric ? (
        <p className="muted">
          {t("Computed: this KPI is the catalogue metric {{metric}}, read from the data (the same figure as on every dashboard); it takes no measurements.", {
            metric: linkedMetric,
          })}
        </p>
      ) : null}
      <div className="okr-charts">
        <KpiTileGrid tiles={[tile]} formatting={formatting} cycleName={cycle?.name ?? null} />
        <LineChart
          title={t("{{kpi}} against target, last 13 weeks", { kpi: `${kpi.name}${kpi.unit ? ` (${kpi.unit})` : ""}` })}
          description={kpi.direction === "lower" ? t("Lower is better") : t("Higher is better")}
          data={series}
          xKey="measuredOn"
          xLabel={t("Date")}
          series={[
            { key: "value", label: t("Measured"), color: "chart-1" },
            { key: "target", label: t("Target"), color: "warn", dashed: true },
          ]}
          formatX={(x) => formatShortDate(x, formatting.locale)}
          formatValue={(x) => formatKpiValue(x, null, formatting.locale) ?? ""}
          unit={kpiAxisUnit(
            kpi.unit,
            series.flatMap((p) => [p.value, p.target]),
          )}
          locale={formatting.locale}
          width={800}
          yDomain={["auto", "auto"]}
          yAxisWidth={96}
        />
      </div>

      {canEdit ? (
        <div className="okr-admin">
          {linkedMetric ? null : (
            <FormCard
              title={t(TEXT.measure)}
              description={t(TEXT.measureHint)}
              hidden={{ intent: "measure" }}
              submit={{ label: t("Record"), pending: busy("measure"), pendingLabel: t("Saving…") }}
            >
              <Field label={t("Date")} {...replyField(reply, "measuredOn", today, "measure")} type="date" required />
              <Field
                label={kpi.unit ? t("Value ({{unit}})", { unit: kpi.unit }) : t("Value")}
                {...replyField(reply, "value", "", "measure")}
                inputMode="decimal"
                required
              />
              <Field label={t("Note")} {...replyField(reply, "note", "", "measure")} />
            </FormCard>
          )}
          <Card title={t(TEXT.targets)} description={t(TEXT.targetsHint)}>
            <ul className="okr-kr-list">
              {targets.map((tg) => {
                const intent = `target-${tg.cycleId}`;
                return (
                  <li key={tg.cycleId}>
                    <Form method="post" className="kpi-form-row" noValidate>
                      <input type="hidden" name="intent" value="target" />
                      <input type="hidden" name="cycleId" value={tg.cycleId} />
                      <Field
                        label={`${tg.cycleName} (${tg.startDate} – ${tg.endDate})`}
                        {...replyField(reply, "target", tg.target ?? "", intent)}
                        inputMode="decimal"
                      />
                      <Button type="submit" size="sm">
                        {t("Save target")}
                      </Button>
                    </Form>
                  </li>
                );
              })}
            </ul>
          </Card>
        </div>
      ) : null}

      <Card title={t("Measurements ({{count}})", { count: measurements.total })} className="okr-form-card">
        {measurements.total === 0 ? (
          <EmptyState title={t(TEXT.none)} whoMay={t(TEXT.who)}>
            <p>{t(TEXT.noneBody)}</p>
          </EmptyState>
        ) : (
          <>
            <SimpleTable columns={[t("Date"), { label: t("Value"), num: "num" }, t("Note"), t("By")]} actionsLabel={canEdit ? t("Delete") : undefined}>
              {measurements.rows.map((m) => (
                <tr key={m.id}>
                  <td>{formatDate(m.measuredOn, formatting.timeZone, formatting.locale)}</td>
                  <td className="num">{fmt(m.value)}</td>
                  <td>{m.note ?? <span className="muted">—</span>}</td>
                  <td>{m.authorName ?? <span className="muted">—</span>}</td>
                  {canEdit ? (
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete-measurement" />
                        <input type="hidden" name="measurementId" value={m.id} />
                        <Button type="submit" size="sm" variant="ghost" aria-label={t("Delete the measurement of {{date}}", { date: m.measuredOn })}>
                          {t("Delete")}
                        </Button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </SimpleTable>
            {pages > 1 ? (
              <nav className="kpi-form-row" aria-label={t("Pages of measurements")}>
                {page > 1 ? <Link to={`?page=${page - 1}`}>{t("← Newer")}</Link> : null}
                <span className="muted">{t("Page {{page}} of {{pages}}", { page, pages })}</span>
                {page < pages ? <Link to={`?page=${page + 1}`}>{t("Older →")}</Link> : null}
              </nav>
            ) : null}
          </>
        )}
      </Card>

      {canEdit ? (
        <FormCard
          title={t(TEXT.edit)}
          className="okr-form-card"
          hidden={{ intent: "update-kpi" }}
          submit={{ label: t("Save KPI"), pending: busy("update-kpi"), pendingLabel: t("Saving…") }}
        >
          <KpiDefinitionFields reply={reply} intent="update-kpi" initial={kpi} sources={sources} />
        </FormCard>
      ) : null}
    </>
  );
}
