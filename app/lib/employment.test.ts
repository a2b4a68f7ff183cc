import { describe, expect, it } from "vitest";
import { employmentStatus } from "./employment";

describe("employmentStatus: on the payroll from the start date to the day before the end date", () => {
  const today = "2026-11-18";
  it.each<[string, string | null, string]>([
    ["2027-01-01", null, "starting"], // hired, not started: not current
    ["2026-11-19", null, "starting"],
    ["2026-11-18", null, "current"], // starts today
    ["2024-03-01", null, "current"],
    ["2024-03-01", "2027-02-28", "leaving"],
    ["2024-03-01", "2026-11-18", "left"], // the end date is the first day off the payroll
    ["2024-03-01", "2025-06-30", "left"],
    ["2027-01-01", "2027-06-30", "starting"],
  ])("start %s, end %s → %s", (start, end, status) => expect(employmentStatus(start, end, today)).toBe(status));
});
