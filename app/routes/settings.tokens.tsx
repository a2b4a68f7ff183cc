import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { canHoldScope } from "~/auth/permissions";
import { Badge } from "~/components/ui/badge";
import { JumpButton } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { Field, FieldErrors, replyField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { PostForm } from "~/components/ui/post-form";
import { ReplyMessage } from "~/components/ui/reply-message";
import { RowActionForm } from "~/components/ui/row-form";
import { SecretNotice, SecretValue } from "~/components/ui/secret-notice";
import { emptyListText, TableOrEmpty } from "~/components/ui/simple-table";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import { formatDateTime } from "~/lib/format";
import { fieldErrorsOf, type FormErrorReply, isErrorReply } from "~/lib/forms";
import { fieldError } from "~/lib/forms.server";
import { tokenFormSchemas } from "~/lib/schemas/settings.server";
import { API_SCOPES, createApiToken, listApiTokens, mayRevoke, revokeApiToken } from "~/models/tokens.server";
import { getDb } from "~/utils/db.server";
import { dispatchIntent, whenIntent } from "~/utils/intent-action.server";
import { pageRequest } from "~/utils/page-request.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("API tokens"),
  description: N_(
    "Tokens let CI pipelines and incident tools write deployments and incidents, monitoring push KPI measurements, import CSV and read metrics. A token's secret is shown once, when it is made; only a hash is stored. Webhooks from GitHub, GitLab, Alertmanager and PagerDuty use webhook sources instead.",
  ),
  create: N_("Create a token"),
  creating: N_("Creating…"),
  revoke: N_("Revoke"),
  revoking: N_("Revoking…"),
  emptyTitle: N_("No API tokens yet"),
  emptyBody: N_("Create one below, then send it as “Authorization: Bearer <token>”."),
  whoMay: N_("CEO and CTO"),
  secretTitle: N_("Copy the token now"),
  secretBody: N_("This is the only time it is shown. Store it in your CI's secrets."),
};

const SCOPE_LABELS: Record<string, string> = {
  "deployments:write": N_("deployments:write — post deployments"),
  "incidents:write": N_("incidents:write — post and resolve incidents"),
  "metrics:read": N_("metrics:read — read the DORA metrics"),
  "finance:read": N_("finance:read — read cash, burn and runway (CEO only)"),
  "import:write": N_("import:write — import CSV files"),
  "kpis:write": N_("kpis:write — push KPI measurements (uptime, latency…) from monitoring"),
};

export const { handle, meta } = routeHead("auth", N_("API tokens", "auth"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "tokens:manage");
  const tokens = listApiTokens(getDb()).map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes.split(",").filter(Boolean),
    createdBy: t.createdBy,
    createdAt: t.createdAt.getTime(),
    lastUsedAt: t.lastUsedAt?.getTime() ?? null,
    revokedAt: t.revokedAt?.getTime() ?? null,
    revocable: mayRevoke(user, t.scopes),
  }));
  return { tokens, scopes: API_SCOPES };
}

export type TokenReply =
  { status: "created"; intent: "create"; token: string; name: string; scopes: string[] } | { status: "ok"; intent: string; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const { user, db } = await pageRequest(request, "tokens:manage");
  const formData = await request.formData();
  const s = tokenFormSchemas();
  return dispatchIntent(formData, [
    whenIntent("create", s.create, ({ name, scopes }) => {
      // a user grants only scopes they hold now (finance:read: a CEO) — enforced here, not only hidden
      const refused = scopes.filter((scope) => !canHoldScope(user, scope));
      if (refused.length > 0) {
        return fieldError(formData, "scopes", serverT("you may not grant {{scopes}}", { ns: "auth", scopes: refused.join(", ") }), "create");
      }
      const { token } = createApiToken(db, { name, scopes, createdByUserId: user.id }, { userId: user.id });
      return { status: "created", intent: "create", token, name, scopes } satisfies TokenReply;
    }),
    whenIntent("revoke", s.revoke, ({ tokenId }) => {
      const outcome = revokeApiToken(db, tokenId, user);
      if (outcome === "not-found") return fieldError(formData, "tokenId", serverT("no such active token", { ns: "auth" }), "revoke");
      if (outcome === "forbidden") {
        const reply: FormErrorReply = {
          status: "error",
          fieldErrors: { tokenId: [serverT("you may revoke only tokens whose scopes you could grant", { ns: "auth" })] },
          formErrors: [],
          values: {},
          intent: "revoke",
        };
        return data(reply, { status: 403 });
      }
      return { status: "ok", intent: "revoke", message: serverT("Token revoked. Requests using it now get 401.", { ns: "auth" }) } satisfies TokenReply;
    }),
  ]);
}

export default function Tokens() {
  const { tokens, scopes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { user, formatting } = useRootData();
  const { t } = useTranslation("auth");
  const busy = (intent: string, id?: number) =>
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === intent &&
    (id === undefined || navigation.formData?.get("tokenId") === String(id));
  const dt = (ms: number | null) => (ms === null ? null : formatDateTime(ms, formatting.timeZone, formatting.locale));
  const chosen = isErrorReply(reply, "create") ? (reply.values.scopes ?? "").split(",") : ["deployments:write", "incidents:write"];
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} actions={<JumpButton href="#create-token">{t(TEXT.create)}</JumpButton>} />
      {reply && reply.status === "created" ? (
        <SecretNotice title={t(TEXT.secretTitle)}>
          <p>
            {t(TEXT.secretBody)} {t("Token “{{name}}” ({{scopes}}):", { name: reply.name, scopes: reply.scopes.join(", ") })}
          </p>
          <p>
            <SecretValue testId="new-token">{reply.token}</SecretValue>
          </p>
        </SecretNotice>
      ) : null}
      <ReplyMessage reply={reply} show="ok" />
      {isErrorReply(reply, "revoke") ? (
        <p className="form-error" role="alert">
          {Object.values(reply.fieldErrors).flat().join(" ")}
        </p>
      ) : null}
      <Card title={t("Tokens")}>
        <TableOrEmpty
          count={tokens.length}
          empty={emptyListText(t, TEXT)}
          caption={t("API tokens")}
          columns={[t("Name"), t("Prefix"), t("Scopes"), t("Created"), t("Last used"), t("State")]}
          actionsLabel={t("Actions")}
        >
          {tokens.map((token) => (
            <tr key={token.id}>
              <th scope="row">{token.name}</th>
              <td>
                <code>{token.prefix}…</code>
              </td>
              <td>
                <span className="dl-flags">
                  {token.scopes.map((s) => (
                    <Badge key={s} tone="neutral">
                      {s}
                    </Badge>
                  ))}
                </span>
              </td>
              <td>
                {dt(token.createdAt)}
                <br />
                <span className="dl-muted">{token.createdBy ? t("by {{name}}", { name: token.createdBy }) : t("by the command line")}</span>
              </td>
              <td>{dt(token.lastUsedAt) ?? <span className="dl-muted">{t("never")}</span>}</td>
              <td>
                {token.revokedAt === null ? (
                  <Badge tone="good">{t("active")}</Badge>
                ) : (
                  <Badge tone="bad">{t("revoked {{when}}", { when: dt(token.revokedAt) })}</Badge>
                )}
              </td>
              <td>
                {token.revokedAt === null && token.revocable ? (
                  <RowActionForm
                    fields={{ intent: "revoke", tokenId: token.id }}
                    variant="danger"
                    size="sm"
                    pending={busy("revoke", token.id)}
                    pendingLabel={t(TEXT.revoking)}
                    label={t(TEXT.revoke)}
                    rowName={token.name}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </TableOrEmpty>
      </Card>
      <Card title={t(TEXT.create)} id="create-token">
        <PostForm
          className="dl-token-form"
          hidden={{ intent: "create" }}
          submit={{ label: t(TEXT.create), pending: busy("create"), pendingLabel: t(TEXT.creating) }}
          inlineSubmit
        >
          <Field
            label={t("Name")}
            {...replyField(reply, "name", "", "create")}
            required
            maxLength={100}
            hint={t("Where it is used, e.g. “GitHub Actions — api-gateway”.")}
          />
          <fieldset className="dl-fieldset" aria-describedby={fieldErrorsOf(reply, "scopes", "create") ? "scopes-error" : undefined}>
            <legend>{t("Scopes")}</legend>
            {scopes.map((s) => {
              const disabled = !canHoldScope(user, s);
              return (
                <label key={s} className="dl-radio">
                  <input type="checkbox" name="scopes" value={s} defaultChecked={chosen.includes(s) && !disabled} disabled={disabled} /> {t(SCOPE_LABELS[s])}
                </label>
              );
            })}
            <FieldErrors id="scopes-error" errors={fieldErrorsOf(reply, "scopes", "create")} />
          </fieldset>
        </PostForm>
        <p className="dl-muted">
          {t("Also from a shell:")} <code>npm run token:create -- --name NAME --scopes deployments:write,incidents:write</code>.{" "}
          <Link to="/delivery/deployments">{t("See the deployments page for what arrives.")}</Link>
        </p>
      </Card>
    </>
  );
}
