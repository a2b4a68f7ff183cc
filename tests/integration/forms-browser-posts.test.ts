/**
 * Every form action, posted exactly as a browser without JavaScript posts it.
 *
 * Each case reads the real page (the app in-process: loaders, components, the Remix request handler,
 * tests/helpers/app.ts), picks the rendered <form>, edits it the way a person does (type, tick or
 * untick, choose an option that exists, attach a file) and submits the form's entry list
 * (tests/helpers/html-forms.ts): unticked checkboxes are absent, empty fields are "", selects send
 * their value, hidden intents and checkbox groups as rendered. It then checks the outcome: the
 * status or redirect, the row written or changed, and the audit entry.
 *
 * Refused submissions (the `invalid` cases) must come back as a 400 page whose form still holds
 * exactly what was sent (password and file inputs aside) and shows a message.
 *
 * Coverage: the last tests fail when a route with an action, an intent the action handles, or a
 * form rendered on a visited page has no case in this table.
 */
import { describe, expect, it } from "vitest";
import { browserPostWorld, covered, seenOnPages } from "../helpers/browser-posts";
import { allFormKeys } from "../helpers/form-inventory";
import { companyCases } from "./forms-browser/company";
import { deliveryCases, financeCases } from "./forms-browser/finance-delivery";
import { governanceCases, planCases } from "./forms-browser/governance-plans";
import { hiringCases, kpiCases } from "./forms-browser/hiring-kpis";
import { okrCases } from "./forms-browser/okrs";
import { riskCases } from "./forms-browser/risks";
import { profileCases, sessionCases, settingsCases, tokenCases, webhookSourceCases } from "./forms-browser/settings";

browserPostWorld();

// the cases run in this order against one world
settingsCases();
tokenCases();
webhookSourceCases();
financeCases();
deliveryCases();
governanceCases();
hiringCases();
kpiCases();
okrCases();
riskCases();
sessionCases();
companyCases();
planCases();
profileCases();

describe("coverage of this table", () => {
  it("every route action and every intent it handles has a case", () => {
    const missing = allFormKeys().filter((k) => !covered.has(k));
    expect(missing, "actions/intents without a browser-post case").toEqual([]);
  });

  it("every form rendered on the visited pages has a case", () => {
    const missing = [...seenOnPages].filter(([k]) => !covered.has(k)).map(([k, page]) => `${k} (on ${page})`);
    expect(missing).toEqual([]);
  });
});
