import fs from "node:fs";
import path from "node:path";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { loader as auditOld } from "~/routes/audit.export";
import { loader as governanceOld } from "~/routes/governance.export";
import { loader as employeesOld } from "~/routes/hiring.employees_.export";
import { loader as hiringOld } from "~/routes/hiring.export";
import { loader as kpisOld } from "~/routes/kpis.export";
import { loader as risksOld } from "~/routes/risks.export";

const ROUTES_DIR = path.join(__dirname, "../../app/routes");

/** Decision 021: every CSV export is `<page>.csv`; the old `…/export` URLs answer 301 there, query kept. */
describe("CSV export URLs", () => {
  const args = (url: string) => ({ request: new Request(`http://localhost${url}`), params: {}, context: {} }) as LoaderFunctionArgs;

  it.each<[string, (a: LoaderFunctionArgs) => Response | Promise<Response>, string]>([
    ["/audit/export", auditOld, "/audit.csv"],
    ["/governance/export", governanceOld, "/governance.csv"],
    ["/hiring/export", hiringOld, "/hiring.csv"],
    ["/hiring/employees/export", employeesOld, "/hiring/employees.csv"],
    ["/kpis/export", kpisOld, "/kpis.csv"],
    ["/risks/export", risksOld, "/risks.csv"],
  ])("%s → 301 %s, the query kept", async (oldUrl, loader, newUrl) => {
    const plain = await loader(args(oldUrl));
    expect(plain.status).toBe(301);
    expect(plain.headers.get("Location")).toBe(newUrl);
    const withQuery = await loader(args(`${oldUrl}?team=3&q=a%20b`));
    expect(withQuery.status).toBe(301);
    expect(withQuery.headers.get("Location")).toBe(`${newUrl}?team=3&q=a%20b`);
  });

  it("every route that answers a CSV file is named <page>[.]csv (the old …export files only redirect)", () => {
    const files = fs.readdirSync(ROUTES_DIR).filter((f) => /\.tsx?$/.test(f));
    const exportNamed = files.filter((f) => /(^|\.)export\.tsx?$/.test(f));
    for (const f of exportNamed) expect(fs.readFileSync(path.join(ROUTES_DIR, f), "utf8"), f).toMatch(/movedPermanently\(request, "\/[\w/]+\.csv"\)/);
    const csvNamed = files.filter((f) => f.includes("[.]csv"));
    expect(csvNamed.length).toBeGreaterThanOrEqual(13);
  });
});
