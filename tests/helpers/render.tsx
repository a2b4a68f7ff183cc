/** Components rendered on the server as Remix renders a page: inside a static data router, in a language. */
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouterProvider, createStaticHandler, createStaticRouter } from "react-router-dom/server";
import { expect } from "vitest";
import type { Language } from "~/i18n/config";
import { withI18n } from "./i18n";

/** Server-render `node` as the page at `url` inside a (static, data) router, as Remix does. */
export async function renderPage(node: ReactNode, url = "/", lng: Language = "en"): Promise<string> {
  const handler = createStaticHandler([{ path: "*", element: withI18n(node, lng) }]);
  const context = await handler.query(new Request(`http://tracker.test${url}`));
  if (context instanceof Response) throw new Error("unexpected redirect");
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToString(<StaticRouterProvider router={router} context={context} hydrate={false} />);
}

/** The rendered markup holds each string of `has` and none of `lacks` (one toContain each, so a failure names the string). */
export function expectMarkup(html: string, has: string[], lacks: string[] = []): void {
  for (const text of has) expect(html).toContain(text);
  for (const text of lacks) expect(html).not.toContain(text);
}
