/**
 * "Precision that shows the difference": a value compared with a threshold is shown with enough
 * fraction digits that, when they differ, they do not LOOK equal ("4,96 % ≥ 5,0 %: not met" rather
 * than "5,0 % ≥ 5,0 %: not met"). Pure, browser-safe.
 */

/**
 * The fewest fraction digits d in [minDigits, maxDigits] at which `value` and `other`, each rounded
 * to d digits, read differently. Equal values (or no other) → minDigits; a difference too small to
 * show within maxDigits → maxDigits. Both numbers in the unit they are displayed in (percent × 100…).
 */
export function digitsToShowDifference(value: number, other: number | null | undefined, minDigits = 0, maxDigits = 6): number {
  if (!Number.isInteger(minDigits) || !Number.isInteger(maxDigits) || minDigits < 0 || maxDigits < minDigits || maxDigits > 20) {
    throw new RangeError(`digitsToShowDifference: invalid digits ${minDigits}…${maxDigits}`);
  }
  if (other === null || other === undefined || !Number.isFinite(value) || !Number.isFinite(other) || value === other) return minDigits;
  for (let d = minDigits; d <= maxDigits; d++) {
    if (roundTo(value, d) !== roundTo(other, d)) return d;
  }
  return maxDigits;
}

/** value rounded half away from zero to d fraction digits, as the displayed text would read it. */
export function roundTo(value: number, d: number): number {
  // toPrecision(15) first: 1.005 * 100 is 100.49999…; the decimal text is what a reader sees
  const scaled = Number((Math.abs(value) * 10 ** d).toPrecision(15));
  return (Math.sign(value) * Math.round(scaled)) / 10 ** d;
}
