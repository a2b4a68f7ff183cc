/** The malformed-input tables together: every form action and intent has one, enough cases, no stale known failure. */
import { describe, expect, it } from "vitest";
import { allFormKeys } from "../../helpers/form-inventory";
import { caseIdsOf, KNOWN_FAILURES } from "../../helpers/malformed-forms";
import * as company from "./company";
import * as financeDelivery from "./finance-delivery";
import * as governanceRisks from "./governance-risks";
import * as hiringKpis from "./hiring-kpis";
import * as okrs from "./okrs";
import * as plans from "./plans";

const DOMAINS = [plans, company, financeDelivery, governanceRisks, hiringKpis, okrs];
const TABLES = DOMAINS.flatMap((d) => d.TABLES);
const IMPORT_TABLES = DOMAINS.flatMap((d) => d.IMPORT_TABLES);
const caseIds = caseIdsOf(TABLES, IMPORT_TABLES);

describe("the table", () => {
  it(`covers every form action and intent of the app (${TABLES.length + IMPORT_TABLES.length} tables)`, () => {
    const tabled = new Set([...TABLES.map((t) => t.form), ...IMPORT_TABLES.map((t) => t.form)]);
    // logout takes no input: nothing to malform
    // logout takes no input: nothing to malform; /setup is a 404 once a user exists (its bad input: tests/integration/setup.test.ts)
    const missing = allFormKeys().filter((k) => !tabled.has(k) && k !== "logout#*" && k !== "setup#*");
    expect(missing).toEqual([]);
  });

  it("has at least 300 malformed-input cases", () => {
    expect(caseIds.length).toBeGreaterThanOrEqual(300);
  });

  it("lists only existing cases as known failures", () => {
    expect([...KNOWN_FAILURES].filter((id) => !caseIds.includes(id))).toEqual([]);
  });
});
