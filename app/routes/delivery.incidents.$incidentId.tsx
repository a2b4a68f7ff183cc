import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { can } from "~/auth/permissions";
import { CauseKindBadge, IncidentStateBadge, SeverityBadge } from "~/components/delivery/badges";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field, replyField, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { FormCard } from "~/components/ui/post-form";
import { RowActionForm } from "~/components/ui/row-form";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatDateTime, formatHours } from "~/lib/format";
import { type FormReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { incidentEditSchemas } from "~/lib/schemas/incident-forms.server";
import { toLocalInput } from "~/lib/time";
import { causeCandidates, type CauseChoice, getIncident, SEVERITIES, updateIncident } from "~/models/delivery.server";
import { formattingOf, getCompanySettings } from "~/models/settings.server";
import { notFound } from "~/utils/http.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { dataRouteHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  back: N_("All incidents"),
  details: N_("Details"),
  resolve: N_("Resolve"),
  resolveButton: N_("Resolve incident"),
  reopen: N_("Reopen incident"),
  cause: N_("Causing deployment"),
  causeHelp: N_(
    "“Inferred” follows the rule: the latest successful production deployment of the service finished at or before the incident started. Choose a deployment to set it explicitly, or clear it when no deployment caused the incident.",
  ),
  saveCause: N_("Save cause"),
  saveDetails: N_("Save details"),
  saving: N_("Saving…"),
  readOnly: N_("Only the CEO and the CTO edit incidents."),
};

export const { handle, meta } = dataRouteHead<typeof loader>("delivery", (data, t) => data?.incident.title ?? t("Incident"));

function incidentId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id <= 0) notFound(serverT("No such incident.", { ns: "delivery" }));
  return id;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request);
  const incident = getIncident(db, incidentId(params.incidentId));
  if (!incident) notFound(serverT("No such incident.", { ns: "delivery" }));
  const { timeZone } = formattingOf(getCompanySettings(db));
  return {
    incident,
    severities: SEVERITIES,
    candidates: causeCandidates(db, incident.serviceId, incident.startedAt, incident.causeDeploymentId),
    timeZone,
    local: {
      startedAt: toLocalInput(incident.startedAt, timeZone),
      resolvedAt: toLocalInput(incident.resolvedAt, timeZone),
      now: toLocalInput(Date.now(), timeZone),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "delivery:edit");
  const id = incidentId(params.incidentId);
  const { timeZone } = formattingOf(getCompanySettings(db));
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  const reply = (r: ReturnType<typeof updateIncident>, message: string) => {
    if (r === null) notFound(serverT("No such incident.", { ns: "delivery" }));
    if ("error" in r) return fieldError(formData, r.field, r.error, intent);
    return { status: "ok", intent, message } satisfies FormReply;
  };
  const s = incidentEditSchemas(timeZone);
  return dispatchIntent(formData, [
    whenIntent("details", s.details, ({ title, severity, startedAt, resolvedAt }) =>
      reply(updateIncident(db, user.id, id, { title, severity, startedAt, resolvedAt: resolvedAt ?? null }), serverT("Details saved.", { ns: "delivery" })),
    ),
    whenIntent("resolve", s.resolve, ({ resolvedAt }) =>
      reply(updateIncident(db, user.id, id, { resolvedAt }), serverT("Incident resolved.", { ns: "delivery" })),
    ),
    whenIntent("reopen", null, () => reply(updateIncident(db, user.id, id, { resolvedAt: null }), serverT("Incident reopened.", { ns: "delivery" }))),
    whenIntent("cause", s.cause, ({ cause: c }) => {
      const cause: CauseChoice = c === "inferred" ? { mode: "inferred" } : c === "none" ? { mode: "none" } : { mode: "explicit", deploymentId: Number(c) };
      return reply(
        updateIncident(db, user.id, id, { cause }),
        serverT(c === "none" ? N_("Cause cleared.", "delivery") : c === "inferred" ? N_("Cause set by the rule.", "delivery") : N_("Cause set.", "delivery"), {
          ns: "delivery",
        }),
      );
    }),
  ]);
}

export default function IncidentPage() {
  const { t } = useTranslation("delivery");
  const { incident: i, candidates, timeZone, local, severities } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { user, formatting } = useRootData();
  const editable = can(user, "delivery:edit");
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const dt = (ms: number | null) => formatDateTime(ms, formatting.timeZone, formatting.locale) ?? "—";
  const currentCause = i.causeKind === "none" ? "none" : i.causeKind === "explicit" && i.causeDeploymentId !== null ? String(i.causeDeploymentId) : "inferred";
  const ruleCandidate = candidates.find((c) => c.id === i.ruleDeploymentId);
  const okMessage = reply && reply.status === "ok" ? reply.message : null;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/delivery/incidents">← {t(TEXT.back)}</Link>}
        title={i.title}
        description={
          <span className="dl-flags">
            <SeverityBadge severity={i.severity} /> <IncidentStateBadge resolvedAt={i.resolvedAt} />{" "}
            <Link to={`/delivery/incidents?service=${encodeURIComponent(i.service)}`}>{i.service}</Link>
            {i.team ? <span className="dl-muted"> · {i.team}</span> : null}
            {i.externalId ? (
              <span className="dl-muted">
                {" "}
                · <code>{i.externalId}</code>
              </span>
            ) : null}
          </span>
        }
      />
      {okMessage ? (
        <p className="notice" role="status">
          {okMessage}
        </p>
      ) : null}
      <div className="dl-grid">
        <Card title={t(TEXT.cause)}>
          <p className="dl-cause-now" data-testid="incident-cause">
            {i.causeDeploymentId !== null ? (
              <>
                <Link to={`/delivery/deployments/${i.causeDeploymentId}`}>
                  <code>{i.causeExternalId ?? `#${i.causeDeploymentId}`}</code>
                </Link>{" "}
                <span className="dl-muted">{t("finished {{time}}", { time: dt(i.causeFinishedAt) })}</span>{" "}
              </>
            ) : (
              <span className="dl-muted">{i.causeKind === "none" ? t("No deployment caused it.") : t("No deployment found before the start.")} </span>
            )}
            <CauseKindBadge kind={i.causeKind} />
          </p>
          <p className="dl-muted">{t(TEXT.causeHelp)}</p>
          {editable ? (
            <Form method="post" className="dl-inline-form" noValidate>
              <input type="hidden" name="intent" value="cause" />
              <SelectField
                label={t("Cause")}
                {...replyField(reply, "cause", currentCause, "cause")}
                key={currentCause}

                options={[
                  {
                    value: "inferred",
                    label: ruleCandidate
                      ? t("Inferred: {{deployment}}", { deployment: ruleCandidate.externalId ?? `#${ruleCandidate.id}` })
                      : i.ruleDeploymentId === null
                        ? t("Inferred (none found)")
                        : t("Inferred"),
                  },
                  { value: "none", label: t("No deployment caused it (clear)") },
                  ...candidates.map((c) => ({
                    value: String(c.id),
                    label: `${c.externalId ?? `#${c.id}`} — ${dt(c.finishedAt)}${c.environment !== "production" ? ` · ${c.environment}` : ""}${c.status === "failure" ? ` · ${t("failed")}` : ""}`,
                  })),
                ]}
              />
              <Button pending={busy("cause")} pendingLabel={t(TEXT.saving)}>
                {t(TEXT.saveCause)}
              </Button>
            </Form>
          ) : null}
        </Card>
        <Card title={t(TEXT.resolve)}>
          <dl className="dl-facts">
            <dt>{t("Started")}</dt>
            <dd>{dt(i.startedAt)}</dd>
            <dt>{t("Resolved")}</dt>
            <dd>{i.resolvedAt === null ? t("open") : dt(i.resolvedAt)}</dd>
            <dt>{t("Time to restore")}</dt>
            <dd>{i.durationHours === null ? t("open") : formatHours(i.durationHours, formatting.locale)}</dd>
          </dl>
          {editable ? (
            i.resolvedAt === null ? (
              <Form method="post" className="dl-inline-form" noValidate>
                <input type="hidden" name="intent" value="resolve" />
                <Field
                  label={t("Resolved at ({{timeZone}})", { timeZone })}
                  {...replyField(reply, "resolvedAt", local.now, "resolve")}
                  type="datetime-local"
                  required
                />
                <Button variant="primary" pending={busy("resolve")} pendingLabel={t(TEXT.saving)}>
                  {t(TEXT.resolveButton)}
                </Button>
              </Form>
            ) : (
              <RowActionForm
                fields={{ intent: "reopen" }}
                pending={busy("reopen")}
                pendingLabel={t(TEXT.saving)}
                className="dl-inline-form"
                label={t(TEXT.reopen)}
              />
            )
          ) : (
            <p className="dl-muted">{t(TEXT.readOnly)}</p>
          )}
        </Card>
      </div>
      {editable ? (
        <FormCard
          title={t(TEXT.details)}
          hidden={{ intent: "details" }}
          submit={{ label: t(TEXT.saveDetails), pending: busy("details"), pendingLabel: t(TEXT.saving) }}
        >
          <Field label={t("Title")} {...replyField(reply, "title", i.title, "details")} required maxLength={300} />
          <SelectField
            label={t("Severity")}
            {...replyField(reply, "severity", i.severity, "details")}
            options={severities.map((s) => ({ value: s, label: s }))}
          />
          <Field
            label={t("Started ({{timeZone}})", { timeZone })}
            {...replyField(reply, "startedAt", local.startedAt, "details")}
            type="datetime-local"
            required
          />
          <Field
            label={t("Resolved ({{timeZone}})", { timeZone })}
            {...replyField(reply, "resolvedAt", local.resolvedAt, "details")}
            type="datetime-local"

            hint={t("Empty means open.")}
          />
        </FormCard>
      ) : null}
    </>
  );
}
