/**
 * Screenshot baselines (tests/visual/__screenshots__, updated on purpose with
 * `npm run test:visual:update`): every page once as the CEO at 1440 px in light; home and the three
 * dashboards also at 390 px and in dark; the pages whose content differs by role once per such role.
 * Pages other than home are photographed without the navigation (main content only; home shows
 * each role's navigation). One test per picture. Compared with the tolerance set in
 * tests/playwright.config.ts (a per-pixel threshold for anti-aliasing, 0.1 % of the pixels at most).
 */
import type { DemoRole } from "../e2e/fixtures";
import { expect, test } from "./fixtures";
import { PAGES, WIDTHS, type PageSpec, type Theme } from "./pages";

type Shot = { role: DemoRole; width: number; theme: Theme };

function shotsOf(spec: PageSpec): Shot[] {
  const shots: Shot[] = [{ role: "ceo", width: WIDTHS.desktop, theme: "light" }];
  if (spec.everyWidthAndTheme) {
    shots.push(
      { role: "ceo", width: WIDTHS.desktop, theme: "dark" },
      { role: "ceo", width: WIDTHS.phone, theme: "light" },
      { role: "ceo", width: WIDTHS.phone, theme: "dark" },
    );
  }
  for (const role of spec.shotRoles ?? []) shots.push({ role, width: WIDTHS.desktop, theme: "light" });
  return shots;
}

for (const spec of PAGES) {
  for (const shot of shotsOf(spec)) {
    const name = `${spec.name}--${shot.role}-${shot.width}-${shot.theme}`;
    test(`screenshot ${name} (${spec.path})`, async ({ open }) => {
      test.setTimeout(90_000);
      const { page, status } = await open(shot.role, spec.path, { width: shot.width, theme: shot.theme });
      expect(status, spec.path).toBe(200);
      // a generous timeout: the comparison retakes the picture until two in a row agree
      if (spec.mainOnly) await expect(page.locator("main#main")).toHaveScreenshot(`${name}.png`, { timeout: 45_000 });
      else await expect(page).toHaveScreenshot(`${name}.png`, { fullPage: true, timeout: 45_000 });
    });
  }
}

test("screenshot login--390-light (/login)", async ({ open }) => {
  const { page } = await open(null, "/login", { width: WIDTHS.phone, theme: "light" });
  await expect(page).toHaveScreenshot("login--390-light.png", { timeout: 45_000 });
});
