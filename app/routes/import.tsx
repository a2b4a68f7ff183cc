import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { CsvErrorList } from "~/components/finance/csv-errors";
import { Button } from "~/components/ui/button";
import { Card } from "~/components/ui/card";
import { PageHeader } from "~/components/ui/page-header";
import { N_ } from "~/i18n/mark";
import { serverT } from "~/i18n/translate.server";
import type { CsvRowError } from "~/lib/csv";
import { readCsvUpload } from "~/lib/csv-upload.server";
import { IMPORT_KINDS, IMPORTS, isImportKind, type ImportKind } from "~/models/imports.server";
import { getDb } from "~/utils/db.server";
import { forbidden } from "~/utils/http.server";
import { routeHead } from "~/utils/route-head";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

export const { handle, meta } = routeHead(["auth", "finance"], N_("Import your data", "auth"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return {
    kinds: IMPORT_KINDS.map((kind) => {
      const s = IMPORTS[kind];
      return { kind, title: s.title, headers: s.headers, help: s.help, page: s.page, allowed: s.allowed(user) };
    }),
  };
}

type Reply = { kind: ImportKind; status: "ok"; message: string } | { kind: ImportKind; status: "error"; errors: CsvRowError[] };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const kind = formData.get("kind");
  if (!isImportKind(kind))
    return data(
      {
        kind: "budget-lines" as ImportKind,
        status: "error" as const,
        errors: [{ row: 0, field: "kind", message: serverT("is not a known import", { ns: "auth" }) }],
      },
      { status: 400 },
    );
  const spec = IMPORTS[kind];
  if (!spec.allowed(user)) forbidden();
  const upload = await readCsvUpload(formData);
  if (!upload.ok) return data<Reply>({ kind, status: "error", errors: upload.errors }, { status: upload.status });
  const result = spec.run(getDb(), user, upload.text, `upload:${upload.name}`);
  if (!result.ok) return data<Reply>({ kind, status: "error", errors: result.errors }, { status: 400 });
  return data<Reply>({
    kind,
    status: "ok",
    message: serverT("{{title}}: imported {{summary}}", { ns: "auth", title: serverT(spec.title, { ns: "auth" }), summary: result.summary }),
  });
}

export default function ImportPage() {
  const { kinds } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const navigation = useNavigation();
  const { t } = useTranslation("auth");
  return (
    <>
      <PageHeader
        title={t("Import your data")}
        description={t(
          "Load your company's own history from CSV files: download a template (the same columns as the page's export), fill it in, upload it. One bad row rejects the whole file and every bad row is listed, so nothing is half-imported.",
        )}
      />
      {kinds.map((k) => (
        <Card key={k.kind} title={t(k.title)} id={`import-${k.kind}`}>
          <p>
            <code>{k.headers.join(",")}</code>
          </p>
          <p className="muted">{t(k.help)}</p>
          <p>
            <a href={`/import/template/${k.kind}`} download>
              {t("Download the template")}
            </a>{" "}
            · <Link to={k.page}>{t("see the rows")}</Link>
          </p>
          {k.allowed ? (
            <Form method="post" encType="multipart/form-data" className="import-form">
              <input type="hidden" name="kind" value={k.kind} />
              <label htmlFor={`file-${k.kind}`}>{t("CSV file")}</label>
              <input id={`file-${k.kind}`} name="file" type="file" accept=".csv,text/csv" required />
              <Button
                variant="primary"
                pending={navigation.state === "submitting" && navigation.formData?.get("kind") === k.kind}
                pendingLabel={t("Importing…")}
              >
                {t("Import {{what}}", { what: t(k.title).toLowerCase() })}
              </Button>
            </Form>
          ) : (
            <p className="muted">{t("Your role cannot import these.")}</p>
          )}
          {reply?.kind === k.kind && reply.status === "ok" ? (
            <p className="notice" role="status">
              {reply.message}
            </p>
          ) : null}
          {reply?.kind === k.kind && reply.status === "error" ? (
            <CsvErrorList errors={reply.errors} title={t("Nothing was imported. Fix these rows and upload the file again:")} />
          ) : null}
        </Card>
      ))}
    </>
  );
}
