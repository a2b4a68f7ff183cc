import { N_ } from "~/i18n/mark";

/** Burn multiple bands (David Sacks, "The Burn Multiple", Craft Ventures, 2020). Interface text: render with t(band, { ns: "metrics" }). */
export function burnMultipleBand(bm: number | null): string | null {
  if (bm === null) return null;
  if (bm < 0) return N_("growing while making money", "metrics");
  if (bm < 1) return N_("amazing", "metrics");
  if (bm < 1.5) return N_("great", "metrics");
  if (bm < 2) return N_("good", "metrics");
  if (bm < 3) return N_("suspect", "metrics");
  return N_("bad", "metrics");
}
export const BURN_BANDS_SOURCE = N_(
  "Bands (David Sacks, “The Burn Multiple”, Craft Ventures 2020): < 1 amazing, 1–1.5 great, 1.5–2 good, 2–3 suspect, > 3 bad.",
  "metrics",
);
