import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { CsvImportForm, csvImportReplyOf } from "~/components/ui/csv-import-panel";
import { DateInput } from "~/components/ui/date-input";
import { Field } from "~/components/ui/field";
import { CellErrors, HiddenFields, RowActionForm } from "~/components/ui/row-form";
import { SimpleTable } from "~/components/ui/simple-table";
import type { CsvRowError } from "~/lib/csv";
import { isErrorReply, replyField, valueOf } from "~/lib/forms";

/** The compliance action's reply to a requirements CSV upload. */
export type ImportReply = { status: "import-ok"; intent: "import"; message: string } | { status: "import-error"; intent: "import"; errors: CsvRowError[] };

/** The frameworks the company follows (editable rows, each archivable), the archived ones (restorable), the form adding one, and the requirements CSV import. */
export function FrameworksPanel({
  frameworks,
  archived,
  reply,
  busy,
  csvColumns,
}: {
  frameworks: { id: number; name: string; description: string | null; targetDate: string | null; total: number }[];
  /** the frameworks no longer followed (restorable) */
  archived: { id: number; name: string; requirements: number }[];
  reply: unknown;
  busy: string | null;
  /** the requirements CSV's columns, as the import reads them */
  csvColumns: readonly string[];
}) {
  const { t } = useTranslation("governance");
  const field = (name: string) => replyField(reply, name, "", "create-framework");
  return (
    <section className="panel" aria-labelledby="frameworks">
      <h2 id="frameworks">{t("Frameworks")}</h2>
      <p className="muted">{t("Add the frameworks the company follows and their target dates; import their requirements from a CSV file.")}</p>
      <SimpleTable
        caption={t("Frameworks")}
        columns={[t("Name"), t("Description"), t("Target date"), { label: t("Requirements"), num: true }]}
        actionsLabel={t("Save")}
      >
        {frameworks.map((f) => {
          const rowIntent = `update-framework-${f.id}`;
          const errs = isErrorReply(reply, rowIntent) ? reply.fieldErrors : null;
          const formId = `fw-${f.id}`;
          const cell = (name: string, stored: string | null) => ({ form: formId, name, defaultValue: valueOf(reply, name, stored, rowIntent) });
          return (
            <tr key={f.id}>
              <td>
                <Form method="post" id={formId} preventScrollReset>
                  <HiddenFields values={{ intent: "update-framework", frameworkId: f.id }} />
                </Form>
                <input {...cell("name", f.name)} aria-label={t("Name of {{name}}", { name: f.name })} maxLength={80} />
                <CellErrors messages={errs?.name} />
              </td>
              <td>
                <input {...cell("description", f.description)} aria-label={t("Description of {{name}}", { name: f.name })} maxLength={500} />
              </td>
              <td>
                <DateInput {...cell("targetDate", f.targetDate)} aria-label={t("Target date of {{name}}", { name: f.name })} />
                <CellErrors messages={errs?.targetDate} />
              </td>
              <td className="dl-num">{f.total}</td>
              <td>
                <Button form={formId} size="sm" pending={busy === "update-framework"} pendingLabel={t("Saving…")}>
                  {t("Save")}
                  <span className="visually-hidden"> {f.name}</span>
                </Button>{" "}
                <ArchiveToggle framework={f} archive />
              </td>
            </tr>
          );
        })}
      </SimpleTable>
      {archived.length > 0 ? (
        <>
          <h3>{t("Archived frameworks")}</h3>
          <p className="muted">{t("No longer followed: left out of the progress figures and the requirements list; their requirements are kept.")}</p>
          <ul>
            {archived.map((f) => (
              <li key={f.id}>
                {f.name} — {t("{{count}} requirements kept", { count: f.requirements })} <ArchiveToggle framework={f} archive={false} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3>{t("Add a framework")}</h3>
      <Form method="post" className="form-grid" noValidate preventScrollReset>
        <input type="hidden" name="intent" value="create-framework" />
        <Field label={t("Name")} required maxLength={80} {...field("name")} />
        <Field label={t("Description")} maxLength={500} {...field("description")} />
        <Field label={t("Target date")} type="date" {...field("targetDate")} />
        <div>
          <Button variant="primary" pending={busy === "create-framework"} pendingLabel={t("Adding…")}>
            {t("Add framework")}
          </Button>
        </div>
      </Form>
      <h3>{t("Import requirements (CSV)")}</h3>
      <p className="muted">
        {t("Columns")} <code>{csvColumns.join(",")}</code> — {t("the export's own format")} (
        <a href="/governance.csv?template=1" download>
          {t("download the template")}
        </a>
        ).{" "}
        {t(
          "framework: a framework's name; status: todo, in_progress, in_review or done (empty = todo); result: compliant, partial, non_compliant, not_applicable or empty; owner: a user's email or name.",
        )}{" "}
        {t("A requirement already there (same framework and ref) is updated. One bad row rejects the whole file.")}
      </p>
      <CsvImportForm
        fileId="req-file"
        fileLabel={t("CSV file")}
        busy={busy === "import"}
        busyLabel={t("Importing…")}
        buttonLabel={t("Import")}
        refusedTitle={t("Nothing was imported. Fix these rows and upload the file again:")}
        reply={csvImportReplyOf(reply)}
      />
    </section>
  );
}

/** A framework's Archive (no longer followed) or Restore button. */
function ArchiveToggle({ framework, archive }: { framework: { id: number; name: string }; archive: boolean }) {
  const { t } = useTranslation("governance");
  return (
    <RowActionForm
      fields={{ intent: archive ? "archive-framework" : "restore-framework", frameworkId: framework.id }}
      className="inline-form"
      size="sm"
      variant="ghost"
      label={archive ? t("Archive") : t("Restore")}
      rowName={framework.name}
      title={archive ? t("No longer followed: off the progress lists; its requirements are kept") : undefined}
    />
  );
}
