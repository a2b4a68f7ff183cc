import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { Button } from "~/components/ui/button";
import { CellSelect, HiddenFields } from "~/components/ui/row-form";
import { TableHead } from "~/components/ui/simple-table";
import { fieldErrorsOf, isErrorReply, valueOf } from "~/lib/forms";
import { COMPLIANCE_TEXT as TEXT, REQUIREMENT_RESULT_OPTIONS as resultOptions, REQUIREMENT_STATUS_OPTIONS as statusOptions } from "./compliance-text";
import { REQUIREMENT_RESULT_LABELS, REQUIREMENT_RESULT_TONE, REQUIREMENT_STATUS_LABELS } from "./labels";

export type ComplianceRequirement = {
  id: number;
  frameworkId: number;
  ref: string;
  title: string;
  status: keyof typeof REQUIREMENT_STATUS_LABELS;
  result: keyof typeof REQUIREMENT_RESULT_LABELS | null;
  ownerUserId: number | null;
  ownerName: string | null;
  evidenceUrl: string | null;
  updatedAt: number;
};

/**
 * The compliance requirements, grouped by framework: editable rows (one form per row) for an
 * editor, read-only ones otherwise; the last update's errors above the table.
 */
export function RequirementsTable({
  frameworks,
  requirements,
  canEdit,
  ownerOptions,
  reply,
  submittingId,
}: {
  frameworks: readonly { id: number; name: string }[];
  requirements: readonly ComplianceRequirement[];
  canEdit: boolean;
  ownerOptions: readonly { value: string; label: string }[];
  reply: unknown;
  submittingId: FormDataEntryValue | null | undefined;
}) {
  const { t } = useTranslation("governance");
  const updateError = isErrorReply(reply, "update") ? reply : null;
  const errorRowId = updateError?.values.requirementId;
  return (
    <>
      {updateError ? (
        <p className="form-error" role="alert">
          {Object.entries(updateError.fieldErrors)
            .map(([k, m]) => `${k === "evidenceUrl" ? t(TEXT.evidence) : k}: ${m.join(", ")}`)
            .join("; ")}
        </p>
      ) : null}
      {requirements.length === 0 ? (
        <p role="status">{t(TEXT.empty)}</p>
      ) : (
        <div className="table-scroll">
          <table className="simple compliance-table">
            <caption className="visually-hidden">{t(TEXT.requirements)}</caption>
            <TableHead
              columns={[t(TEXT.ref), t(TEXT.req), t(TEXT.status), t(TEXT.result), t(TEXT.owner), t(TEXT.evidence)]}
              actionsLabel={canEdit ? t(TEXT.save) : undefined}
            />
            {frameworks
              .filter((fw) => requirements.some((r) => r.frameworkId === fw.id))
              .map((fw) => (
                <tbody key={fw.id}>
                  <tr className="compliance-table__group">
                    <th scope="colgroup" colSpan={canEdit ? 7 : 6}>
                      {fw.name}
                    </th>
                  </tr>
                  {requirements
                    .filter((r) => r.frameworkId === fw.id)
                    .map((r) => {
                      const formId = `req-${r.id}`;
                      const err = errorRowId === String(r.id) ? updateError : null;
                      const val = (name: string, fallback: string | number | null) => (err ? valueOf(err, name, fallback, "update") : (fallback ?? ""));
                      // one of the row's selects (status, result, owner), submitted by the row's form
                      const select = (
                        name: "status" | "result" | "ownerUserId",
                        label: string,
                        options: readonly { value: string; label: string }[],
                        empty?: string,
                      ) => <CellSelect plain form={formId} name={name} label={label} defaultValue={val(name, r[name])} empty={empty} options={options} />;
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
                                  <HiddenFields values={{ intent: "update", requirementId: r.id }} />
                                </Form>
                                {select("status", t("Status of {{ref}}", { ref: r.ref }), statusOptions)}
                              </td>
                              <td>{select("result", t("Result of {{ref}}", { ref: r.ref }), resultOptions, t(TEXT.notAssessed))}</td>
                              <td>{select("ownerUserId", t("Owner of {{ref}}", { ref: r.ref }), ownerOptions, "—")}</td>
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
    </>
  );
}
