import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requirePermission } from "~/auth/guards.server";
import { can } from "~/auth/permissions";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ComplianceFormula, ComplianceProgressList } from "~/components/governance/compliance-panel";
import { REQUIREMENT_RESULT_LABELS, REQUIREMENT_RESULT_TONE, REQUIREMENT_STATUS_LABELS } from "~/components/governance/labels";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { Field, SelectField } from "~/components/ui/field";
import { PageHeader } from "~/components/ui/page-header";
import { fieldErrorsOf, isErrorReply, valueOf, type FormReply } from "~/lib/forms";
import { badRequest, fieldError, parseForm, unknownIntent } from "~/lib/forms.server";
import {
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
import { useRootData } from "~/root";
import { getDb } from "~/utils/db.server";

const TEXT = {
  title: "Compliance",
  description:
    "Regulatory and security-standard compliance: GDPR, ISO 27001 and SOC 2 requirements, their status, result, owner and evidence. (The EU “DORA” regulation is not the DORA delivery metrics of the CTO dashboard.)",
  progress: "Progress per framework",
  requirements: "Requirements",
  framework: "Framework",
  all: "All frameworks",
  status: "Status",
  anyStatus: "Any status",
  filter: "Show",
  ref: "Ref.",
  req: "Requirement",
  result: "Result",
  owner: "Owner",
  evidence: "Evidence link",
  save: "Save",
  saving: "Saving…",
  notAssessed: "not assessed",
  add: "Add a requirement",
  addBtn: "Add requirement",
  readOnly: "The CEO and CTO keep this page up to date.",
  empty: "No requirement matches.",
  csv: "Export CSV",
} as const;

export const meta: MetaFunction = () => [{ title: "Compliance · InnovaTech Strategy Tracker" }];

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
  if (intent === "update") {
    const parsed = parseForm(formData, RequirementUpdateFormSchema, "update");
    if (!parsed.ok) return badRequest(parsed.reply);
    const { intent: _i, requirementId, ...patch } = parsed.data;
    if (patch.ownerUserId && !listRiskOwnerOptions(db).some((o) => o.id === patch.ownerUserId)) {
      return fieldError(formData, "ownerUserId", "is not an active user", "update");
    }
    if (!updateRequirement(db, user.id, requirementId, patch)) return fieldError(formData, "requirementId", "no such requirement", "update");
    return {
      status: "ok",
      intent: "update",
      message: "Requirement saved.",
    } satisfies FormReply;
  }
  if (intent === "create") {
    const parsed = parseForm(formData, RequirementCreateFormSchema, "create");
    if (!parsed.ok) return badRequest(parsed.reply);
    const { intent: _i, ...input } = parsed.data;
    if (!frameworkExists(db, input.frameworkId)) return fieldError(formData, "frameworkId", "no such framework", "create");
    if (requirementRefTaken(db, input.frameworkId, input.ref)) return fieldError(formData, "ref", "already exists in this framework", "create");
    createRequirement(db, user.id, input);
    return {
      status: "ok",
      intent: "create",
      message: `Requirement ${input.ref} added.`,
    } satisfies FormReply;
  }
  return unknownIntent(formData);
}

const statusOptions = Object.entries(REQUIREMENT_STATUS_LABELS).map(([value, label]) => ({ value, label }));
const resultOptions = Object.entries(REQUIREMENT_RESULT_LABELS).map(([value, label]) => ({ value, label }));

export default function Compliance() {
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
      <PageHeader title={TEXT.title} description={TEXT.description} />
      {reply?.status === "ok" ? (
        <p className="notice" role="status">
          {reply.message}
        </p>
      ) : null}

      <section className="panel" aria-labelledby="fw-progress">
        <h2 id="fw-progress">
          {TEXT.progress} <ComplianceFormula />
        </h2>
        <ComplianceProgressList frameworks={data.frameworks} locale={formatting.locale} />
      </section>

      <section className="panel" aria-labelledby="reqs">
        <h2 id="reqs">{TEXT.requirements}</h2>
        {!canEdit ? <p className="muted">{TEXT.readOnly}</p> : null}
        <Form method="get" className="risk-filters" preventScrollReset>
          <SelectField
            label={TEXT.framework}
            name="framework"
            placeholder={TEXT.all}
            options={data.frameworks.map((f) => ({
              value: f.key,
              label: f.name,
            }))}
            defaultValue={data.framework}
          />
          <SelectField label={TEXT.status} name="status" placeholder={TEXT.anyStatus} options={statusOptions} defaultValue={data.status} />
          <div className="risk-filters__actions">
            <button type="submit" className="btn btn--secondary">
              {TEXT.filter}
            </button>
            <Link className="btn btn--ghost" to={`/governance/export${data.framework ? `?framework=${data.framework}` : ""}`} reloadDocument>
              {TEXT.csv}
            </Link>
          </div>
        </Form>
        {updateError ? (
          <p className="form-error" role="alert">
            {Object.entries(updateError.fieldErrors)
              .map(([k, m]) => `${k === "evidenceUrl" ? TEXT.evidence : k}: ${m.join(", ")}`)
              .join("; ")}
          </p>
        ) : null}
        {data.requirements.length === 0 ? (
          <p role="status">{TEXT.empty}</p>
        ) : (
          <div className="table-scroll">
            <table className="simple compliance-table">
              <caption className="visually-hidden">{TEXT.requirements}</caption>
              <thead>
                <tr>
                  <th scope="col">{TEXT.ref}</th>
                  <th scope="col">{TEXT.req}</th>
                  <th scope="col">{TEXT.status}</th>
                  <th scope="col">{TEXT.result}</th>
                  <th scope="col">{TEXT.owner}</th>
                  <th scope="col">{TEXT.evidence}</th>
                  {canEdit ? (
                    <th scope="col">
                      <span className="visually-hidden">{TEXT.save}</span>
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
                        const val = (name: string, fallback: string | number | null) =>
                          err ? valueOf(err, name, fallback, "update") : fallback ?? "";
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
                                    aria-label={`Status of ${r.ref}`}
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
                                    aria-label={`Result of ${r.ref}`}
                                    defaultValue={String(val("result", r.result))}
                                  >
                                    <option value="">{TEXT.notAssessed}</option>
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
                                    aria-label={`Owner of ${r.ref}`}
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
                                    aria-label={`Evidence link of ${r.ref}`}
                                    defaultValue={String(val("evidenceUrl", r.evidenceUrl))}
                                    placeholder="https://…"
                                    aria-invalid={fieldErrorsOf(err, "evidenceUrl", "update") ? true : undefined}
                                  />
                                  {r.evidenceUrl ? (
                                    <a className="compliance-table__open" href={r.evidenceUrl} target="_blank" rel="noreferrer noopener">
                                      open
                                      <span className="visually-hidden"> evidence of {r.ref}</span>
                                    </a>
                                  ) : null}
                                </td>
                                <td>
                                  <Button form={formId} size="sm" pending={submittingId === String(r.id)} pendingLabel={TEXT.saving}>
                                    {TEXT.save}
                                    <span className="visually-hidden"> {r.ref}</span>
                                  </Button>
                                </td>
                              </>
                            ) : (
                              <>
                                <td>{REQUIREMENT_STATUS_LABELS[r.status]}</td>
                                <td>
                                  {r.result ? (
                                    <Badge tone={REQUIREMENT_RESULT_TONE[r.result]}>{REQUIREMENT_RESULT_LABELS[r.result]}</Badge>
                                  ) : (
                                    <span className="muted">{TEXT.notAssessed}</span>
                                  )}
                                </td>
                                <td>{r.ownerName ?? "—"}</td>
                                <td>
                                  {r.evidenceUrl ? (
                                    <a href={r.evidenceUrl} target="_blank" rel="noreferrer noopener">
                                      evidence
                                      <span className="visually-hidden"> of {r.ref}</span>
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
          <h2 id="add-req">{TEXT.add}</h2>
          <Form method="post" className="form-grid" noValidate>
            <input type="hidden" name="intent" value="create" />
            <SelectField
              label={TEXT.framework}
              name="frameworkId"
              required
              options={data.frameworks.map((f) => ({
                value: String(f.id),
                label: f.name,
              }))}
              defaultValue={valueOf(reply, "frameworkId", data.frameworks[0]?.id ?? "", "create")}
              errors={fieldErrorsOf(reply, "frameworkId", "create")}
            />
            <Field
              label={TEXT.ref}
              name="ref"
              required
              defaultValue={valueOf(reply, "ref", "", "create")}
              errors={fieldErrorsOf(reply, "ref", "create")}
            />
            <Field
              label={TEXT.req}
              name="title"
              required
              defaultValue={valueOf(reply, "title", "", "create")}
              errors={fieldErrorsOf(reply, "title", "create")}
            />
            <SelectField
              label={TEXT.status}
              name="status"
              options={statusOptions}
              defaultValue={valueOf(reply, "status", "todo", "create")}
              errors={fieldErrorsOf(reply, "status", "create")}
            />
            <SelectField
              label={TEXT.result}
              name="result"
              placeholder={TEXT.notAssessed}
              options={resultOptions}
              defaultValue={valueOf(reply, "result", "", "create")}
              errors={fieldErrorsOf(reply, "result", "create")}
            />
            <SelectField
              label={TEXT.owner}
              name="ownerUserId"
              placeholder="—"
              options={ownerOptions}
              defaultValue={valueOf(reply, "ownerUserId", "", "create")}
              errors={fieldErrorsOf(reply, "ownerUserId", "create")}
            />
            <Field
              label={TEXT.evidence}
              name="evidenceUrl"
              type="url"
              defaultValue={valueOf(reply, "evidenceUrl", "", "create")}
              errors={fieldErrorsOf(reply, "evidenceUrl", "create")}
            />
            <div>
              <Button
                variant="primary"
                pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "create"}
                pendingLabel={TEXT.saving}
              >
                {TEXT.addBtn}
              </Button>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
