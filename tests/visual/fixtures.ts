/**
 * The visual suite's fixture: `open(role, path, {width, theme, hydrated})` gives a page signed in as
 * that role. Each role signs in once per worker (through the form, clock frozen) and its cookies are
 * reused by every later test of that worker.
 */
import { test as base, type Browser, type BrowserContextOptions, type Page } from "@playwright/test";
import type { DemoRole } from "../e2e/fixtures";
import { openPage, setTheme, signIn } from "./helpers";
import { FROZEN_NOW, type Theme } from "./pages";

type StorageState = Exclude<BrowserContextOptions["storageState"], string | undefined>;

export const test = base.extend<
  { open: (role: DemoRole | null, path: string, opts: { width: number; theme: Theme; hydrated?: boolean }) => Promise<{ page: Page; status: number }> },
  { sessions: (role: DemoRole, baseURL: string | undefined) => Promise<StorageState> }
>({
  sessions: [
    async ({ browser }, use) => {
      const cache = new Map<DemoRole, Promise<StorageState>>();
      await use((role, baseURL) => {
        if (!cache.has(role)) cache.set(role, signInOnce(browser, role, baseURL));
        return cache.get(role)!;
      });
    },
    { scope: "worker" },
  ],
  open: async ({ browser, sessions, baseURL, contextOptions }, use) => {
    const opened: Page[] = [];
    await use(async (role, path, opts) => {
      const context = await browser.newContext({
        ...contextOptions,
        baseURL,
        viewport: { width: opts.width, height: 900 },
        colorScheme: opts.theme,
        javaScriptEnabled: opts.hydrated ?? true,
        storageState: role ? await sessions(role, baseURL) : undefined,
      });
      const page = await context.newPage();
      opened.push(page);
      await page.clock.setFixedTime(new Date(FROZEN_NOW));
      await setTheme(page, opts.theme);
      const status = await openPage(page, path, { hydrated: opts.hydrated ?? true });
      return { page, status };
    });
    for (const p of opened) await p.context().close();
  },
});

async function signInOnce(browser: Browser, role: DemoRole, baseURL: string | undefined): Promise<StorageState> {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await signIn(page, role);
    return await context.storageState();
  } finally {
    await context.close();
  }
}

export { expect } from "@playwright/test";
