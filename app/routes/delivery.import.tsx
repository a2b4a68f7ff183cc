import {
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { DeliveryTabs } from "~/components/delivery/tabs";
import { CsvErrorTable } from "~/components/finance/csv-errors";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { PageHeader } from "~/components/ui/page-header";
import { N_ } from "~/i18n/mark";
import { serverT, translateMessage } from "~/i18n/translate.server";
import { type CsvRowError } from "~/lib/csv";
import { DEPLOYMENT_CSV_HEADERS, importDeploymentsCsv, importIncidentsCsv, INCIDENT_CSV_HEADERS } from "~/models/delivery.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Import delivery history"),
  description: N_(
    "Upload a CSV of deployments or incidents (UTF-8, header row, comma). All or nothing: one bad row rejects the file, and every bad row and field is listed. Times are ISO 8601 with a zone (2024-05-01T12:00:00Z).",
  ),
  kind: N_("What the file holds"),
  file: N_("CSV file"),
  paste: N_("…or paste the CSV here"),
  submit: N_("Import"),
  pending: N_("Importing…"),
  rejected: N_("The file was rejected; nothing was imported."),
};

export const { handle, meta } = routeHead("delivery", N_("Import delivery history", "delivery"));

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "delivery:edit");
  return { headers: { deployments: DEPLOYMENT_CSV_HEADERS.join(","), incidents: INCIDENT_CSV_HEADERS.join(",") } };
}

type ImportReply =
  | { status: "ok"; kind: string; rows: number; created: number; updated: number; unchanged: number; servicesCreated: string[] }
  | { status: "error"; kind: string; errors: CsvRowError[] };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "delivery:edit");
  const max = getEnv().API_MAX_BODY_BYTES;
  const fail = (kind: string, message: string, status = 400) =>
    data({ status: "error", kind, errors: [{ row: 0, field: "", message }] } satisfies ImportReply, { status });
  if (Number(request.headers.get("Content-Length") ?? "0") > max + 64 * 1024)
    return fail("", serverT("The file is larger than {{mb}} MB.", { ns: "delivery", mb: Math.round(max / 1024 / 1024) }), 413);
  let formData: FormData;
  try {
    formData = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")
      ? await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(unstable_createMemoryUploadHandler({ maxPartSize: max })))
      : await request.formData();
  } catch {
    return fail("", serverT("The upload could not be read (at most {{mb}} MB).", { ns: "delivery", mb: Math.round(max / 1024 / 1024) }), 413);
  }
  const kind = String(formData.get("kind") ?? "");
  if (kind !== "deployments" && kind !== "incidents") return fail(kind, serverT("Choose what the file holds: deployments or incidents.", { ns: "delivery" }));
  const file = formData.get("file");
  let text = "";
  if (file && typeof file !== "string" && file.size > 0) text = await file.text();
  else text = String(formData.get("csv") ?? "");
  if (text.trim() === "") return fail(kind, serverT("Choose a CSV file or paste its content.", { ns: "delivery" }));
  const db = getDb();
  const result = kind === "deployments" ? importDeploymentsCsv(db, text, { userId: user.id }) : importIncidentsCsv(db, text, { userId: user.id });
  // the row errors are keys (N_) or texts already translated (serverT): in the reader's language
  const errors = result.ok ? [] : result.errors.map((e) => ({ ...e, message: translateMessage(e.message) }));
  if (!result.ok) return data({ status: "error", kind, errors } satisfies ImportReply, { status: 400 });
  const { ok: _ok, ...counts } = result;
  return { status: "ok", ...counts } satisfies ImportReply;
}

const MAX_SHOWN_ERRORS = 500;

export default function ImportPage() {
  const { t } = useTranslation("delivery");
  const { headers } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)}>
        <DeliveryTabs current="import" />
      </PageHeader>
      {reply?.status === "ok" ? (
        <div className="notice" role="status">
          <p>
            {reply.kind === "incidents"
              ? t("Imported {{count}} incidents:", { count: reply.rows })
              : t("Imported {{count}} deployments:", { count: reply.rows })}{" "}
            {reply.unchanged > 0
              ? t("{{created}} created, {{updated}} updated, {{unchanged}} already known (left unchanged).", {
                  created: reply.created,
                  updated: reply.updated,
                  unchanged: reply.unchanged,
                })
              : t("{{created}} created, {{updated}} updated.", { created: reply.created, updated: reply.updated })}
            {reply.servicesCreated.length > 0 ? ` ${t("New services: {{names}}.", { names: reply.servicesCreated.join(", ") })}` : ""}
          </p>
          <p>
            <Link to={reply.kind === "incidents" ? "/delivery/incidents" : "/delivery/deployments"}>
              {reply.kind === "incidents" ? t("See the incidents") : t("See the deployments")}
            </Link>
          </p>
        </div>
      ) : null}
      {reply?.status === "error" ? (
        <div className="form-error dl-import-errors" role="alert">
          <p>
            <strong>{t(TEXT.rejected)}</strong> {t("{{count}} problems:", { count: reply.errors.length })}
          </p>
          <CsvErrorTable errors={reply.errors.slice(0, MAX_SHOWN_ERRORS)} caption={t("Problems in the file")} noRow="—" fieldAsCode />
          {reply.errors.length > MAX_SHOWN_ERRORS ? <p>{t("…and {{count}} more.", { count: reply.errors.length - MAX_SHOWN_ERRORS })}</p> : null}
        </div>
      ) : null}
      <Card>
        <Form method="post" encType="multipart/form-data" className="dl-import-form">
          <fieldset className="dl-fieldset">
            <legend>{t(TEXT.kind)}</legend>
            <label className="dl-radio">
              <input type="radio" name="kind" value="deployments" defaultChecked={reply?.kind !== "incidents"} /> {t("Deployments")} —{" "}
              <code>{headers.deployments}</code>
            </label>
            <label className="dl-radio">
              <input type="radio" name="kind" value="incidents" defaultChecked={reply?.kind === "incidents"} /> {t("Incidents")} —{" "}
              <code>{headers.incidents}</code>
            </label>
          </fieldset>
          <div className="field">
            <label className="field__label" htmlFor="import-file">
              {t(TEXT.file)}
            </label>
            <input id="import-file" type="file" name="file" accept=".csv,text/csv" className="field__control" />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="import-csv">
              {t(TEXT.paste)}
            </label>
            <textarea id="import-csv" name="csv" rows={6} className="field__control dl-mono" spellCheck={false} />
          </div>
          <ul className="dl-muted dl-help">
            <li>
              {t(
                "Deployments: status is success or failure; environment defaults to production; hotfix and rollback are true/false (empty = false). Rows whose service and external id are already known are left unchanged.",
              )}
            </li>
            <li>
              {t(
                "Incidents: severity SEV1–SEV4; an empty resolved_at means open; caused_by_external_id must name a deployment of the same service (empty: the cause is inferred). Rows are matched on external_id and updated.",
              )}
            </li>
            <li>{t("Unknown services are created. The same import works unattended: POST /api/v1/import/deployments or /incidents with text/csv.")}</li>
          </ul>
          <Button variant="primary" pending={busy} pendingLabel={t(TEXT.pending)}>
            {t(TEXT.submit)}
          </Button>
          {busy ? (
            <p className="dl-muted" role="status">
              {t("Checking every row, then writing them in one transaction…")}
            </p>
          ) : null}
        </Form>
      </Card>
    </>
  );
}
