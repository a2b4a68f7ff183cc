import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { Button } from "~/components/ui/button";
import { Field, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { useRootData } from "~/hooks/root-data";
import { fieldErrorsOf, valueOf, type FormReply } from "~/lib/forms";
import { badRequest, formValues, parseForm } from "~/lib/forms.server";
import { metricDefinition } from "~/lib/metrics/catalogue";
import { formatGateValue, fromHumanUnits, humanUnitLabel } from "~/lib/metrics/gate-units";
import { COMPARISON_SYMBOLS, TARGET_COMPARISONS } from "~/lib/metrics/targets";
import {
  deleteMetricTarget,
  editableTargetMetrics,
  listMetricTargets,
  setMetricTarget,
  TargetDeleteFormSchema,
  TargetFormSchema,
  TargetPermissionError,
} from "~/models/metric-targets.server";
import { listCycles } from "~/models/okrs.server";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "Targets",
  description:
    "The company's targets of the catalogue metrics, per OKR cycle or open-ended. The dashboards, the gates and the key results read these same rows. The CTO sets the delivery targets, the CEO the others; product KPI targets are set on each KPI's page.",
  set: "Set a target",
  save: "Save target",
  saving: "Saving…",
  remove: "Remove",
  openEnded: "Every cycle (open-ended)",
  saved: "Target saved.",
  removed: "Target removed.",
  none: "No target yet.",
  forbidden: "You may not set the target of this metric.",
} as const;

export const meta: MetaFunction = () => [{ title: "Targets · Strategy Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "targets:edit");
  const db = getDb();
  return {
    targets: listMetricTargets(db),
    metrics: editableTargetMetrics(user).map((d) => ({ id: d.id, label: d.label, domain: d.domain })),
    cycles: listCycles(db).map((c) => ({ id: c.id, name: c.name })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "targets:edit");
  const db = getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "delete") {
    const parsed = parseForm(formData, TargetDeleteFormSchema, "delete");
    if (!parsed.ok) return badRequest(parsed.reply);
    try {
      if (!deleteMetricTarget(db, user, parsed.data.id)) {
        return badRequest({ status: "error", fieldErrors: { id: ["is not a known target"] }, formErrors: [], values: formValues(formData), intent: "delete" });
      }
    } catch (e) {
      if (e instanceof TargetPermissionError)
        return badRequest({ status: "error", fieldErrors: {}, formErrors: [TEXT.forbidden], values: formValues(formData), intent: "delete" });
      throw e;
    }
    return { status: "ok", intent: "delete", message: TEXT.removed } satisfies FormReply;
  }
  if (intent !== "set") return badRequest({ status: "error", fieldErrors: { intent: ["unknown action"] }, formErrors: [], values: {}, intent: "set" });
  const parsed = parseForm(formData, TargetFormSchema, "set");
  if (!parsed.ok) return badRequest(parsed.reply);
  const def = metricDefinition(parsed.data.metricId)!;
  if (!can(user, "targets:edit", { metricDomain: def.domain }) || def.unit === "date" || def.unit === "boolean") {
    return badRequest({ status: "error", fieldErrors: { metricId: [TEXT.forbidden] }, formErrors: [], values: formValues(formData), intent: "set" });
  }
  setMetricTarget(db, user, { ...parsed.data, value: fromHumanUnits(parsed.data.metricId, parsed.data.value) });
  return { status: "ok", intent: "set", message: TEXT.saved } satisfies FormReply;
}

export default function Targets() {
  const { targets, metrics, cycles } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { user, formatting } = useRootData();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "set";
  const v = (name: string, fallback: string) => valueOf(reply, name, fallback, "set");
  const e = (name: string) => fieldErrorsOf(reply, name, "set");
  return (
    <>
      <PageHeader title={TEXT.title} description={TEXT.description} />
      <ReplyMessage reply={reply} />
      <section className="panel" aria-labelledby="targets-list">
        <h2 id="targets-list">Targets</h2>
        {targets.length === 0 ? (
          <p className="muted">{TEXT.none}</p>
        ) : (
          <div className="table-scroll">
            <table className="simple">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col">Cycle</th>
                  <th scope="col" className="num">
                    Target
                  </th>
                  <th scope="col">Set by</th>
                  <th scope="col">Note</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {targets.map((t) => (
                  <tr key={t.id} data-testid="target-row" data-target-metric={t.metricId}>
                    <th scope="row">
                      {t.label} <span className="muted">({t.metricId})</span>
                    </th>
                    <td>{t.cycleName ?? TEXT.openEnded}</td>
                    <td className="num nowrap" data-target-value={t.value}>
                      {COMPARISON_SYMBOLS[t.comparison]} {formatGateValue(t.metricId, t.value, formatting)}
                    </td>
                    <td>{t.setBy ?? "—"}</td>
                    <td>{t.note ?? ""}</td>
                    <td>
                      {can(user, "targets:edit", { metricDomain: metricDefinition(t.metricId)?.domain ?? "unknown" }) ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="id" value={t.id} />
                          <Button variant="ghost">
                            {TEXT.remove}
                            <span className="visually-hidden"> {t.label}</span>
                          </Button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="targets-set">
        <h2 id="targets-set">{TEXT.set}</h2>
        <Form method="post" className="form-grid" noValidate>
          <input type="hidden" name="intent" value="set" />
          <SelectField
            label="Metric"
            name="metricId"
            placeholder="Choose…"
            required
            defaultValue={v("metricId", "")}
            errors={e("metricId")}
            options={metrics.map((m) => ({
              value: m.id,
              label: `${m.label}${humanUnitLabel(m.id, formatting.currency) ? ` (${humanUnitLabel(m.id, formatting.currency)})` : ""}`,
            }))}
          />
          <SelectField
            label="Cycle"
            name="cycleId"
            defaultValue={v("cycleId", "")}
            errors={e("cycleId")}
            options={[{ value: "", label: TEXT.openEnded }, ...cycles.map((c) => ({ value: String(c.id), label: c.name }))]}
          />
          <SelectField
            label="Comparison"
            name="comparison"
            required
            defaultValue={v("comparison", ">=")}
            errors={e("comparison")}
            options={TARGET_COMPARISONS.map((c) => ({ value: c, label: COMPARISON_SYMBOLS[c] }))}
          />
          <Field
            label="Value"
            name="value"
            inputMode="decimal"
            required
            hint="In everyday units: money in k€, rates in %, times in hours."
            defaultValue={v("value", "")}
            errors={e("value")}
          />
          <Field label="Note" name="note" defaultValue={v("note", "")} errors={e("note")} />
          <div>
            <Button variant="primary" pending={busy} pendingLabel={TEXT.saving}>
              {TEXT.save}
            </Button>
          </div>
        </Form>
      </section>
    </>
  );
}
