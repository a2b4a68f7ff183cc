import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button, ButtonLink } from "~/components/ui/button";
import { SelectField } from "~/components/ui/field";
import { COMPLIANCE_TEXT as TEXT, REQUIREMENT_STATUS_OPTIONS as statusOptions } from "./compliance-text";

/** The requirements' GET filter (framework, status) and the CSV export of the chosen framework. */
export function ComplianceFilters({
  frameworks,
  framework,
  status,
}: {
  frameworks: readonly { key: string; name: string }[];
  framework: string | null;
  status: string | null;
}) {
  const { t } = useTranslation("governance");
  return (
    <Form method="get" className="risk-filters" preventScrollReset>
      <SelectField
        label={t(TEXT.framework)}
        name="framework"
        placeholder={t(TEXT.all)}
        options={frameworks.map((f) => ({
          value: f.key,
          label: f.name,
        }))}
        defaultValue={framework}
      />
      <SelectField label={t(TEXT.status)} name="status" placeholder={t(TEXT.anyStatus)} options={statusOptions} defaultValue={status} />
      <div className="risk-filters__actions">
        <Button variant="secondary">{t(TEXT.filter)}</Button>
        <ButtonLink to={`/governance.csv${framework ? `?framework=${framework}` : ""}`} reloadDocument variant="ghost">
          {t(TEXT.csv)}
        </ButtonLink>
      </div>
    </Form>
  );
}
