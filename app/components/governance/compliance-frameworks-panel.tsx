import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsvErrorList } from "~/components/finance/csv-errors";
import { Button } from "~/components/ui/button";
import { DateInput } from "~/components/ui/date-input";
import { Field } from "~/components/ui/field";
import type { CsvRowError } from "~/lib/csv";
import { fieldErrorsOf, isErrorReply, valueOf } from "~/lib/forms";

/** The compliance action's reply to a requirements CSV upload. */
export type ImportReply = { status: "import-ok"; intent: "import"; message: string } | { status: "import-error"; intent: "import"; errors: CsvRowError[] };

/** The frameworks the company follows (editable rows), the form adding one, and the requirements CSV import. */
export function FrameworksPanel({
  frameworks,
  reply,
  busy,
}: {
  frameworks: { id: number; name: string; description: string | null; targetDate: string | null; total: number }[];
  reply: unknown;
  busy: string | null;
}) {
  const { t } = useTranslation("governance");
  const importReply = reply && typeof reply === "object" && "intent" in reply && reply.intent === "import" ? (reply as ImportReply) : null;
  return (
    <section className="panel" aria-labelledby="frameworks">
      <h2 id="frameworks">{t("Frameworks")}</h2>
      <p className="muted">{t("Add the frameworks the company follows and their target dates; import their requirements from a CSV file.")}</p>
      <div className="table-scroll">
        <table className="simple">
          <caption className="visually-hidden">{t("Frameworks")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("Name")}</th>
              <th scope="col">{t("Description")}</th>
              <th scope="col">{t("Target date")}</th>
              <th scope="col" className="dl-num">
                {t("Requirements")}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t("Save")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {frameworks.map((f) => {
              const rowIntent = `update-framework-${f.id}`;
              const errs = isErrorReply(reply, rowIntent) ? reply.fieldErrors : null;
              const formId = `fw-${f.id}`;
              return (
                <tr key={f.id}>
                  <td>
                    <Form method="post" id={formId} preventScrollReset>
                      <input type="hidden" name="intent" value="update-framework" />
                      <input type="hidden" name="frameworkId" value={f.id} />
                    </Form>
                    <input
                      form={formId}
                      name="name"
                      aria-label={t("Name of {{name}}", { name: f.name })}
                      defaultValue={valueOf(reply, "name", f.name, rowIntent)}
                      maxLength={80}
                    />
                    {errs?.name ? <p className="field-error">{errs.name.join(", ")}</p> : null}
                  </td>
                  <td>
                    <input
                      form={formId}
                      name="description"
                      aria-label={t("Description of {{name}}", { name: f.name })}
                      defaultValue={valueOf(reply, "description", f.description, rowIntent)}
                      maxLength={500}
                    />
                  </td>
                  <td>
                    <DateInput
                      form={formId}
                      name="targetDate"
                      aria-label={t("Target date of {{name}}", { name: f.name })}
                      defaultValue={valueOf(reply, "targetDate", f.targetDate, rowIntent)}
                    />
                    {errs?.targetDate ? <p className="field-error">{errs.targetDate.join(", ")}</p> : null}
                  </td>
                  <td className="dl-num">{f.total}</td>
                  <td>
                    <Button form={formId} size="sm" pending={busy === "update-framework"} pendingLabel={t("Saving…")}>
                      {t("Save")}
                      <span className="visually-hidden"> {f.name}</span>
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3>{t("Add a framework")}</h3>
      <Form method="post" className="form-grid" noValidate preventScrollReset>
        <input type="hidden" name="intent" value="create-framework" />
        <Field
          label={t("Name")}
          name="name"
          required
          maxLength={80}
          defaultValue={valueOf(reply, "name", "", "create-framework")}
          errors={fieldErrorsOf(reply, "name", "create-framework")}
        />
        <Field
          label={t("Description")}
          name="description"
          maxLength={500}
          defaultValue={valueOf(reply, "description", "", "create-framework")}
          errors={fieldErrorsOf(reply, "description", "create-framework")}
        />
        <Field
          label={t("Target date")}
          name="targetDate"
          type="date"
          defaultValue={valueOf(reply, "targetDate", "", "create-framework")}
          errors={fieldErrorsOf(reply, "targetDate", "create-framework")}
        />
        <div>
          <Button variant="primary" pending={busy === "create-framework"} pendingLabel={t("Adding…")}>
            {t("Add framework")}
          </Button>
        </div>
      </Form>
      <h3>{t("Import requirements (CSV)")}</h3>
      <p className="muted">
        {t("Columns")} <code>framework,ref,title,status,result,owner,evidence_url</code> — {t("the export's own format")} (
        <a href="/governance.csv?template=1" download>
          {t("download the template")}
        </a>
        ).{" "}
        {t(
          "framework: a framework's name; status: todo, in_progress, in_review or done (empty = todo); result: compliant, partial, non_compliant, not_applicable or empty; owner: a user's email or name.",
        )}{" "}
        {t("A requirement already there (same framework and ref) is updated. One bad row rejects the whole file.")}
      </p>
      <Form method="post" encType="multipart/form-data" className="import-form" preventScrollReset>
        <input type="hidden" name="intent" value="import" />
        <label htmlFor="req-file">{t("CSV file")}</label>
        <input id="req-file" name="file" type="file" accept=".csv,text/csv" required />
        <Button variant="primary" pending={busy === "import"} pendingLabel={t("Importing…")}>
          {t("Import")}
        </Button>
      </Form>
      {importReply?.status === "import-ok" ? (
        <p className="notice" role="status">
          {importReply.message}
        </p>
      ) : null}
      {importReply?.status === "import-error" ? (
        <CsvErrorList errors={importReply.errors} title={t("Nothing was imported. Fix these rows and upload the file again:")} />
      ) : null}
    </section>
  );
}
