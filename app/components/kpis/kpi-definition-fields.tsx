import { Field, SelectField, TextareaField } from "~/components/ui/field";
import { fieldErrorsOf, valueOf } from "~/lib/forms";

const DIRECTION_OPTIONS = [
  { value: "higher", label: "Higher is better" },
  { value: "lower", label: "Lower is better" },
];
const CATEGORY_OPTIONS = [
  { value: "product", label: "Product" },
  { value: "technical", label: "Technical" },
  { value: "business", label: "Business" },
];
const SOURCE_OPTIONS = [
  { value: "manual", label: "Measurements entered or imported" },
  { value: "delivery.deployments_per_day", label: "Computed: production deployments per day" },
];

export type KpiDefinitionValues = {
  key: string;
  name: string;
  unit: string | null;
  direction: string;
  category: string;
  source: string;
  description: string | null;
};

/**
 * The fields of a KPI definition (parsed on the server by KpiSchema), for the create form and the
 * edit form alike: a failed submission of `intent` shows its values and errors, else `initial`.
 */
export function KpiDefinitionFields({ reply, intent, initial }: { reply: unknown; intent: string; initial: KpiDefinitionValues }) {
  const v = (name: keyof KpiDefinitionValues) => valueOf(reply, name, initial[name] ?? "", intent);
  const e = (name: keyof KpiDefinitionValues) => fieldErrorsOf(reply, name, intent);
  return (
    <>
      <Field label="Key" name="key" required hint="e.g. churn_rate (used in CSV files)" defaultValue={v("key")} errors={e("key")} />
      <Field label="Name" name="name" required defaultValue={v("name")} errors={e("name")} />
      <Field label="Unit" name="unit" hint="e.g. %, ms, users" defaultValue={v("unit")} errors={e("unit")} />
      <SelectField label="Which way is better" name="direction" options={DIRECTION_OPTIONS} defaultValue={v("direction")} errors={e("direction")} />
      <SelectField label="Category" name="category" options={CATEGORY_OPTIONS} defaultValue={v("category")} errors={e("category")} />
      <SelectField label="Source" name="source" options={SOURCE_OPTIONS} defaultValue={v("source")} errors={e("source")} />
      <TextareaField label="Description" name="description" rows={2} defaultValue={v("description")} errors={e("description")} />
    </>
  );
}
