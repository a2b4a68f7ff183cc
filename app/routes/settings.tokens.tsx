import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requirePermission } from "~/auth/guards.server";
import { canHoldScope } from "~/auth/permissions";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Field, FieldErrors } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { useRootData } from "~/hooks/root-data";
import { formatDateTime } from "~/lib/format";
import { fieldErrorsOf, isErrorReply, valueOf, type FormErrorReply } from "~/lib/forms";
import { badRequest, fieldError, parseForm, unknownIntent } from "~/lib/forms.server";
import { idSchema } from "~/lib/validation.server";
import { API_SCOPES, createApiToken, listApiTokens, mayRevoke, revokeApiToken } from "~/models/tokens.server";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: "API tokens",
  description:
    "Tokens let CI pipelines and incident tools write deployments and incidents, monitoring push KPI measurements, import CSV and read metrics. A token's secret is shown once, when it is made; only a hash is stored. Webhooks from GitHub, GitLab, Alertmanager and PagerDuty use webhook sources instead.",
  create: "Create a token",
  creating: "Creating…",
  revoke: "Revoke",
  revoking: "Revoking…",
  emptyTitle: "No API tokens yet",
  emptyBody: "Create one below, then send it as “Authorization: Bearer <token>”.",
  whoMay: "CEO and CTO",
  secretTitle: "Copy the token now",
  secretBody: "This is the only time it is shown. Store it in your CI's secrets.",
  docs: "curl examples for CI pipelines",
};

const SCOPE_LABELS: Record<string, string> = {
  "deployments:write": "deployments:write — post deployments",
  "incidents:write": "incidents:write — post and resolve incidents",
  "metrics:read": "metrics:read — read the DORA metrics",
  "finance:read": "finance:read — read cash, burn and runway (CEO only)",
  "import:write": "import:write — import CSV files",
  "kpis:write": "kpis:write — push KPI measurements (uptime, latency…) from monitoring",
};

export const meta: MetaFunction = () => [{ title: "API tokens · Strategy Tracker" }];

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

/** Built on demand: zod and the .server schemas stay out of the browser bundle. */
function schemas() {
  return {
    create: z.object({
      intent: z.literal("create"),
      name: z.string({ error: "is required" }).min(1, "is required").max(100, "must be at most 100 characters"),
      scopes: z.preprocess(
        (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
        z.array(z.enum(API_SCOPES, { error: "is not a known scope" })).min(1, "choose at least one scope"),
      ),
    }),
    revoke: z.object({ intent: z.literal("revoke"), tokenId: idSchema }),
  };
}

export type TokenReply =
  { status: "created"; intent: "create"; token: string; name: string; scopes: string[] } | { status: "ok"; intent: string; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "tokens:manage");
  const db = getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create") {
    const parsed = parseForm(formData, schemas().create, "create");
    if (!parsed.ok) return badRequest(parsed.reply);
    const { name, scopes } = parsed.data;
    // a user grants only scopes they hold now (finance:read: a CEO) — enforced here, not only hidden
    const refused = scopes.filter((s) => !canHoldScope(user, s));
    if (refused.length > 0) {
      return fieldError(formData, "scopes", `you may not grant ${refused.join(", ")}`, "create");
    }
    const { token } = createApiToken(db, { name, scopes, createdByUserId: user.id }, { userId: user.id });
    return { status: "created", intent: "create", token, name, scopes } satisfies TokenReply;
  }
  if (intent === "revoke") {
    const parsed = parseForm(formData, schemas().revoke, "revoke");
    if (!parsed.ok) return badRequest(parsed.reply);
    const outcome = revokeApiToken(db, parsed.data.tokenId, user);
    if (outcome === "not-found") return fieldError(formData, "tokenId", "no such active token", "revoke");
    if (outcome === "forbidden") {
      const reply: FormErrorReply = {
        status: "error",
        fieldErrors: { tokenId: ["you may revoke only tokens whose scopes you could grant"] },
        formErrors: [],
        values: {},
        intent: "revoke",
      };
      return data(reply, { status: 403 });
    }
    return { status: "ok", intent: "revoke", message: "Token revoked. Requests using it now get 401." } satisfies TokenReply;
  }
  return unknownIntent(formData);
}

export default function Tokens() {
  const { tokens, scopes } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { user, formatting } = useRootData();
  const busy = (intent: string, id?: number) =>
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === intent &&
    (id === undefined || navigation.formData?.get("tokenId") === String(id));
  const dt = (ms: number | null) => (ms === null ? null : formatDateTime(ms, formatting.timeZone, formatting.locale));
  const chosen = isErrorReply(reply, "create") ? (reply.values.scopes ?? "").split(",") : ["deployments:write", "incidents:write"];
  return (
    <>
      <PageHeader
        title={TEXT.title}
        description={TEXT.description}
        actions={
          <a href="#create-token" className="btn btn--primary">
            {TEXT.create}
          </a>
        }
      />
      {reply && reply.status === "created" ? (
        <section className="dl-secret" aria-labelledby="secret-title" role="status">
          <h2 id="secret-title">{TEXT.secretTitle}</h2>
          <p>
            {TEXT.secretBody} Token “{reply.name}” ({reply.scopes.join(", ")}):
          </p>
          <p>
            <code className="dl-secret__value" data-testid="new-token">
              {reply.token}
            </code>
          </p>
        </section>
      ) : null}
      {reply && reply.status === "ok" ? (
        <p className="notice" role="status">
          {reply.message}
        </p>
      ) : null}
      {isErrorReply(reply, "revoke") ? (
        <p className="form-error" role="alert">
          {Object.values(reply.fieldErrors).flat().join(" ")}
        </p>
      ) : null}
      <Card title="Tokens">
        {tokens.length === 0 ? (
          <EmptyState title={TEXT.emptyTitle} whoMay={TEXT.whoMay}>
            <p>{TEXT.emptyBody}</p>
          </EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="simple">
              <caption className="visually-hidden">API tokens</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">{t.name}</th>
                    <td>
                      <code>{t.prefix}…</code>
                    </td>
                    <td>
                      <span className="dl-flags">
                        {t.scopes.map((s) => (
                          <Badge key={s} tone="neutral">
                            {s}
                          </Badge>
                        ))}
                      </span>
                    </td>
                    <td>
                      {dt(t.createdAt)}
                      <br />
                      <span className="dl-muted">by {t.createdBy ?? "the command line"}</span>
                    </td>
                    <td>{dt(t.lastUsedAt) ?? <span className="dl-muted">never</span>}</td>
                    <td>{t.revokedAt === null ? <Badge tone="good">active</Badge> : <Badge tone="bad">revoked {dt(t.revokedAt)}</Badge>}</td>
                    <td>
                      {t.revokedAt === null && t.revocable ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="revoke" />
                          <input type="hidden" name="tokenId" value={t.id} />
                          <Button variant="danger" size="sm" pending={busy("revoke", t.id)} pendingLabel={TEXT.revoking}>
                            {TEXT.revoke}
                            <span className="visually-hidden"> {t.name}</span>
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
      </Card>
      <Card title={TEXT.create} id="create-token">
        <Form method="post" className="dl-token-form" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field
            label="Name"
            name="name"
            required
            maxLength={100}
            defaultValue={valueOf(reply, "name", "", "create")}
            errors={fieldErrorsOf(reply, "name", "create")}
            hint="Where it is used, e.g. “GitHub Actions — api-gateway”."
          />
          <fieldset className="dl-fieldset" aria-describedby={fieldErrorsOf(reply, "scopes", "create") ? "scopes-error" : undefined}>
            <legend>Scopes</legend>
            {scopes.map((s) => {
              const disabled = !canHoldScope(user, s);
              return (
                <label key={s} className="dl-radio">
                  <input type="checkbox" name="scopes" value={s} defaultChecked={chosen.includes(s) && !disabled} disabled={disabled} /> {SCOPE_LABELS[s]}
                </label>
              );
            })}
            <FieldErrors id="scopes-error" errors={fieldErrorsOf(reply, "scopes", "create")} />
          </fieldset>
          <Button variant="primary" pending={busy("create")} pendingLabel={TEXT.creating}>
            {TEXT.create}
          </Button>
        </Form>
        <p className="dl-muted">
          Also from a shell: <code>npm run token:create -- --name NAME --scopes deployments:write,incidents:write</code>. See the{" "}
          <Link to="/delivery/deployments">deployments</Link> page for what arrives.
        </p>
      </Card>
    </>
  );
}
