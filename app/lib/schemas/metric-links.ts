/**
 * Input pieces of the links between key results / KPIs and catalogue metrics (zod, server-side
 * parsing; docs/decisions/801-key-results-linked-to-metrics.md).
 */
import { z } from "zod";
import { N_ } from "~/i18n/mark";

/** A checkbox as a browser posts it: present ("on", or the value given) = true, absent = false. */
export const checkboxSchema = z.preprocess((v) => v !== undefined && v !== null && v !== "" && v !== "0" && v !== "false", z.boolean());

/**
 * A KPI's source: "manual", or a catalogue metric id the KPI may be (isSource — numeric, not an OKR
 * figure, not another KPI). Absent = "manual".
 */
export function kpiSourceSchema(isSource: (metricId: string) => boolean) {
  return z.preprocess(
    (v) => (v === undefined || v === "" ? "manual" : v),
    z
      .string()
      .max(80, "must be at most 80 characters")
      .refine((s) => s === "manual" || isSource(s), { message: N_("is not a metric of the catalogue a KPI can be", "kpis") }),
  );
}
