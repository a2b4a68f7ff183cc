import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { Field, SelectField } from "~/components/ui/field";
import { fieldErrorsOf, valueOf } from "~/lib/forms";
import { COMPLIANCE_TEXT as TEXT, REQUIREMENT_RESULT_OPTIONS as resultOptions, REQUIREMENT_STATUS_OPTIONS as statusOptions } from "./compliance-text";

/** The form adding a compliance requirement to a framework (the reply's values kept on an error). */
export function AddRequirementPanel({
  frameworks,
  ownerOptions,
  reply,
}: {
  frameworks: readonly { id: number; name: string }[];
  ownerOptions: readonly { value: string; label: string }[];
  reply: unknown;
}) {
  const { t } = useTranslation("governance");
  const navigation = useNavigation();
  return (
    <section className="panel" aria-labelledby="add-req">
      <h2 id="add-req">{t(TEXT.add)}</h2>
      <Form method="post" className="form-grid" noValidate>
        <input type="hidden" name="intent" value="create" />
        <SelectField
          label={t(TEXT.framework)}
          name="frameworkId"
          required
          options={frameworks.map((f) => ({
            value: String(f.id),
            label: f.name,
          }))}
          defaultValue={valueOf(reply, "frameworkId", frameworks[0]?.id ?? "", "create")}
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
  );
}
