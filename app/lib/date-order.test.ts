import { describe, expect, it } from "vitest";
import { itMaps } from "../../tests/helpers/mapping";
import { dateOrder, dateText, isoFromDateText, isoFromMonthText, monthText } from "./date-order";

describe("the order a locale writes a date in", () => {
  itMaps("%s → %s", dateOrder, [
    ["fr-FR", "dmy"],
    ["en-GB", "dmy"],
    ["fr-CH", "dmy"],
    ["en-US", "mdy"],
    ["en-CA", "ymd"],
    ["fr-CA", "ymd"],
    ["not a locale!", "dmy"],
  ]);

  it("shows a stored date in that order, and reads it back", () => {
    expect(dateText("2026-12-31", "dmy")).toBe("31/12/2026");
    expect(dateText("2026-12-31", "mdy")).toBe("12/31/2026");
    expect(dateText("2026-12-31", "ymd")).toBe("2026-12-31");
    expect(dateText("31/02/2027", "dmy")).toBe("31/02/2027"); // what a person typed stays as typed
    expect(dateText(null, "dmy")).toBe("");
    expect(isoFromDateText("31/12/2026", "dmy")).toBe("2026-12-31");
    expect(isoFromDateText("12/31/2026", "mdy")).toBe("2026-12-31");
    expect(isoFromDateText("1/2/2026", "mdy")).toBe("2026-01-02");
    expect(isoFromDateText(" 2026-12-31 ", "mdy")).toBe("2026-12-31");
    // month 31 does not exist: left for the server's checks to refuse
    expect(isoFromDateText("31/12/2026", "mdy")).toBe("2026-31-12");
  });

  it("months are month first in every order but the year-first one", () => {
    expect(monthText("2026-03", "dmy")).toBe("03/2026");
    expect(monthText("2026-03", "mdy")).toBe("03/2026");
    expect(monthText("2026-03", "ymd")).toBe("2026-03");
    expect(isoFromMonthText("3/2026")).toBe("2026-03");
    expect(isoFromMonthText("2026-03")).toBe("2026-03");
  });
});
