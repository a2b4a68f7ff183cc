import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { PageHeader } from "~/components/ui/page-header";
import { PostForm } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { RowActionForm } from "~/components/ui/row-form";
import { SecretNotice, SecretValue } from "~/components/ui/secret-notice";
import { SimpleTable } from "~/components/ui/simple-table";
import { SourceFields, SourceSecretField } from "~/components/webhooks/source-fields";
import { useFormatting } from "~/hooks/root-data";
import { serverT } from "~/i18n/translate.server";
import { formatDateTime } from "~/lib/format";
import { isErrorReply, type FormReply } from "~/lib/forms";
import { badRequest, formValues } from "~/lib/forms.server";
import { resolveMappingForm, webhookSchemas, webhookLogParamsSchema } from "~/lib/schemas/webhooks.server";
import { ignoredParamNotice, parseSearchParams } from "~/lib/url-params.server";
import { idSchema } from "~/lib/validation.server";
import { KIND_LABELS, OUTCOME_LABELS, OUTCOME_TONES, SETUP_STEPS, WEBHOOK_OUTCOME_VALUES } from "~/lib/webhooks/labels";
import { localizeLogText } from "~/lib/webhooks/log-texts";
import { mappingText } from "~/lib/webhooks/mapping";
import { SIGNATURE_HEADER } from "~/lib/webhooks/signatures.server";
import { listServiceOptions } from "~/models/delivery.server";
import {
  deleteWebhookSource,
  getWebhookSource,
  listWebhookDeliveries,
  setWebhookSecret,
  updateWebhookSource,
  WEBHOOK_LOG_KEEP,
  WEBHOOK_LOG_KEEP_UNVERIFIED,
  webhookSourceNameTaken,
} from "~/models/webhooks.server";
import { notFound } from "~/utils/http.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { dataRouteHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = dataRouteHead<typeof loader>("delivery", (data, t) => `${data?.source.name ?? t("Webhook source")} · ${t("Webhook sources")}`);

function sourceIdOf(params: { sourceId?: string }): number {
  const id = idSchema.safeParse(params.sourceId);
  if (!id.success || id.data > 2_147_483_647) notFound(serverT("No such webhook source.", { ns: "delivery" }));
  return id.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request, "tokens:manage");
  const id = sourceIdOf(params);
  const source = getWebhookSource(db, id);
  if (!source) notFound(serverT("No such webhook source.", { ns: "delivery" }));
  const url = new URL(request.url);
  const { data: p, ignored } = parseSearchParams(url, webhookLogParamsSchema());
  const deliveries = listWebhookDeliveries(db, id, { outcome: p.outcome, page: p.page });
  return {
    source,
    services: listServiceOptions(db),
    url: `${url.origin}/api/v1/webhooks/${id}`,
    header: SIGNATURE_HEADER[source.kind],
    deliveries,
    filter: { outcome: p.outcome ?? "" },
    notices: ignored.map(ignoredParamNotice),
    keep: { verified: WEBHOOK_LOG_KEEP, unverified: WEBHOOK_LOG_KEEP_UNVERIFIED },
  };
}

export type SourceReply = FormReply | { status: "secret"; intent: string; secret: string | null; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "tokens:manage");
  const id = sourceIdOf(params);
  if (!getWebhookSource(db, id)) notFound(serverT("No such webhook source.", { ns: "delivery" }));
  const formData = await request.formData();
  const schemas = webhookSchemas();
  return dispatchIntent(formData, [
    whenIntent("update", schemas.update, ({ name, productionEnvironment, serviceLabel, defaultServiceId, mappings }) => {
      const fail = (field: string, errors: string[]) =>
        badRequest({ status: "error", fieldErrors: { [field]: errors }, formErrors: [], values: formValues(formData), intent: "update" });
      if (webhookSourceNameTaken(db, name, id)) return fail("name", ["is already the name of another source"]);
      const rules = resolveMappingForm(mappings, defaultServiceId, listServiceOptions(db));
      if (!rules.ok) return fail(rules.field, rules.errors);
      updateWebhookSource(db, user.id, id, { name, productionEnvironment, serviceLabel, defaultServiceId, mappings: rules.rules });
      return {
        status: "ok",
        intent: "update",
        message: serverT("Source saved. The next deliveries follow the new rules.", { ns: "delivery" }),
      } satisfies SourceReply;
    }),
    whenIntent("rotate", null, () => {
      const r = setWebhookSecret(db, user.id, id);
      return {
        status: "secret",
        intent: "rotate",
        secret: r?.secret ?? null,
        message: serverT("New secret made: the old one stops working now. Paste this one in the sender's settings.", { ns: "delivery" }),
      } satisfies SourceReply;
    }),
    // what was typed comes back on an error, never the secret (formValues never echoes a `secret` field)
    whenIntent("set-secret", schemas.setSecret, ({ secret }) => {
      setWebhookSecret(db, user.id, id, secret);
      return {
        status: "secret",
        intent: "set-secret",
        secret: null,
        message: serverT("Secret saved. Deliveries signed with it are accepted from now on.", { ns: "delivery" }),
      } satisfies SourceReply;
    }),
    whenIntent("delete", null, () => {
      deleteWebhookSource(db, user.id, id);
      throw redirect("/settings/webhooks");
    }),
  ]);
}

export default function WebhookSource() {
  const { t } = useTranslation("delivery");
  const { source, services, url, header, deliveries, filter, notices, keep } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const formatting = useFormatting();
  const busy = (intent: string) => navigation.state === "submitting" && navigation.formData?.get("intent") === intent;
  const dt = (ms: number | null) => (ms === null ? null : formatDateTime(ms, formatting.timeZone, formatting.locale));
  const pageLink = (page: number) => {
    const sp = new URLSearchParams();
    if (filter.outcome) sp.set("outcome", filter.outcome);
    if (page > 1) sp.set("page", String(page));
    const q = sp.toString();
    return q ? `?${q}#deliveries` : "#deliveries";
  };
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/settings/webhooks">{t("Webhook sources")}</Link>}
        title={source.name}
        description={t("{{kind}} webhook source, added {{date}}.", { kind: KIND_LABELS[source.kind], date: dt(source.createdAt) })}
      />
      {reply && reply.status === "secret" ? (
        <SecretNotice title={reply.secret ? t("Copy the new secret now") : t("Secret saved")}>
          <p>{reply.message}</p>
          {reply.secret ? (
            <p>
              <SecretValue testId="new-source-secret">{reply.secret}</SecretValue>
            </p>
          ) : null}
        </SecretNotice>
      ) : null}
      <ReplyMessage reply={reply} show="ok" />
      <div className="dl-grid">
        <Card title={t("Where the sender posts")}>
          <dl className="dl-facts">
            <dt>{t("URL")}</dt>
            <dd>
              <code className="dl-mono" data-testid="source-url">
                {url}
              </code>
            </dd>
            <dt>{t("Proof")}</dt>
            <dd>{t("{{header}} with the source's secret", { header })}</dd>
            <dt>{t("Secret")}</dt>
            <dd>
              {source.secretHint === null ? (
                <Badge tone="warn">{t("not set yet")}</Badge>
              ) : source.secretUnreadable ? (
                <Badge tone="bad">{t("unreadable: set a new one")}</Badge>
              ) : (
                <>{t("ends in …{{hint}}, set {{date}}", { hint: source.secretHint, date: dt(source.secretSetAt) })}</>
              )}
            </dd>
            <dt>{t("Last delivery")}</dt>
            <dd>{dt(source.lastDeliveryAt) ?? <span className="dl-muted">{t("none yet")}</span>}</dd>
          </dl>
          <ol className="dl-help">
            {SETUP_STEPS[source.kind].map((step) => (
              <li key={t(step)}>{t(step)}</li>
            ))}
          </ol>
        </Card>
        <Card title={t("Secret")}>
          <p className="dl-muted">{t("Rotating makes a new secret at once; deliveries signed with the old one are refused from then on.")}</p>
          <RowActionForm
            fields={{ intent: "rotate" }}
            variant="secondary"
            pending={busy("rotate")}
            pendingLabel={t("Rotating…")}
            label={t("Generate a new secret")}
          />
          <Form method="post" className="dl-inline-form" noValidate>
            <input type="hidden" name="intent" value="set-secret" />
            <SourceSecretField
              reply={reply}
              intent="set-secret"
              label={t("Use the sender's secret")}
              hint={
                source.kind === "pagerduty" ? t("The signing secret PagerDuty showed when the webhook was made.") : t("A secret of your own (16+ characters).")
              }
            />
            <Button variant="secondary" pending={busy("set-secret")} pendingLabel={t("Saving…")}>
              {t("Save secret")}
            </Button>
          </Form>
        </Card>
      </div>
      <Card title={t("Settings")}>
        <PostForm
          className="dl-token-form"
          hidden={{ intent: "update" }}
          submit={{ label: t("Save"), pending: busy("update"), pendingLabel: t("Saving…") }}
          inlineSubmit
        >
          <SourceFields
            reply={reply}
            intent="update"
            kind={source.kind}
            services={services}
            values={{
              name: source.name,
              productionEnvironment: source.productionEnvironment,
              serviceLabel: source.serviceLabel,
              defaultServiceId: source.defaultServiceId,
              mappings: mappingText(source.mappings),
            }}
          />
        </PostForm>
      </Card>
      <Card
        title={t("Delivery log")}
        id="deliveries"
        description={t(
          'The last {{verified}} verified deliveries, and the last {{unverified}} refused before verification. To replay one, use the sender\'s "redeliver".',
          {
            verified: keep.verified,
            unverified: keep.unverified,
          },
        )}
      >
        <Form method="get" className="dl-filters__form" action="#deliveries">
          <label className="dl-filters__item">
            <span className="dl-filters__label">{t("Outcome")}</span>
            <select name="outcome" defaultValue={filter.outcome} className="field__control dl-filters__control">
              <option value="">{t("all")}</option>
              {WEBHOOK_OUTCOME_VALUES.map((o) => (
                <option key={o} value={o}>
                  {t(OUTCOME_LABELS[o])}
                </option>
              ))}
            </select>
          </label>
          <div className="dl-filters__actions">
            <Button variant="secondary" size="sm">
              {t("Apply")}
            </Button>
          </div>
        </Form>
        {notices.length ? (
          <div className="dl-notices" role="status">
            {notices.map((n) => (
              <p key={n} className="dl-notice">
                {n}
              </p>
            ))}
          </div>
        ) : null}
        {deliveries.rows.length === 0 ? (
          <EmptyState title={filter.outcome ? t("No {{outcome}} delivery in the log", { outcome: filter.outcome }) : t("No delivery yet")}>
            <p>{t("Set the URL and secret in the sender; its first event (or its test button) appears here.")}</p>
          </EmptyState>
        ) : (
          <SimpleTable
            testId="delivery-log"
            caption={t("Deliveries of {{name}}, newest first", { name: source.name })}
            columns={[t("Received"), t("Event"), t("Outcome"), { label: "HTTP", num: true }, t("What happened"), t("Delivery id")]}
          >
            {deliveries.rows.map((d) => (
              <tr key={d.id}>
                <td>{dt(d.receivedAt)}</td>
                <td>
                  <code className="dl-mono">{d.event}</code>
                  {d.verified ? null : (
                    <>
                      {" "}
                      <Badge tone="warn">{t("unverified")}</Badge>
                    </>
                  )}
                </td>
                <td>
                  <Badge tone={OUTCOME_TONES[d.outcome]}>{t(OUTCOME_LABELS[d.outcome])}</Badge>
                </td>
                <td className="dl-num">{d.httpStatus}</td>
                <td>
                  {d.summary ? <div>{localizeLogText(d.summary, t, formatting.locale)}</div> : null}
                  {d.reason ? <div className={d.outcome === "refused" ? undefined : "dl-muted"}>{localizeLogText(d.reason, t, formatting.locale)}</div> : null}
                </td>
                <td>{d.deliveryId ? <code className="dl-mono">{d.deliveryId}</code> : <span className="dl-muted">—</span>}</td>
              </tr>
            ))}
          </SimpleTable>
        )}
        {deliveries.pages > 1 ? (
          <nav aria-label={t("Delivery log pages")} className="dl-flags">
            {deliveries.page > 1 ? <Link to={pageLink(deliveries.page - 1)}>{t("← Newer")}</Link> : null}
            <span>{t("Page {{page}} of {{pages}} ({{total}} deliveries)", { page: deliveries.page, pages: deliveries.pages, total: deliveries.total })}</span>
            {deliveries.page < deliveries.pages ? <Link to={pageLink(deliveries.page + 1)}>{t("Older →")}</Link> : null}
          </nav>
        ) : null}
      </Card>
      <Card title={t("Delete this source")}>
        <p className="dl-muted">{t("Its URL stops answering (404), its log and waiting commits go; the deployments and incidents it wrote stay.")}</p>
        <RowActionForm
          fields={{ intent: "delete" }}
          variant="danger"
          pending={busy("delete")}
          pendingLabel={t("Deleting…")}
          label={t("Delete “{{name}}”", { name: source.name })}
        />
        {isErrorReply(reply, "delete") ? <p className="form-error">{Object.values(reply.fieldErrors).flat().join(" ")}</p> : null}
      </Card>
    </>
  );
}
