/** The pure step of the exact lead-time median: which bucket, and which rank in it, holds the middle. */
import { describe, expect, it } from "vitest";
import { middleBuckets } from "~/models/delivery-metrics/aggregates.server";

describe("middleBuckets", () => {
  it("odd count: one rank", () => {
    // group 0: buckets 3 (2 values), 4 (1), 6 (2) → n = 5, rank 3 → bucket 4, 1st
    expect(
      middleBuckets([
        { g: 0, b: 3, n: 2 },
        { g: 0, b: 4, n: 1 },
        { g: 0, b: 6, n: 2 },
      ]),
    ).toEqual([[0, 4, 1]]);
  });

  it("even count: two ranks, possibly in two buckets", () => {
    expect(
      middleBuckets([
        { g: 0, b: 3, n: 2 },
        { g: 0, b: 6, n: 2 },
      ]),
    ).toEqual([
      [0, 3, 2],
      [0, 6, 1],
    ]);
    expect(
      middleBuckets([
        { g: 0, b: 1, n: 1 },
        { g: 0, b: 2, n: 4 },
        { g: 0, b: 3, n: 1 },
      ]),
    ).toEqual([
      [0, 2, 2],
      [0, 2, 3],
    ]);
  });

  it("several groups, one value, nothing", () => {
    expect(
      middleBuckets([
        { g: 1, b: 9, n: 1 },
        { g: 2, b: 1, n: 3 },
      ]),
    ).toEqual([
      [1, 9, 1],
      [2, 1, 2],
    ]);
    expect(middleBuckets([])).toEqual([]);
  });
});
