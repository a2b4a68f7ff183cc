/**
 * Layout assertions, no baselines: every page × role × width (1440, 390) × theme (light, dark).
 * One test per role signs in once and opens every page the role may open once; each page is then
 * measured at 1440 px in light and dark, resized to 390 px and measured again in both themes (the
 * server's HTML does not depend on the width, and the theme follows the system's colour scheme, so
 * neither needs a reload). The rules are in helpers.ts (layoutProblems).
 *
 * Measured on the server-rendered page with JavaScript off — the page every visitor gets first and
 * the one that must work without scripts; charts keep their box once hydrated (fixed aspect ratio),
 * and the screenshots (screenshots.spec.ts) are taken hydrated.
 */
import { expect, test } from "@playwright/test";
import { layoutProblems, openPage, setTheme, signIn } from "./helpers";
import { pagesFor, ROLES, THEMES, WIDTHS } from "./pages";

test.use({ javaScriptEnabled: false });

for (const role of ROLES) {
  test(`layout: every page as ${role} at 1440 and 390 px, light and dark`, async ({ page }) => {
    test.setTimeout(600_000); // ~60 pages × 4 variants; a loaded machine needs the room
    await page.setViewportSize({ width: WIDTHS.desktop, height: 900 });
    await signIn(page, role);
    const problems: string[] = [];
    for (const spec of pagesFor(role)) {
      const t0 = Date.now();
      await page.setViewportSize({ width: WIDTHS.desktop, height: 900 });
      await setTheme(page, "light");
      const status = await openPage(page, spec.path, { hydrated: false });
      if (status !== 200) {
        problems.push(`${spec.path}: HTTP ${status}`);
        continue;
      }
      for (const [device, width] of Object.entries(WIDTHS)) {
        await page.setViewportSize({ width, height: 900 });
        for (const theme of THEMES) {
          await setTheme(page, theme);
          for (const p of await layoutProblems(page, { desktop: device === "desktop" })) problems.push(`${spec.path} at ${width} px (${theme}): ${p}`);
        }
      }
      if (process.env.VISUAL_TIMING) console.log(`${Date.now() - t0} ms ${spec.path}`);
    }
    expect(problems, `layout problems as ${role}`).toEqual([]);
  });
}
