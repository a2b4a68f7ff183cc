import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions, NAMESPACES } from "~/i18n/config";
import { fetchBackend } from "~/i18n/fetch-backend";

// The page was rendered in <html lang>; the same texts are loaded (preloaded by the root's <link>)
// before hydrating, so the first client render is the server's (docs/decisions/023).
const html = document.documentElement;
const strict = html.dataset.i18nStrict === "1";

void i18next
  .use(initReactI18next)
  .use(fetchBackend(html.dataset.i18nVersion ?? "0"))
  .init({
    ...i18nOptions,
    ...(strict ? { fallbackLng: false as const, parseMissingKeyHandler: (key: string) => `⟦${key}⟧` } : {}),
    lng: html.lang,
    // every namespace, from one download: a page's components may read any domain's texts
    ns: [...NAMESPACES],
  })
  .then(() => {
    startTransition(() => {
      hydrateRoot(
        document,
        <I18nextProvider i18n={i18next}>
          <StrictMode>
            <RemixBrowser />
          </StrictMode>
        </I18nextProvider>,
      );
    });
  });
