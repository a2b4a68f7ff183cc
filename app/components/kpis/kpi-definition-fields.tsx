import { useTranslation } from "react-i18next";
import { CheckboxField, Field, SelectField, TextareaField } from "~/components/ui/field";
import { N_ } from "~/i18n/mark";
import { checkedOf, fieldErrorsOf, valueOf } from "~/lib/forms";
import { KPI_CATEGORY_LABELS } from "~/lib/kpi-format";
import { metricOptionLabel } from "~/lib/metrics/catalogue";

const DIRECTION_OPTIONS = [
  { value: "higher", label: N_("Higher is better") },
  { value: "lower", label: N_("Lower is better") },
];
const CATEGORY_OPTIONS = Object.entries(KPI_CATEGORY_LABELS).map(([value, label]) => ({ value, label }));
const MANUAL_OPTION = { value: "manual", label: N_("Measurements entered or imported") };

export type KpiDefinitionValues = {
  key: string;
  name: string;
  unit: string | null;
  direction: string;
  category: string;
  source: string;
  description: string | null;
  pinned: boolean;
};

/**
 * The fields of a KPI definition (parsed on the server by KpiSchema), for the create form and the
 * edit form alike: a failed submission of `intent` shows its values and errors, else `initial`.
 */
export function KpiDefinitionFields({
  reply,
  intent,
  initial,
  sources,
}: {
  reply: unknown;
  intent: string;
  initial: KpiDefinitionValues;
  /** the catalogue metrics a KPI may be (linkableMetricOptions) */
  sources: readonly { id: string; label: string }[];
}) {
  const v = (name: Exclude<keyof KpiDefinitionValues, "pinned">) => valueOf(reply, name, initial[name] ?? "", intent);
  const e = (name: keyof KpiDefinitionValues) => fieldErrorsOf(reply, name, intent);
  const { t } = useTranslation("kpis");
  const tr = (options: readonly { value: string; label: string }[]) => options.map((o) => ({ value: o.value, label: t(o.label) }));
  return (
    <>
      <Field label={t("Key")} name="key" required hint={t("e.g. churn_rate (used in CSV files)")} defaultValue={v("key")} errors={e("key")} />
      <Field label={t("Name")} name="name" required defaultValue={v("name")} errors={e("name")} />
      <Field label={t("Unit")} name="unit" hint={t("e.g. %, ms, users")} defaultValue={v("unit")} errors={e("unit")} />
      <SelectField label={t("Which way is better")} name="direction" options={tr(DIRECTION_OPTIONS)} defaultValue={v("direction")} errors={e("direction")} />
      <SelectField label={t("Category")} name="category" options={tr(CATEGORY_OPTIONS)} defaultValue={v("category")} errors={e("category")} />
      <SelectField
        label={t("Source")}
        name="source"
        hint={t("A catalogue metric: the KPI is that figure, computed from the data (no measurements)")}
        options={[...tr([MANUAL_OPTION]), ...sources.map((m) => ({ value: m.id, label: t("Computed: {{metric}}", { metric: metricOptionLabel(t, m) }) }))]}
        defaultValue={v("source")}
        errors={e("source")}
      />
      <CheckboxField
        label={t("Pinned to the executive dashboard")}
        name="pinned"
        defaultChecked={checkedOf(reply, "pinned", initial.pinned, intent)}
        errors={e("pinned")}
      />
      <TextareaField label={t("Description")} name="description" rows={2} defaultValue={v("description")} errors={e("description")} />
    </>
  );
}
