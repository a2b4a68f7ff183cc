/**
 * Table tests of a pure function: one test a row, the row being the arguments followed by the
 * expected result. The tables stay in the test files; the it.each boilerplate lives here.
 */
import { expect, it } from "vitest";

type AnyFn = (...args: any[]) => unknown;

/** The arguments of `fn`, then what it returns. */
export type MappingRow<F extends AnyFn> = [...Parameters<F>, ReturnType<F>];

/**
 * One `it` a row, named by it.each's printf `title` over the whole row: `fn(...args)` equals the
 * row's last value (`toBe` for a primitive, `toEqual` for an object or array).
 */
export function itMaps<F extends AnyFn>(title: string, fn: F, rows: MappingRow<F>[]): void {
  it.each(rows as unknown[][])(title, (...row: unknown[]) => {
    const expected = row[row.length - 1];
    const actual = fn(...row.slice(0, -1));
    if (typeof expected === "object" && expected !== null) expect(actual).toEqual(expected);
    else expect(actual).toBe(expected);
  });
}

/** `actual` is null where `expected` is (no data), else within `digits` decimal places of it. */
export function expectCloseOrNull(actual: number | null | undefined, expected: number | null, digits = 12): void {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, digits);
}

/** `itMaps` for a function of measured numbers: `fn(...args)` is null where the row's last value is, else within `digits` decimal places of it. */
export function itMapsClose<F extends AnyFn>(title: string, fn: F, rows: MappingRow<F>[], digits = 12): void {
  it.each(rows as unknown[][])(title, (...row: unknown[]) => {
    expectCloseOrNull(fn(...row.slice(0, -1)) as number | null, row[row.length - 1] as number | null, digits);
  });
}

/** One `it` a row of arguments `fn` must refuse: calling it throws a RangeError. */
export function itRejects<F extends AnyFn>(title: string, fn: F, rows: Parameters<F>[]): void {
  it.each(rows as unknown[][])(title, (...args: unknown[]) => {
    expect(() => fn(...args)).toThrow(RangeError);
  });
}
