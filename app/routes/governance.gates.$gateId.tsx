import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { GATE_FORM_SLOTS, GateForm } from "~/components/governance/gate-form";
import { GateCriteriaTable, GateVerdictBadge } from "~/components/governance/gates-panel";
import { Button } from "~/components/ui/button";
import { PageHeader } from "~/components/ui/page-header";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { badRequest } from "~/lib/forms.server";
import { parseGateForm } from "~/lib/schemas/governance.server";
import { idSchema } from "~/lib/validation.server";
import { deleteGate, getGate, updateGate } from "~/models/governance.server";
import { getEvaluatedGates } from "~/models/live-metrics.server";
import { MetricContext } from "~/models/metrics/context.server";
import { gateMetricOptions } from "~/models/metrics/options.server";
import { isKnownMetricId } from "~/models/metrics/readings.server";
import { invariantResponse } from "~/utils/http.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  back: N_("Back to the decision gates"),
  save: N_("Save gate"),
  remove: N_("Delete this gate"),
  removeHint: N_("Deleting removes the gate and its criteria; the audit trail keeps what it was."),
} as const;

export const { handle, meta } = routeHead("governance", N_("Edit gate", "governance"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request, "settings:manage");
  const id = idSchema.safeParse(params.gateId);
  invariantResponse(id.success, "Gate not found", 404);
  const gate = getGate(db, id.data);
  invariantResponse(gate, "Gate not found", 404);
  const ctx = new MetricContext(db);
  // the gate as it is judged now (the same live figures as the gates page and the executive dashboard)
  const evaluated = getEvaluatedGates(db, ctx.now, ctx).find((g) => g.id === gate.id) ?? null;
  return { gate, evaluated, metricOptions: gateMetricOptions(ctx) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "settings:manage");
  const id = idSchema.safeParse(params.gateId);
  invariantResponse(id.success, "Gate not found", 404);
  const formData = await request.formData();
  return dispatchIntent(formData, [
    whenIntent("delete", null, () => {
      invariantResponse(deleteGate(db, user.id, id.data), "Gate not found", 404);
      throw redirect("/governance/gates");
    }),
    // the gate's criteria are rows of one form: parseGateForm reads them (its schema is in lib/schemas)
    whenIntent("update", null, () => {
      const ctx = new MetricContext(db);
      const parsed = parseGateForm(formData, "update", (metricId) => isKnownMetricId(ctx, metricId));
      if (!parsed.ok) return badRequest(parsed.reply);
      invariantResponse(updateGate(db, user.id, id.data, parsed.data), "Gate not found", 404);
      throw redirect(`/governance/gates#gate-${id.data}`);
    }),
  ]);
}

export default function EditGate() {
  const { t } = useTranslation("governance");
  const { gate, evaluated, metricOptions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const formatting = useFormatting();
  return (
    <>
      <PageHeader eyebrow={<Link to="/governance/gates">{t(TEXT.back)}</Link>} title={t("Edit “{{name}}”", { name: gate.name })} />
      {evaluated ? (
        <section className="panel" aria-label={t("Verdict now")}>
          <p>
            {t("Now:")} <GateVerdictBadge verdict={evaluated.verdict} />
          </p>
          <GateCriteriaTable gate={evaluated} fmt={formatting} />
        </section>
      ) : null}
      <section className="panel">
        <GateForm
          reply={reply}
          intent="update"
          metricOptions={metricOptions}
          slots={Math.max(GATE_FORM_SLOTS, gate.criteria.length)}
          currency={formatting.currency}
          submitLabel={t(TEXT.save)}
          initial={gate}
        />
      </section>
      <section className="panel">
        <p className="muted">{t(TEXT.removeHint)}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <Button variant="danger">{t(TEXT.remove)}</Button>
        </Form>
      </section>
    </>
  );
}
