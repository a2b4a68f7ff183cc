import {
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { DeliveryTabs } from "~/components/delivery/tabs";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { PageHeader } from "~/components/ui/page-header";
import { N_ } from "~/i18n/mark";
import { metaT, pageTitle } from "~/i18n/meta";
import { type CsvRowError } from "~/lib/csv";
import { plural } from "~/lib/plural";
import { DEPLOYMENT_CSV_HEADERS, importDeploymentsCsv, importIncidentsCsv, INCIDENT_CSV_HEADERS } from "~/models/delivery.server";
import { getDb } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Import delivery history"),
  description:
    "Upload a CSV of deployments or incidents (UTF-8, header row, comma). All or nothing: one bad row rejects the file, and every bad row and field is listed. Times are ISO 8601 with a zone (2024-05-01T12:00:00Z).",
  kind: N_("What the file holds"),
  file: N_("CSV file"),
  paste: N_("…or paste the CSV here"),
  submit: N_("Import"),
  pending: N_("Importing…"),
  rejected: N_("The file was rejected; nothing was imported."),
};

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "delivery");
  return [{ title: pageTitle(t, t("Import delivery history")) }];
};

export const handle = { i18n: ["delivery"] };

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
    return fail("", `The file is larger than ${Math.round(max / 1024 / 1024)} MB.`, 413);
  let formData: FormData;
  try {
    formData = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")
      ? await unstable_parseMultipartFormData(request, unstable_composeUploadHandlers(unstable_createMemoryUploadHandler({ maxPartSize: max })))
      : await request.formData();
  } catch {
    return fail("", `The upload could not be read (at most ${Math.round(max / 1024 / 1024)} MB).`, 413);
  }
  const kind = String(formData.get("kind") ?? "");
  if (kind !== "deployments" && kind !== "incidents") return fail(kind, "Choose what the file holds: deployments or incidents.");
  const file = formData.get("file");
  let text = "";
  if (file && typeof file !== "string" && file.size > 0) text = await file.text();
  else text = String(formData.get("csv") ?? "");
  if (text.trim() === "") return fail(kind, "Choose a CSV file or paste its content.");
  const db = getDb();
  const result = kind === "deployments" ? importDeploymentsCsv(db, text, { userId: user.id }) : importIncidentsCsv(db, text, { userId: user.id });
  if (!result.ok) return data({ status: "error", kind, errors: result.errors } satisfies ImportReply, { status: 400 });
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
            Imported {plural(reply.rows, reply.kind === "incidents" ? "incident" : "deployment", reply.kind === "incidents" ? "incidents" : "deployments")}:{" "}
            {reply.created} created, {reply.updated} updated
            {reply.unchanged > 0 ? `, ${reply.unchanged} already known (left unchanged)` : ""}.
            {reply.servicesCreated.length > 0 ? ` New services: ${reply.servicesCreated.join(", ")}.` : ""}
          </p>
          <p>
            <Link to={reply.kind === "incidents" ? "/delivery/incidents" : "/delivery/deployments"}>See the {reply.kind}</Link>
          </p>
        </div>
      ) : null}
      {reply?.status === "error" ? (
        <div className="form-error dl-import-errors" role="alert">
          <p>
            <strong>{t(TEXT.rejected)}</strong> {plural(reply.errors.length, "problem", "problems")}:
          </p>
          <div className="table-scroll">
            <table className="simple">
              <caption className="visually-hidden">{t("Problems in the file")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("Row")}</th>
                  <th scope="col">{t("Column")}</th>
                  <th scope="col">{t("Problem")}</th>
                </tr>
              </thead>
              <tbody>
                {reply.errors.slice(0, MAX_SHOWN_ERRORS).map((e, i) => (
                  <tr key={i}>
                    <td>{e.row || "—"}</td>
                    <td>{e.field ? <code>{e.field}</code> : "—"}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {reply.errors.length > MAX_SHOWN_ERRORS ? <p>…and {reply.errors.length - MAX_SHOWN_ERRORS} more.</p> : null}
        </div>
      ) : null}
      <Card>
        <Form method="post" encType="multipart/form-data" className="dl-import-form">
          <fieldset className="dl-fieldset">
            <legend>{t(TEXT.kind)}</legend>
            <label className="dl-radio">
              <input type="radio" name="kind" value="deployments" defaultChecked={reply?.kind !== "incidents"} /> Deployments —{" "}
              <code>{headers.deployments}</code>
            </label>
            <label className="dl-radio">
              <input type="radio" name="kind" value="incidents" defaultChecked={reply?.kind === "incidents"} /> Incidents — <code>{headers.incidents}</code>
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
              Deployments: <code>{t("status")}</code> is success or failure; <code>{t("environment")}</code> defaults to production; <code>{t("hotfix")}</code>{" "}
              and <code>{t("rollback")}</code> are true/false (empty = false). Rows whose service and external id are already known are left unchanged.
            </li>
            <li>
              Incidents: <code>{t("severity")}</code> SEV1–SEV4; an empty <code>{t("resolved_at")}</code> means open; <code>{t("caused_by_external_id")}</code>{" "}
              must name a deployment of the same service (empty: the cause is inferred). Rows are matched on <code>{t("external_id")}</code> and updated.
            </li>
            <li>{t("Unknown services are created. The same import works unattended: POST /api/v1/import/deployments or /incidents with text/csv.")}</li>
          </ul>
          <Button variant="primary" pending={busy} pendingLabel={t(TEXT.pending)}>
            {t(TEXT.submit)}
          </Button>
          {busy ? (
            <p className="dl-muted" role="status">
              Checking every row, then writing them in one transaction…
            </p>
          ) : null}
        </Form>
      </Card>
    </>
  );
}
