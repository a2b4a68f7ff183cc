import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { Field, SelectField } from "~/components/ui/field";
import { replyField } from "~/lib/forms";
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
  const field = (name: string, fallback: string | number = "") => replyField(reply, name, fallback, "create");
  return (
    <section className="panel" aria-labelledby="add-req">
      <h2 id="add-req">{t(TEXT.add)}</h2>
      <Form method="post" className="form-grid" noValidate>
        <input type="hidden" name="intent" value="create" />
        <SelectField
          label={t(TEXT.framework)}
          required
          options={frameworks.map((f) => ({
            value: String(f.id),
            label: f.name,
          }))}
          {...field("frameworkId", frameworks[0]?.id ?? "")}
        />
        <Field label={t(TEXT.ref)} required {...field("ref")} />
        <Field label={t(TEXT.req)} required {...field("title")} />
        <SelectField label={t(TEXT.status)} options={statusOptions} {...field("status", "todo")} />
        <SelectField label={t(TEXT.result)} placeholder={t(TEXT.notAssessed)} options={resultOptions} {...field("result")} />
        <SelectField label={t(TEXT.owner)} placeholder="—" options={ownerOptions} {...field("ownerUserId")} />
        <Field label={t(TEXT.evidence)} type="url" {...field("evidenceUrl")} />
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
