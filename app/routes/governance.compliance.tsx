import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { CsvErrorList } from "~/components/finance/csv-errors";
import { ComplianceFormula, ComplianceProgressList } from "~/components/governance/compliance-panel";
import { REQUIREMENT_RESULT_LABELS, REQUIREMENT_RESULT_TONE, REQUIREMENT_STATUS_LABELS } from "~/components/governance/labels";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { DateInput } from "~/components/ui/date-input";
import { Field, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { ReplyMessage } from "~/components/ui/reply-message";
import { useRootData } from "~/hooks/root-data";
import { N_ } from "~/i18n/mark";
import { metaT, pageTitle } from "~/i18n/meta";
import { serverT } from "~/i18n/translate.server";
import type { CsvRowError } from "~/lib/csv";
import { readCsvUpload } from "~/lib/csv-upload.server";
import { fieldErrorsOf, isErrorReply, valueOf, type FormReply } from "~/lib/forms";
import { badRequest, fieldError, parseForm, unknownIntent } from "~/lib/forms.server";
import {
  createFramework,
  FrameworkFormSchema,
  frameworkNameTaken,
  importRequirementsCsv,
  updateFramework,
  createRequirement,
  frameworkExists,
  listFrameworkProgress,
  listRequirements,
  parseComplianceFilter,
  RequirementCreateFormSchema,
  requirementRefTaken,
  RequirementUpdateFormSchema,
  updateRequirement,
} from "~/models/governance.server";
import { listRiskOwnerOptions } from "~/models/risks.server";
import { getDb } from "~/utils/db.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

const TEXT = {
  title: N_("Compliance"),
  description: N_(
    "Regulatory and security-standard compliance: the frameworks the company follows (e.g. GDPR, ISO 27001, SOC 2, HDS, the AI Act), their requirements, status, result, owner and evidence. (The EU “DORA” regulation is not the DORA delivery metrics of the CTO dashboard.)",
  ),
  progress: N_("Progress per framework"),
  requirements: N_("Requirements"),
  framework: N_("Framework"),
  all: N_("All frameworks"),
  status: N_("Status"),
  anyStatus: N_("Any status"),
  filter: N_("Show"),
  ref: N_("Ref."),
  req: N_("Requirement"),
  result: N_("Result"),
  owner: N_("Owner"),
  evidence: N_("Evidence link"),
  save: N_("Save"),
  saving: N_("Saving…"),
  notAssessed: N_("not assessed"),
  add: N_("Add a requirement"),
  addBtn: N_("Add requirement"),
  readOnly: N_("The CEO and CTO keep this page up to date."),
  empty: N_("No requirement matches."),
  csv: N_("Export CSV"),
} as const;

export const meta: MetaFunction = ({ matches }) => {
  const t = metaT(matches, "governance");
  return [{ title: pageTitle(t, t("Compliance")) }];
};

export const handle = { i18n: ["governance", "finance"] };

type ImportReply = { status: "import-ok"; intent: "import"; message: string } | { status: "import-error"; intent: "import"; errors: CsvRowError[] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  const db = getDb();
  const url = new URL(request.url);
  const frameworks = listFrameworkProgress(db);
  const filter = parseComplianceFilter(url);
  const framework = frameworks.find((f) => f.key === filter.framework) ?? null;
  const status = filter.status;
  return {
    frameworks,
    framework: framework?.key ?? null,
    status: status ?? null,
    requirements: listRequirements(db, { frameworkId: framework?.id, status }),
    owners: listRiskOwnerOptions(db),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "risks:edit");
  const db = getDb();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "create-framework") {
    const parsed = parseForm(formData, FrameworkFormSchema, "create-framework");
    if (!parsed.ok) return badRequest(parsed.reply);
    if (frameworkNameTaken(db, parsed.data.name))
      return fieldError(formData, "name", N_("is already the name of a framework", "governance"), "create-framework");
    createFramework(db, user.id, parsed.data);
    return {
      status: "ok",
      intent: "create-framework",
      message: serverT("Framework {{name}} added.", { ns: "governance", name: parsed.data.name }),
    } satisfies FormReply;
  }
  if (intent === "update-framework") {
    const rowIntent = `update-framework-${String(formData.get("frameworkId"))}`;
    const id = Number(formData.get("frameworkId"));
    const parsed = parseForm(formData, FrameworkFormSchema, rowIntent);
    if (!parsed.ok) return badRequest(parsed.reply);
    if (!Number.isSafeInteger(id) || !frameworkExists(db, id)) return fieldError(formData, "frameworkId", N_("no such framework", "governance"), rowIntent);
    if (frameworkNameTaken(db, parsed.data.name, id))
      return fieldError(formData, "name", N_("is already the name of another framework", "governance"), rowIntent);
    updateFramework(db, user.id, id, parsed.data);
    return { status: "ok", intent: rowIntent, message: serverT("Framework {{name}} saved.", { ns: "governance", name: parsed.data.name }) } satisfies FormReply;
  }
  if (intent === "import") {
    const upload = await readCsvUpload(formData);
    if (!upload.ok) return data<ImportReply>({ status: "import-error", intent: "import", errors: upload.errors }, { status: upload.status });
    const result = importRequirementsCsv(db, user.id, upload.text, `upload:${upload.name}`);
    if (!result.ok) return data<ImportReply>({ status: "import-error", intent: "import", errors: result.errors }, { status: 400 });
    return data<ImportReply>({
      status: "import-ok",
      intent: "import",
      message: serverT("Imported {{count}} rows: {{created}} created, {{updated}} updated.", {
        ns: "governance",
        count: result.rows,
        created: result.created,
        updated: result.updated,
      }),
    });
  }
  if (intent === "update") {
    const parsed = parseForm(formData, RequirementUpdateFormSchema, "update");
    if (!parsed.ok) return badRequest(parsed.reply);
    const { intent: _i, requirementId, ...patch } = parsed.data;
    if (patch.ownerUserId && !listRiskOwnerOptions(db).some((o) => o.id === patch.ownerUserId)) {
      return fieldError(formData, "ownerUserId", N_("is not an active user", "governance"), "update");
    }
    if (!updateRequirement(db, user.id, requirementId, patch)) return fieldError(formData, "requirementId", N_("no such requirement", "governance"), "update");
    return {
      status: "ok",
      intent: "update",
      message: serverT("Requirement saved.", { ns: "governance" }),
    } satisfies FormReply;
  }
  if (intent === "create") {
    const parsed = parseForm(formData, RequirementCreateFormSchema, "create");
    if (!parsed.ok) return badRequest(parsed.reply);
    const { intent: _i, ...input } = parsed.data;
    if (!frameworkExists(db, input.frameworkId)) return fieldError(formData, "frameworkId", N_("no such framework", "governance"), "create");
    if (requirementRefTaken(db, input.frameworkId, input.ref))
      return fieldError(formData, "ref", N_("already exists in this framework", "governance"), "create");
    createRequirement(db, user.id, input);
    return {
      status: "ok",
      intent: "create",
      message: serverT("Requirement {{ref}} added.", { ns: "governance", ref: input.ref }),
    } satisfies FormReply;
  }
  return unknownIntent(formData);
}

const statusOptions = Object.entries(REQUIREMENT_STATUS_LABELS).map(([value, label]) => ({ value, label }));
const resultOptions = Object.entries(REQUIREMENT_RESULT_LABELS).map(([value, label]) => ({ value, label }));

export default function Compliance() {
  const { t } = useTranslation("governance");
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { user, formatting } = useRootData();
  const canEdit = can(user, "risks:edit");
  const submittingId = navigation.state === "submitting" ? navigation.formData?.get("requirementId") : null;
  const updateError = isErrorReply(reply, "update") ? reply : null;
  const errorRowId = updateError?.values.requirementId;
  const ownerOptions = data.owners.map((o) => ({
    value: String(o.id),
    label: o.name,
  }));
  return (
    <>
      <PageHeader title={t(TEXT.title)} description={t(TEXT.description)} />
      <ReplyMessage reply={reply} show="ok" />

      <section className="panel" aria-labelledby="fw-progress">
        <h2 id="fw-progress">
          {t(TEXT.progress)} <ComplianceFormula />
        </h2>
        <ComplianceProgressList frameworks={data.frameworks} locale={formatting.locale} />
      </section>

      {canEdit ? (
        <FrameworksPanel
          frameworks={data.frameworks}
          reply={reply}
          busy={navigation.state === "submitting" ? String(navigation.formData?.get("intent")) : null}
        />
      ) : null}

      <section className="panel" aria-labelledby="reqs">
        <h2 id="reqs">{t(TEXT.requirements)}</h2>
        {!canEdit ? <p className="muted">{t(TEXT.readOnly)}</p> : null}
        <Form method="get" className="risk-filters" preventScrollReset>
          <SelectField
            label={t(TEXT.framework)}
            name="framework"
            placeholder={t(TEXT.all)}
            options={data.frameworks.map((f) => ({
              value: f.key,
              label: f.name,
            }))}
            defaultValue={data.framework}
          />
          <SelectField label={t(TEXT.status)} name="status" placeholder={t(TEXT.anyStatus)} options={statusOptions} defaultValue={data.status} />
          <div className="risk-filters__actions">
            <button type="submit" className="btn btn--secondary">
              {t(TEXT.filter)}
            </button>
            <Link className="btn btn--ghost" to={`/governance.csv${data.framework ? `?framework=${data.framework}` : ""}`} reloadDocument>
              {t(TEXT.csv)}
            </Link>
          </div>
        </Form>
        {updateError ? (
          <p className="form-error" role="alert">
            {Object.entries(updateError.fieldErrors)
              .map(([k, m]) => `${k === "evidenceUrl" ? t(TEXT.evidence) : k}: ${m.join(", ")}`)
              .join("; ")}
          </p>
        ) : null}
        {data.requirements.length === 0 ? (
          <p role="status">{t(TEXT.empty)}</p>
        ) : (
          <div className="table-scroll">
            <table className="simple compliance-table">
              <caption className="visually-hidden">{t(TEXT.requirements)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(TEXT.ref)}</th>
                  <th scope="col">{t(TEXT.req)}</th>
                  <th scope="col">{t(TEXT.status)}</th>
                  <th scope="col">{t(TEXT.result)}</th>
                  <th scope="col">{t(TEXT.owner)}</th>
                  <th scope="col">{t(TEXT.evidence)}</th>
                  {canEdit ? (
                    <th scope="col">
                      <span className="visually-hidden">{t(TEXT.save)}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              {data.frameworks
                .filter((fw) => data.requirements.some((r) => r.frameworkId === fw.id))
                .map((fw) => (
                  <tbody key={fw.id}>
                    <tr className="compliance-table__group">
                      <th scope="colgroup" colSpan={canEdit ? 7 : 6}>
                        {fw.name}
                      </th>
                    </tr>
                    {data.requirements
                      .filter((r) => r.frameworkId === fw.id)
                      .map((r) => {
                        const formId = `req-${r.id}`;
                        const err = errorRowId === String(r.id) ? updateError : null;
                        const val = (name: string, fallback: string | number | null) => (err ? valueOf(err, name, fallback, "update") : (fallback ?? ""));
                        return (
                          <tr key={`${r.id}-${r.updatedAt}`}>
                            <td className="nowrap">{r.ref}</td>
                            <th scope="row" className="compliance-table__title">
                              {r.title}
                            </th>
                            {canEdit ? (
                              <>
                                <td>
                                  <Form method="post" id={formId} preventScrollReset noValidate>
                                    <input type="hidden" name="intent" value="update" />
                                    <input type="hidden" name="requirementId" value={r.id} />
                                  </Form>
                                  <select
                                    form={formId}
                                    name="status"
                                    aria-label={t("Status of {{ref}}", { ref: r.ref })}
                                    defaultValue={String(val("status", r.status))}
                                  >
                                    {statusOptions.map((o) => (
                                      <option key={o.value} value={o.value}>
                                        {o.label}
                                      </option>
                                    ))}
                                  </select>
                                </td>
                                <td>
                                  <select
                                    form={formId}
                                    name="result"
                                    aria-label={t("Result of {{ref}}", { ref: r.ref })}
                                    defaultValue={String(val("result", r.result))}
                                  >
                                    <option value="">{t(TEXT.notAssessed)}</option>
                                    {resultOptions.map((o) => (
                                      <option key={o.value} value={o.value}>
                                        {o.label}
                                      </option>
                                    ))}
                                  </select>
                                </td>
                                <td>
                                  <select
                                    form={formId}
                                    name="ownerUserId"
                                    aria-label={t("Owner of {{ref}}", { ref: r.ref })}
                                    defaultValue={String(val("ownerUserId", r.ownerUserId))}
                                  >
                                    <option value="">—</option>
                                    {ownerOptions.map((o) => (
                                      <option key={o.value} value={o.value}>
                                        {o.label}
                                      </option>
                                    ))}
                                  </select>
                                </td>
                                <td>
                                  <input
                                    form={formId}
                                    name="evidenceUrl"
                                    type="url"
                                    aria-label={t("Evidence link of {{ref}}", { ref: r.ref })}
                                    defaultValue={String(val("evidenceUrl", r.evidenceUrl))}
                                    placeholder={t("https://…")}
                                    aria-invalid={fieldErrorsOf(err, "evidenceUrl", "update") ? true : undefined}
                                  />
                                  {r.evidenceUrl ? (
                                    <a className="compliance-table__open" href={r.evidenceUrl} target="_blank" rel="noreferrer noopener">
                                      {t("open")}
                                      <span className="visually-hidden"> {t("evidence of {{ref}}", { ref: r.ref })}</span>
                                    </a>
                                  ) : null}
                                </td>
                                <td>
                                  <Button form={formId} size="sm" pending={submittingId === String(r.id)} pendingLabel={t(TEXT.saving)}>
                                    {t(TEXT.save)}
                                    <span className="visually-hidden"> {r.ref}</span>
                                  </Button>
                                </td>
                              </>
                            ) : (
                              <>
                                <td>{t(REQUIREMENT_STATUS_LABELS[r.status])}</td>
                                <td>
                                  {r.result ? (
                                    <Badge tone={REQUIREMENT_RESULT_TONE[r.result]}>{t(REQUIREMENT_RESULT_LABELS[r.result])}</Badge>
                                  ) : (
                                    <span className="muted">{t(TEXT.notAssessed)}</span>
                                  )}
                                </td>
                                <td>{r.ownerName ?? "—"}</td>
                                <td>
                                  {r.evidenceUrl ? (
                                    <a href={r.evidenceUrl} target="_blank" rel="noreferrer noopener">
                                      {t("evidence")}
                                      <span className="visually-hidden"> {t("of {{ref}}", { ref: r.ref })}</span>
                                    </a>
                                  ) : (
                                    "—"
                                  )}
                                </td>
                              </>
                            )}
                          </tr>
                        );
                      })}
                  </tbody>
                ))}
            </table>
          </div>
        )}
      </section>

      {canEdit ? (
        <section className="panel" aria-labelledby="add-req">
          <h2 id="add-req">{t(TEXT.add)}</h2>
          <Form method="post" className="form-grid" noValidate>
            <input type="hidden" name="intent" value="create" />
            <SelectField
              label={t(TEXT.framework)}
              name="frameworkId"
              required
              options={data.frameworks.map((f) => ({
                value: String(f.id),
                label: f.name,
              }))}
              defaultValue={valueOf(reply, "frameworkId", data.frameworks[0]?.id ?? "", "create")}
              errors={fieldErrorsOf(reply, "frameworkId", "create")}
            />
            <Field label={t(TEXT.ref)} name="ref" required defaultValue={valueOf(reply, "ref", "", "create")} errors={fieldErrorsOf(reply, "ref", "create")} />
            <Field
              label={t(TEXT.req)}
              name="title"
              required
              defaultValue={valueOf(reply, "title", "", "create")}
              errors={fieldErrorsOf(reply, "title", "create")}
            />
            <SelectField
              label={t(TEXT.status)}
              name="status"
              options={statusOptions}
              defaultValue={valueOf(reply, "status", "todo", "create")}
              errors={fieldErrorsOf(reply, "status", "create")}
            />
            <SelectField
              label={t(TEXT.result)}
              name="result"
              placeholder={t(TEXT.notAssessed)}
              options={resultOptions}
              defaultValue={valueOf(reply, "result", "", "create")}
              errors={fieldErrorsOf(reply, "result", "create")}
            />
            <SelectField
              label={t(TEXT.owner)}
              name="ownerUserId"
              placeholder="—"
              options={ownerOptions}
              defaultValue={valueOf(reply, "ownerUserId", "", "create")}
              errors={fieldErrorsOf(reply, "ownerUserId", "create")}
            />
            <Field
              label={t(TEXT.evidence)}
              name="evidenceUrl"
              type="url"
              defaultValue={valueOf(reply, "evidenceUrl", "", "create")}
              errors={fieldErrorsOf(reply, "evidenceUrl", "create")}
            />
            <div>
              <Button
                variant="primary"
                pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "create"}
                pendingLabel={t(TEXT.saving)}
              >
                {t(TEXT.addBtn)}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

function FrameworksPanel({
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
