import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { JumpButton } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { replyField, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { PostForm } from "~/components/ui/post-form";
import { SecretNotice, SecretValue } from "~/components/ui/secret-notice";
import { emptyListText, TableOrEmpty } from "~/components/ui/simple-table";
import { SourceFields, SourceSecretField } from "~/components/webhooks/source-fields";
import { useFormatting } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { formatDateTime } from "~/lib/format";
import { badRequest, formValues, parseForm } from "~/lib/forms.server";
import { resolveMappingForm, webhookSchemas } from "~/lib/schemas/webhooks.server";
import { KIND_LABELS, OUTCOME_TONES, WEBHOOK_KIND_VALUES } from "~/lib/webhooks/labels";
import { listServiceOptions } from "~/models/delivery.server";
import { createWebhookSource, listWebhookSources, webhookSourceNameTaken } from "~/models/webhooks.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Webhook sources"),
  description: N_(
    "GitHub, GitLab, Alertmanager and PagerDuty send their events here: deployments, pushed commits and incidents fill the CTO dashboard without a CI step. Each source has its own URL and secret; every delivery is logged on its page.",
  ),
  add: N_("Add a source"),
  adding: N_("Adding…"),
  emptyTitle: N_("No webhook sources yet"),
  emptyBody: N_("Add one below, then paste its URL and secret in the sender's webhook settings (docs/integrations.md has the steps for each tool)."),
  whoMay: N_("CEO and CTO"),
  secretTitle: N_("Copy the secret now"),
  secretBody: N_("This is the only time it is shown; the tracker keeps it sealed. Paste both in the sender's webhook settings."),
  noSecret: N_("PagerDuty generates its own signing secret: create the webhook there with this URL, then paste its secret on the source's page."),
};

export const { handle, meta } = routeHead("delivery", N_("Webhook sources", "delivery"));

export async function loader({ request }: LoaderFunctionArgs) {
  const { db } = await pageRequest(request, "tokens:manage");
  return { sources: listWebhookSources(db), services: listServiceOptions(db), origin: new URL(request.url).origin };
}

export type CreatedReply = { status: "created"; intent: "create"; id: number; name: string; kind: string; url: string; secret: string | null };

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "tokens:manage");
  const formData = await request.formData();
  // a typed secret is never sent back to the page, not even on an error (formValues never echoes `secret`)
  const parsed = parseForm(formData, webhookSchemas().create, "create");
  if (!parsed.ok) return badRequest(parsed.reply);
  const values = formValues(formData);
  const { kind, name, productionEnvironment, serviceLabel, defaultServiceId, mappings, secret } = parsed.data;
  const fail = (field: string, errors: string[]) => badRequest({ status: "error", fieldErrors: { [field]: errors }, formErrors: [], values, intent: "create" });
  if (webhookSourceNameTaken(db, name)) return fail("name", ["is already the name of a source"]);
  const rules = resolveMappingForm(mappings, defaultServiceId, listServiceOptions(db));
  if (!rules.ok) return fail(rules.field, rules.errors);
  const created = createWebhookSource(db, user.id, { kind, name, productionEnvironment, serviceLabel, defaultServiceId, mappings: rules.rules }, secret);
  return {
    status: "created",
    intent: "create",
    id: created.id,
    name,
    kind,
    url: `${new URL(request.url).origin}/api/v1/webhooks/${created.id}`,
    // shown once: a secret the user typed is not echoed back
    secret: secret === undefined ? created.secret : null,
  } satisfies CreatedReply;
}

export default function WebhookSources() {
  const { t } = useTranslation("delivery");
  const { sources, services } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const formatting = useFormatting();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "create";
  const dt = (ms: number | null) => (ms === null ? null : formatDateTime(ms, formatting.timeZone, formatting.locale));
  const created = reply && reply.status === "created" ? reply : null;
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} actions={<JumpButton href="#add-source">{t(TEXT.add)}</JumpButton>} />
      {created ? (
        <SecretNotice title={created.secret ? t(TEXT.secretTitle) : t("Source “{{name}}” added", { name: created.name })}>
          <p>{created.secret ? t(TEXT.secretBody) : created.kind === "pagerduty" ? t(TEXT.noSecret) : t("It uses the secret you gave.")}</p>
          <dl className="dl-facts">
            <dt>{t("URL")}</dt>
            <dd>
              <SecretValue testId="new-source-url">{created.url}</SecretValue>
            </dd>
            {created.secret ? (
              <>
                <dt>{t("Secret")}</dt>
                <dd>
                  <SecretValue testId="new-source-secret">{created.secret}</SecretValue>
                </dd>
              </>
            ) : null}
          </dl>
          <p>
            <Link to={`/settings/webhooks/${created.id}`}>{t("Open “{{name}}”", { name: created.name })}</Link>
            {t(": the setup steps for {{kind}} and its delivery log.", { kind: KIND_LABELS[created.kind as keyof typeof KIND_LABELS] })}
          </p>
        </SecretNotice>
      ) : null}
      <Card title={t("Sources")}>
        <TableOrEmpty
          count={sources.length}
          empty={emptyListText(t, TEXT)}
          caption={t("Webhook sources")}
          columns={[
            t("Source"),
            t("Tool"),
            { label: t("Rules"), num: true },
            t("Default service"),
            t("Secret"),
            t("Last delivery"),
            { label: t("Refused (in the log)"), num: true },
          ]}
        >
          {sources.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <Link to={`/settings/webhooks/${s.id}`}>{s.name}</Link>
              </th>
              <td>{KIND_LABELS[s.kind]}</td>
              <td className="dl-num">{s.rules}</td>
              <td>{s.defaultServiceName ?? <span className="dl-muted">{t("none")}</span>}</td>
              <td>{s.hasSecret ? <Badge tone="good">{t("set")}</Badge> : <Badge tone="warn">{t("missing")}</Badge>}</td>
              <td>
                {s.lastDeliveryAt === null ? <span className="dl-muted">{t("never")}</span> : dt(s.lastDeliveryAt)}
                {s.lastOutcome ? (
                  <>
                    {" "}
                    <Badge tone={OUTCOME_TONES[s.lastOutcome]}>{s.lastOutcome}</Badge>
                  </>
                ) : null}
              </td>
              <td className="dl-num">{s.refused}</td>
            </tr>
          ))}
        </TableOrEmpty>
      </Card>
      <Card title={t(TEXT.add)} id="add-source">
        <PostForm
          className="dl-token-form"
          hidden={{ intent: "create" }}
          submit={{ label: t(TEXT.add), pending: busy, pendingLabel: t(TEXT.adding) }}
          inlineSubmit
        >
          <SelectField
            label={t("Tool")}
            {...replyField(reply, "kind", "", "create")}
            required
            placeholder={t("Choose…")}
            options={WEBHOOK_KIND_VALUES.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
          />
          <SourceFields
            reply={reply}
            intent="create"
            services={services}
            values={{ name: "", productionEnvironment: "production", serviceLabel: "service", defaultServiceId: null, mappings: "" }}
          />
          <SourceSecretField
            reply={reply}
            intent="create"
            label={t("Secret (optional)")}
            hint={t("Leave empty and the tracker generates one (shown once). PagerDuty generates its own: paste it here or later.")}
          />
        </PostForm>
        {services.length === 0 ? (
          <p className="dl-muted">
            {t("No services yet: add them first, so the rules can name them.")} <Link to="/delivery/services">{t("Services")}</Link>
          </p>
        ) : null}
      </Card>
    </>
  );
}
