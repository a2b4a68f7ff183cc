import { describe, expect, it } from "vitest";
import { plural, pluralWord, singularUnit, withUnit } from "./plural";

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

describe("plural: one helper for every 'N thing(s)'", () => {
  it.each<[number, string]>([
    [0, "0 rows"],
    [1, "1 row"],
    [2, "2 rows"],
    [1204, "1 204 rows"],
    [-1, "-1 row"],
  ])("%s → %s", (n, text) => expect(plain(plural(n, "row", "rows"))).toBe(text));

  it("follows the number as printed: 1.5 is plural, 1.04 shown as 1 is singular", () => {
    expect(plain(plural(1.5, "day", "days", { digits: 1 }))).toBe("1,5 days");
    expect(plural(1.04, "day", "days", { digits: 1 })).toBe("1 day");
    expect(pluralWord(1, "risk", "risks")).toBe("risk");
    expect(pluralWord(7, "risk", "risks")).toBe("risks");
    expect(plural(1, "bug", "bugs", { locale: "en-US" })).toBe("1 bug");
  });
});

describe("units stored as data", () => {
  it.each([
    ["bugs", "bug"],
    ["customers", "customer"],
    ["users", "user"],
    ["days", "day"],
    ["pts", "pts"],
    ["ms", "ms"],
    ["tx/day", "tx/day"],
    ["%", "%"],
    ["class", "class"],
    ["Bugs", "Bugs"],
  ])("singular of %s is %s", (unit, singular) => expect(singularUnit(unit)).toBe(singular));

  it("withUnit puts a data unit in the right number", () => {
    expect(withUnit("1", 1, "bugs")).toBe("1 bug");
    expect(withUnit("3", 3, "bugs")).toBe("3 bugs");
    expect(withUnit("1,5", 1.5, "days")).toBe("1,5 days");
    expect(withUnit("7", 7, null)).toBe("7");
  });
});
