import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { isErrorReply, valueOf, type FormReply } from "~/lib/forms";
import { badRequest, parseForm } from "~/lib/forms.server";
import { COMPANY_TARGET_KEYS, getDoraTargets, setCompanyTarget, TARGET_KEY_OF, type CompanyTargetKey } from "~/models/targets.server";
import { useRootData } from "~/root";
import { getDb } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Delivery targets · Strategy Tracker" }];

/** What each target means and in which unit it is typed (the change failure rate as a percentage). */
const TARGETS: Record<CompanyTargetKey, { label: string; unit: string; hint: string; max: number; percent?: boolean }> = {
  deploys_per_day: { label: "Deployments per day (at least)", unit: "/ day", hint: "successful production deployments per day", max: 10_000 },
  lead_time_hours: { label: "Lead time for changes (below)", unit: "hours", hint: "median, commit to production", max: 10_000 },
  mttr_hours: { label: "Mean time to restore (below)", unit: "hours", hint: "MTTR, incident start to resolution", max: 10_000 },
  change_failure_rate: { label: "Change failure rate (below)", unit: "%", hint: "deployments that caused an incident", max: 100, percent: true },
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  const { targets, sources } = getDoraTargets(getDb());
  return {
    rows: COMPANY_TARGET_KEYS.map((key) => {
      const k = TARGET_KEY_OF[key];
      const v = targets[k];
      return { key, value: v === null ? null : TARGETS[key].percent ? Math.round(v * 100_000) / 1000 : v, source: sources[k] };
    }),
  };
}

function schema() {
  const shape: Record<string, z.ZodType> = { intent: z.literal("targets") };
  for (const key of COMPANY_TARGET_KEYS) {
    shape[key] = z.coerce
      .number({ error: "must be a number" })
      .positive("must be above 0")
      .max(TARGETS[key].max, `must be at most ${TARGETS[key].max}`)
      .optional();
    shape[`${key}_source`] = z.string().max(200, "must be at most 200 characters").optional();
  }
  return z.object(shape) as z.ZodType<Record<string, unknown>>;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "delivery:edit");
  const formData = await request.formData();
  const parsed = parseForm(formData, schema(), "targets");
  if (!parsed.ok) return badRequest(parsed.reply);
  const db = getDb();
  db.transaction(() => {
    for (const key of COMPANY_TARGET_KEYS) {
      const raw = parsed.data[key] as number | undefined;
      const value = raw === undefined ? null : TARGETS[key].percent ? raw / 100 : raw;
      setCompanyTarget(db, user.id, key, value, (parsed.data[`${key}_source`] as string | undefined) ?? null);
    }
  });
  return { status: "ok", intent: "targets", message: "Targets saved." } satisfies FormReply;
}

export default function DeliveryTargets() {
  const { rows } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { user } = useRootData();
  const editable = can(user, "delivery:edit");
  return (
    <>
      <PageHeader
        title="Delivery targets"
        eyebrow={<Link to="/dashboards/cto">← CTO dashboard</Link>}
        description="The company's own targets for the DORA figures, shown on the CTO dashboard beside the DORA tiers. Leave a target empty for none; a source note (where the target comes from) is shown with it."
      />
      {reply?.status === "ok" ? (
        <p className="notice" role="status">
          {reply.message}
        </p>
      ) : null}
      <Card>
        <Form method="post" className="form-grid" noValidate>
          <input type="hidden" name="intent" value="targets" />
          {rows.map((r) => {
            const meta = TARGETS[r.key];
            const err = (name: string) => (isErrorReply(reply, "targets") ? reply.fieldErrors[name] : undefined);
            return (
              <fieldset key={r.key} className="target-row">
                <legend>{meta.label}</legend>
                <Field
                  label={`Target (${meta.unit})`}
                  name={r.key}
                  inputMode="decimal"
                  hint={meta.hint}
                  defaultValue={valueOf(reply, r.key, r.value, "targets")}
                  errors={err(r.key)}
                  disabled={!editable}
                />
                <Field
                  label="Source (optional)"
                  name={`${r.key}_source`}
                  defaultValue={valueOf(reply, `${r.key}_source`, r.source, "targets")}
                  errors={err(`${r.key}_source`)}
                  disabled={!editable}
                  maxLength={200}
                />
              </fieldset>
            );
          })}
          {editable ? (
            <div>
              <Button variant="primary" pending={navigation.state === "submitting"} pendingLabel="Saving…">
                Save targets
              </Button>
            </div>
          ) : (
            <p className="muted">The CEO and the CTO set these targets.</p>
          )}
        </Form>
      </Card>
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
