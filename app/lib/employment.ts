/**
 * Where a person stands on the payroll on a given day. Pure; dates are 'YYYY-MM-DD' (calendar dates,
 * compared as text). On the payroll from the start date included to the end date excluded (the same
 * rule as the headcount: employed at a day when start ≤ day < end).
 */
export type EmploymentStatus = "starting" | "current" | "leaving" | "left";

export const EMPLOYMENT_STATUSES = ["starting", "current", "leaving", "left"] as const satisfies readonly EmploymentStatus[];

export function employmentStatus(startDate: string, endDate: string | null, today: string): EmploymentStatus {
  if (startDate > today) return "starting";
  if (endDate !== null && endDate <= today) return "left";
  if (endDate !== null) return "leaving";
  return "current";
}

/** A status filter: "current" includes those leaving later (they are on the payroll today). */
export type EmploymentFilter = "current" | "starting" | "left";
