/**
 * Hiring: requisitions, employees (actual headcount) and headcount actual vs plan — one module per
 * concern under app/models/hiring/, the form schemas in app/lib/schemas/hiring.server.ts.
 *
 * SALARIES ARE SENSITIVE. Every read that can return a salary takes the actor and masks the
 * column IN SQL (`CASE WHEN … THEN annual_salary_cents END`), so a salary the actor may not see
 * never leaves the database — never "fetch then hide". Sorting uses the same masked expression,
 * so even the order of rows reveals nothing. Rules (app/auth/permissions.ts):
 * - requisition salary: `salaries:requisitions:read` — CEO all, CTO requisitions of tech teams;
 * - employee salary: `salaries:employees:read` — CEO only.
 */
export * from "~/models/hiring/requisitions.server";
export * from "~/models/hiring/requisition-writes.server";
export * from "~/models/hiring/headcount.server";
export * from "~/models/hiring/employees.server";
export * from "~/models/hiring/options.server";
export * from "~/lib/schemas/hiring.server";
