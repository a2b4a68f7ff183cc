import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { Field, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { PostForm } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { RowActionForm } from "~/components/ui/row-form";
import { SimpleTable } from "~/components/ui/simple-table";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { fieldErrorsOf, valueOf, type FormReply } from "~/lib/forms";
import { fieldError, formError } from "~/lib/forms.server";
import { metricDefinition, metricLabelText } from "~/lib/metrics/catalogue";
import { formatGateValue, fromHumanUnits, humanUnitLabel } from "~/lib/metrics/gate-units";
import { COMPARISON_SYMBOLS, TARGET_COMPARISONS } from "~/lib/metrics/targets";
import { TargetDeleteFormSchema, TargetFormSchema } from "~/lib/schemas/targets.server";
import { deleteMetricTarget, editableTargetMetrics, listMetricTargets, setMetricTarget, TargetPermissionError } from "~/models/metric-targets.server";
import { listCycles } from "~/models/okrs.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Targets"),
  description: N_(
    "The company's targets of the catalogue metrics, per OKR cycle or open-ended. The dashboards, the gates and the key results read these same rows. The CTO sets the delivery targets, the CEO the others; product KPI targets are set on each KPI's page.",
  ),
  set: N_("Set a target"),
  save: N_("Save target"),
  saving: N_("Saving…"),
  remove: N_("Remove"),
  openEnded: N_("Every cycle (open-ended)"),
  saved: N_("Target saved."),
  removed: N_("Target removed."),
  none: N_("No target yet."),
  forbidden: N_("You may not set the target of this metric."),
} as const;

export const { handle, meta } = routeHead(["plans", "metrics"], N_("Targets", "plans"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, db } = await pageRequest(request, "targets:edit");
  return {
    targets: listMetricTargets(db),
    metrics: editableTargetMetrics(user).map((d) => ({ id: d.id, label: d.label, domain: d.domain })),
    cycles: listCycles(db).map((c) => ({ id: c.id, name: c.name })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "targets:edit");
  const formData = await request.formData();
  const forbidden = () => serverT(TEXT.forbidden, { ns: "plans" });
  return dispatchIntent(formData, [
    whenIntent("delete", TargetDeleteFormSchema, ({ id }) => {
      try {
        if (!deleteMetricTarget(db, user, id)) return fieldError(formData, "id", serverT("is not a known target"), "delete");
      } catch (e) {
        if (e instanceof TargetPermissionError) return formError(formData, forbidden(), "delete");
        throw e;
      }
      return { status: "ok", intent: "delete", message: serverT(TEXT.removed, { ns: "plans" }) } satisfies FormReply;
    }),
    whenIntent("set", TargetFormSchema, (data) => {
      const def = metricDefinition(data.metricId)!;
      if (!can(user, "targets:edit", { metricDomain: def.domain }) || def.unit === "date" || def.unit === "boolean")
        return fieldError(formData, "metricId", forbidden(), "set");
      setMetricTarget(db, user, { ...data, value: fromHumanUnits(data.metricId, data.value) });
      return { status: "ok", intent: "set", message: serverT(TEXT.saved, { ns: "plans" }) } satisfies FormReply;
    }),
  ]);
}

export default function Targets() {
  const { targets, metrics, cycles } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { user, formatting } = useRootData();
  const { t } = useTranslation("plans");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "set";
  const v = (name: string, fallback: string) => valueOf(reply, name, fallback, "set");
  const e = (name: string) => fieldErrorsOf(reply, name, "set");
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
      <ReplyMessage reply={reply} />
      <section className="panel" aria-labelledby="targets-list">
        <h2 id="targets-list">{t("Targets")}</h2>
        {targets.length === 0 ? (
          <p className="muted">{t(TEXT.none)}</p>
        ) : (
          <SimpleTable columns={[t("Metric"), t("Cycle"), { label: t("Target"), num: "num" }, t("Set by"), t("Note")]} actionsLabel={t("Actions")}>
            {targets.map((row) => (
              <tr key={row.id} data-testid="target-row" data-target-metric={row.metricId}>
                <th scope="row">
                  {metricLabelText(t, row.metricId, row.label)} <span className="muted">({row.metricId})</span>
                </th>
                <td>{row.cycleName ?? t(TEXT.openEnded)}</td>
                <td className="num nowrap" data-target-value={row.value}>
                  {COMPARISON_SYMBOLS[row.comparison]} {formatGateValue(row.metricId, row.value, formatting, undefined, t)}
                </td>
                <td>{row.setBy ?? "—"}</td>
                <td>{row.note ?? ""}</td>
                <td>
                  {can(user, "targets:edit", { metricDomain: metricDefinition(row.metricId)?.domain ?? "unknown" }) ? (
                    <RowActionForm
                      fields={{ intent: "delete", id: row.id }}
                      variant="ghost"
                      label={t(TEXT.remove)}
                      rowName={metricLabelText(t, row.metricId, row.label)}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </SimpleTable>
        )}
      </section>
      <section className="panel" aria-labelledby="targets-set">
        <h2 id="targets-set">{t(TEXT.set)}</h2>
        <PostForm hidden={{ intent: "set" }} submit={{ label: t(TEXT.save), pending: busy, pendingLabel: t(TEXT.saving) }}>
          <SelectField
            label={t("Metric")}
            name="metricId"
            placeholder={t("Choose…")}
            required
            defaultValue={v("metricId", "")}
            errors={e("metricId")}
            options={metrics.map((m) => ({
              value: m.id,
              label: `${metricLabelText(t, m.id, m.label)}${humanUnitLabel(m.id, formatting.currency, t) ? ` (${humanUnitLabel(m.id, formatting.currency, t)})` : ""}`,
            }))}
          />
          <SelectField
            label={t("Cycle")}
            name="cycleId"
            defaultValue={v("cycleId", "")}
            errors={e("cycleId")}
            options={[{ value: "", label: t(TEXT.openEnded) }, ...cycles.map((c) => ({ value: String(c.id), label: c.name }))]}
          />
          <SelectField
            label={t("Comparison")}
            name="comparison"
            required
            defaultValue={v("comparison", ">=")}
            errors={e("comparison")}
            options={TARGET_COMPARISONS.map((c) => ({ value: c, label: COMPARISON_SYMBOLS[c] }))}
          />
          <Field
            label={t("Value")}
            name="value"
            inputMode="decimal"
            required
            hint={t("In everyday units: money in k€, rates in %, times in hours.")}
            defaultValue={v("value", "")}
            errors={e("value")}
          />
          <Field label={t("Note")} name="note" defaultValue={v("note", "")} errors={e("note")} />
        </PostForm>
      </section>
    </>
  );
}
