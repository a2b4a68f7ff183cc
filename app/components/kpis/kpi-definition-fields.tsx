import { CheckboxField, Field, SelectField, TextareaField } from "~/components/ui/field";
import { checkedOf, fieldErrorsOf, valueOf } from "~/lib/forms";

const DIRECTION_OPTIONS = [
  { value: "higher", label: "Higher is better" },
  { value: "lower", label: "Lower is better" },
];
const CATEGORY_OPTIONS = [
  { value: "product", label: "Product" },
  { value: "technical", label: "Technical" },
  { value: "business", label: "Business" },
];
const MANUAL_OPTION = { value: "manual", label: "Measurements entered or imported" };

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
  return (
    <>
      <Field label="Key" name="key" required hint="e.g. churn_rate (used in CSV files)" defaultValue={v("key")} errors={e("key")} />
      <Field label="Name" name="name" required defaultValue={v("name")} errors={e("name")} />
      <Field label="Unit" name="unit" hint="e.g. %, ms, users" defaultValue={v("unit")} errors={e("unit")} />
      <SelectField label="Which way is better" name="direction" options={DIRECTION_OPTIONS} defaultValue={v("direction")} errors={e("direction")} />
      <SelectField label="Category" name="category" options={CATEGORY_OPTIONS} defaultValue={v("category")} errors={e("category")} />
      <SelectField
        label="Source"
        name="source"
        hint="A catalogue metric: the KPI is that figure, computed from the data (no measurements)"
        options={[MANUAL_OPTION, ...sources.map((m) => ({ value: m.id, label: `Computed: ${m.label}` }))]}
        defaultValue={v("source")}
        errors={e("source")}
      />
      <CheckboxField
        label="Pinned to the executive dashboard"
        name="pinned"
        defaultChecked={checkedOf(reply, "pinned", initial.pinned, intent)}
        errors={e("pinned")}
      />
      <TextareaField label="Description" name="description" rows={2} defaultValue={v("description")} errors={e("description")} />
    </>
  );
}
