/** Burn multiple bands (David Sacks, "The Burn Multiple", Craft Ventures, 2020). */
export function burnMultipleBand(bm: number | null): string | null {
  if (bm === null) return null;
  if (bm < 0) return "growing while making money";
  if (bm < 1) return "amazing";
  if (bm < 1.5) return "great";
  if (bm < 2) return "good";
  if (bm < 3) return "suspect";
  return "bad";
}
export const BURN_BANDS_SOURCE = "Bands (David Sacks, “The Burn Multiple”, Craft Ventures 2020): < 1 amazing, 1–1.5 great, 1.5–2 good, 2–3 suspect, > 3 bad.";
