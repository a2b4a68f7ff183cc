import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser, assertPermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { LineChart } from "~/components/charts/line-chart";
import { KpiDefinitionFields } from "~/components/kpis/kpi-definition-fields";
import { KpiTileGrid } from "~/components/kpis/kpi-tile-grid";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { useFormatting } from "~/hooks/root-data";
import { formatDate } from "~/lib/format";
import { fieldErrorsOf, valueOf, type FormReply } from "~/lib/forms";
import { badRequest, fieldError, idField, parseForm } from "~/lib/forms.server";
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
import { kpiSourceCheck, linkableMetricOptions, MetricContext } from "~/models/metrics.server";
import { getCycle, isoDayUtc } from "~/models/okrs.server";
import { getDb } from "~/utils/db.server";
import { notFound } from "~/utils/http.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const PAGE_SIZE = 50;

const TEXT = {
  back: "All KPIs",
  targets: "Targets per cycle",
  targetsHint: "Leave empty to remove a cycle's target.",
  measure: "Record a measurement",
  measureHint: "A value for a date that already has one replaces it.",
  measurements: "Measurements",
  none: "No measurements yet",
  noneBody: "Record the first value above, or import a CSV on the KPIs page.",
  who: "CEO, CTO and team leads.",
  edit: "Edit KPI",
  computed: (id: string) =>
    `Computed: this KPI is the catalogue metric ${id}, read from the data (the same figure as on every dashboard); it takes no measurements.`,
} as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.kpi.name ?? "KPI"} · KPIs · Strategy Tracker` }];

function kpiFromParams(params: { kpiId?: string }) {
  const id = idSchema.safeParse(params.kpiId);
  const kpi = id.success ? getKpi(getDb(), id.data) : null;
  if (!kpi) notFound("No such KPI.");
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
  assertPermission(user, "kpis:edit", undefined, "Only the CEO, the CTO and team leads edit KPIs.");
  const kpi = kpiFromParams(params);
  const db = getDb();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "update-kpi") {
    const parsed = parseForm(formData, kpiSchema(kpiSourceCheck(new MetricContext(db))), intent);
    if (!parsed.ok) return badRequest(parsed.reply);
    if (kpiKeyTaken(db, parsed.data.key, kpi.id)) return fieldError(formData, "key", "is already used by another KPI", intent);
    updateKpi(db, user.id, kpi.id, parsed.data);
    return { status: "ok", intent, message: "KPI saved." } satisfies FormReply;
  }
  if (intent === "target") {
    const replyIntent = `target-${String(formData.get("cycleId") ?? "")}`;
    const parsed = parseForm(formData, TargetSchema, replyIntent);
    if (!parsed.ok) return badRequest(parsed.reply);
    if (!getCycle(db, parsed.data.cycleId)) return fieldError(formData, "cycleId", "is not a cycle", replyIntent);
    const targetProblem = parsed.data.target === null ? null : kpiValueProblem(kpi.unit, parsed.data.target);
    if (targetProblem) return fieldError(formData, "target", targetProblem, replyIntent);
    setKpiTarget(db, user.id, kpi.id, parsed.data.cycleId, parsed.data.target);
    return { status: "ok", intent, message: "Target saved." } satisfies FormReply;
  }
  if (intent === "measure") {
    if (kpiSourceMetricId(kpi.source)) return fieldError(formData, "value", "this KPI is computed from the data and takes no measurements", intent);
    const parsed = parseForm(formData, MeasurementSchema, intent);
    if (!parsed.ok) return badRequest(parsed.reply);
    const problem = kpiValueProblem(kpi.unit, parsed.data.value);
    if (problem) return fieldError(formData, "value", problem, intent);
    const res = recordMeasurement(db, user.id, kpi.id, parsed.data);
    return { status: "ok", intent, message: res === "created" ? "Measurement recorded." : "Measurement of that date replaced." } satisfies FormReply;
  }
  if (intent === "delete-measurement") {
    const id = idField(formData, "measurementId");
    if (id === null || !deleteMeasurement(db, user.id, kpi.id, id)) return fieldError(formData, "measurementId", "no such measurement", intent);
    return { status: "ok", intent, message: "Measurement deleted." } satisfies FormReply;
  }
  return fieldError(formData, "intent", "is not a known action");
}

export default function KpiPage() {
  const { kpi, linkedMetric, sources, cycle, tile, series, targets, measurements, page, today, canEdit } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const formatting = useFormatting();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const v = (name: string, fallback: string | number | null | undefined, intent: string) => valueOf(reply, name, fallback, intent);
  const e = (name: string, intent: string) => fieldErrorsOf(reply, name, intent);
  const fmt = (x: number) => formatKpiValue(x, kpi.unit, formatting.locale) ?? "";
  const pages = Math.max(1, Math.ceil(measurements.total / PAGE_SIZE));
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/kpis">{TEXT.back}</Link>}
        title={kpi.name}
        description={kpi.description ?? undefined}
        actions={
          <a href={`/kpis.csv?kpi=${kpi.id}`} className="btn btn--secondary" download>
            Export CSV
          </a>
        }
      />
      <ReplyMessage reply={reply} />
      {linkedMetric ? <p className="muted">{TEXT.computed(linkedMetric)}</p> : null}
      <div className="okr-charts">
        <KpiTileGrid tiles={[tile]} formatting={formatting} cycleName={cycle?.name ?? null} />
        <LineChart
          title={`${kpi.name}${kpi.unit ? ` (${kpi.unit})` : ""} against target, last 13 weeks`}
          description={kpi.direction === "lower" ? "Lower is better" : "Higher is better"}
          data={series}
          xKey="measuredOn"
          xLabel="Date"
          series={[
            { key: "value", label: "Measured", color: "chart-1" },
            { key: "target", label: "Target", color: "warn", dashed: true },
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
            <Card title={TEXT.measure} description={TEXT.measureHint}>
              <Form method="post" className="form-grid" noValidate>
                <input type="hidden" name="intent" value="measure" />
                <Field
                  label="Date"
                  name="measuredOn"
                  type="date"
                  required
                  defaultValue={v("measuredOn", today, "measure")}
                  errors={e("measuredOn", "measure")}
                />
                <Field
                  label={`Value${kpi.unit ? ` (${kpi.unit})` : ""}`}
                  name="value"
                  inputMode="decimal"
                  required
                  defaultValue={v("value", "", "measure")}
                  errors={e("value", "measure")}
                />
                <Field label="Note" name="note" defaultValue={v("note", "", "measure")} errors={e("note", "measure")} />
                <div>
                  <Button type="submit" variant="primary" pending={busy("measure")} pendingLabel="Saving…">
                    Record
                  </Button>
                </div>
              </Form>
            </Card>
          )}
          <Card title={TEXT.targets} description={TEXT.targetsHint}>
            <ul className="okr-kr-list">
              {targets.map((t) => {
                const intent = `target-${t.cycleId}`;
                return (
                  <li key={t.cycleId}>
                    <Form method="post" className="kpi-form-row" noValidate>
                      <input type="hidden" name="intent" value="target" />
                      <input type="hidden" name="cycleId" value={t.cycleId} />
                      <Field
                        label={`${t.cycleName} (${t.startDate} – ${t.endDate})`}
                        name="target"
                        inputMode="decimal"
                        defaultValue={v("target", t.target ?? "", intent)}
                        errors={e("target", intent)}
                      />
                      <Button type="submit" size="sm">
                        Save target
                      </Button>
                    </Form>
                  </li>
                );
              })}
            </ul>
          </Card>
        </div>
      ) : null}

      <Card title={`${TEXT.measurements} (${measurements.total})`} className="okr-form-card">
        {measurements.total === 0 ? (
          <EmptyState title={TEXT.none} whoMay={TEXT.who}>
            <p>{TEXT.noneBody}</p>
          </EmptyState>
        ) : (
          <>
            <div className="table-scroll">
              <table className="simple">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col" className="num">
                      Value
                    </th>
                    <th scope="col">Note</th>
                    <th scope="col">By</th>
                    {canEdit ? (
                      <th scope="col">
                        <span className="visually-hidden">Delete</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
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
                            <Button type="submit" size="sm" variant="ghost" aria-label={`Delete the measurement of ${m.measuredOn}`}>
                              Delete
                            </Button>
                          </Form>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {pages > 1 ? (
              <nav className="kpi-form-row" aria-label="Pages of measurements">
                {page > 1 ? <Link to={`?page=${page - 1}`}>← Newer</Link> : null}
                <span className="muted">
                  Page {page} of {pages}
                </span>
                {page < pages ? <Link to={`?page=${page + 1}`}>Older →</Link> : null}
              </nav>
            ) : null}
          </>
        )}
      </Card>

      {canEdit ? (
        <Card title={TEXT.edit} className="okr-form-card">
          <Form method="post" className="form-grid" noValidate>
            <input type="hidden" name="intent" value="update-kpi" />
            <KpiDefinitionFields reply={reply} intent="update-kpi" initial={kpi} sources={sources} />
            <div>
              <Button type="submit" variant="primary" pending={busy("update-kpi")} pendingLabel="Saving…">
                Save KPI
              </Button>
            </div>
          </Form>
        </Card>
      ) : null}
    </>
  );
}
