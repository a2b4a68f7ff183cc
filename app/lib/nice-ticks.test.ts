import { describe, expect, it } from "vitest";
import { axisScale, currencySymbol, niceStep, niceTicks } from "./nice-ticks";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("niceStep: the smallest 1, 2 or 5 × 10ⁿ at or above", () => {
  it.each([
    [0.7, 1],
    [1, 1],
    [1.01, 2],
    [2, 2],
    [2.0000000001, 2],
    [3, 5],
    [5, 5],
    [6.5, 10],
    [65, 100],
    [0.13, 0.2],
    [0.045, 0.05],
    [38.5, 50],
    [1200, 2000],
  ])("%s → %s", (rough, step) => expect(niceStep(rough)).toBe(step));

  it("falls back to 1 on nonsense", () => {
    expect(niceStep(0)).toBe(1);
    expect(niceStep(-3)).toBe(1);
    expect(niceStep(Number.NaN)).toBe(1);
  });
});

describe("niceTicks", () => {
  it.each<[number, number, number, number[]]>([
    [0, 260, 6, [0, 100, 200, 300]],
    [0, 154, 6, [0, 50, 100, 150, 200]],
    [0, 4.7, 6, [0, 1, 2, 3, 4, 5]],
    [0, 1.7, 6, [0, 0.5, 1, 1.5, 2]],
    [-6.2, 5.4, 6, [-10, -5, 0, 5, 10]],
    [0.1, 0.3, 6, [0.1, 0.15, 0.2, 0.25, 0.3]],
    [12, 12, 6, [0, 5, 10, 15]],
    [0, 0, 6, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [-3, -3, 6, [-3, -2, -1, 0]],
  ])("[%s, %s] in ≤ %s ticks → %j", (min, max, maxTicks, ticks) => {
    const r = niceTicks(min, max, { maxTicks });
    expect(r.ticks).toEqual(ticks);
    expect(r.ticks.length).toBeLessThanOrEqual(maxTicks);
    expect(r.min).toBeLessThanOrEqual(Math.min(min, max));
    expect(r.max).toBeGreaterThanOrEqual(Math.max(min, max));
  });

  it("every step is 1, 2 or 5 × 10ⁿ and the ticks are evenly spaced", () => {
    for (const [lo, hi] of [
      [0, 0.37],
      [3, 97],
      [0, 26_000],
      [-1_234, 8_765],
      [0, 7.3],
    ]) {
      const r = niceTicks(lo, hi);
      const mantissa = r.step / 10 ** Math.floor(Math.log10(r.step));
      expect([1, 2, 5]).toContain(Math.round(mantissa * 1e9) / 1e9);
      r.ticks.slice(1).forEach((t, i) => expect(t - r.ticks[i]).toBeCloseTo(r.step, 9));
    }
  });

  it("integer steps for counts", () => {
    expect(niceTicks(0, 3, { integer: true }).ticks).toEqual([0, 1, 2, 3]);
  });
});

describe("axisScale: the display unit first, then the ticks in it", () => {
  it("durations in hours read in one unit: minutes, hours or days", () => {
    // median lead times between 51 min and 1.7 h: hours, in halves (never "51 min / 1,7 h")
    const lead = axisScale([0.85, 1.7, 2], "hours");
    expect(lead.ticks).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(lead.ticks.map((t) => plain(lead.format(t)))).toEqual(["0,0 h", "0,5 h", "1,0 h", "1,5 h", "2,0 h"]);
    const restore = axisScale([0.2, 0.5], "hours"); // under an hour: minutes
    expect(restore.displayUnit).toBe("min");
    expect(restore.ticks.map((t) => plain(restore.format(t)))).toEqual(["0 min", "10 min", "20 min", "30 min"]);
    const slow = axisScale([30, 120], "hours"); // 5 days
    expect(slow.displayUnit).toBe("jours"); // the locale's word (default fr-FR)
    expect(slow.ticks.map((t) => plain(slow.format(t)))).toEqual(["0 jours", "1 jours", "2 jours", "3 jours", "4 jours", "5 jours"]);
    const slowEn = axisScale([30, 120], "hours", { locale: "en-GB" });
    expect(slowEn.displayUnit).toBe("days");
    expect(slowEn.ticks.map((t) => plain(slowEn.format(t)))).toEqual(["0 days", "1 days", "2 days", "3 days", "4 days", "5 days"]);
  });

  it("money in cents reads in €, k€ or M€ with round steps", () => {
    const burn = axisScale([21_500_000, 26_000_000], "money"); // 215–260 k€
    expect(burn.ticks.map((t) => plain(burn.format(t)))).toEqual(["0 k€", "100 k€", "200 k€", "300 k€"]);
    expect(burn.domain).toEqual([0, 30_000_000]);
    const cash = axisScale([-420_000_000, 530_000_000], "money", { includeZero: false });
    expect(cash.displayUnit).toBe("M€");
    expect(cash.ticks.map((t) => plain(cash.format(t)))).toEqual(["-5 M€", "0 M€", "5 M€", "10 M€"]);
    const small = axisScale([0, 450_000], "money"); // 4 500 €
    expect(small.ticks.map((t) => plain(small.format(t)))).toEqual(["0 €", "1 000 €", "2 000 €", "3 000 €", "4 000 €", "5 000 €"]);
    expect(plain(axisScale([0, 15_400_000], "money", { locale: "en-US", currency: "USD" }).format(5_000_000))).toBe("50 k$");
  });

  it("percent, counts and plain numbers", () => {
    const cfr = axisScale([3.1, 12.4, 5], "percent");
    expect(cfr.ticks).toEqual([0, 5, 10, 15]);
    expect(plain(cfr.format(5))).toBe("5 %");
    expect(axisScale([0, 2], "count").ticks).toEqual([0, 1, 2]);
    const big = axisScale([0, 12_400], "number");
    expect(big.ticks.map((t) => plain(big.format(t)))).toEqual(["0 k", "5 k", "10 k", "15 k"]);
  });

  it("ignores non-finite values and copes with none", () => {
    expect(axisScale([Number.NaN, 4, Number.POSITIVE_INFINITY], "number").ticks).toEqual([0, 1, 2, 3, 4]);
    expect(axisScale([], "number").ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("finds the currency symbol", () => {
    expect(currencySymbol("EUR", "fr-FR")).toBe("€");
    expect(currencySymbol("USD", "en-US")).toBe("$");
  });
});
