import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Links, Meta, Link, Outlet, Scripts, ScrollRestoration, useLocation, useNavigation, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { redirectToSetupWhileNoUser } from "~/auth/guards.server";
import { permissionsOf, ROLE_LABELS } from "~/auth/permissions";
import { getUser } from "~/auth/session.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getInboxCounts } from "~/dashboards/inbox.server";
import { useRootData } from "~/hooks/root-data";
import { NAV, activeNavPath } from "~/lib/nav";
import { formattingOf, getCompanySettings } from "~/models/settings.server";
import appCss from "~/styles/app.css";
import componentsCss from "~/styles/components.css";
import { getDb } from "~/utils/db.server";
import { useNonce } from "~/utils/nonce";
import { getTheme } from "~/utils/theme.server";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: appCss },
  { rel: "stylesheet", href: componentsCss },
];

export const meta: MetaFunction = () => [{ title: "Strategy Tracker" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) redirectToSetupWhileNoUser(request);
  const db = getDb();
  const settings = getCompanySettings(db);
  return {
    user,
    permissions: user ? permissionsOf(user) : [],
    /** what waits for the user (the "Inbox" badge): one COUNT per kind, ~1–2 ms (decision 022) */
    inboxCount: user ? getInboxCounts(db, user).total : 0,
    theme: await getTheme(request),
    formatting: formattingOf(settings),
    companyName: settings.companyName,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const theme = data?.theme ?? "system";
  const nonce = useNonce();
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content={theme === "system" ? "light dark" : theme} />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

const THEMES = [
  { value: "light", label: "Light", icon: "☀" },
  { value: "dark", label: "Dark", icon: "☾" },
  { value: "system", label: "System", icon: "◐" },
] as const;

/** Light / dark / follow the OS: a form of three buttons, so it works without JavaScript. */
function ThemeSwitch({ theme }: { theme: RootData["theme"] }) {
  const location = useLocation();
  return (
    <Form method="post" action="/resources/theme" className="theme-switch" aria-label="Colour theme">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {THEMES.map((t) => (
        <button
          key={t.value}
          type="submit"
          name="theme"
          value={t.value}
          className="theme-switch__btn"
          aria-pressed={theme === t.value}
          aria-label={`${t.label} theme`}
          title={`${t.label} theme`}
        >
          <span aria-hidden="true">{t.icon}</span>
        </button>
      ))}
    </Form>
  );
}

function Shell({ data, children }: { data: RootData; children: React.ReactNode }) {
  const navigation = useNavigation();
  const location = useLocation();
  const { user } = data;
  const items = NAV.filter((item) => data.permissions.includes(item.permission));
  const groups = [...new Set(items.map((i) => i.group))];
  const active = activeNavPath(
    location.pathname,
    items.map((i) => i.to),
  );
  const navRef = useRef<HTMLElement>(null);
  // On a phone the menu is one row that scrolls sideways: bring the current page's item into view
  // (the row only, never the page).
  useEffect(() => {
    const nav = navRef.current;
    const link = nav?.querySelector<HTMLElement>('a[aria-current="page"]');
    if (!nav || !link || nav.scrollWidth <= nav.clientWidth) return;
    const n = nav.getBoundingClientRect();
    const l = link.getBoundingClientRect();
    nav.scrollLeft += l.left - n.left - (n.width - l.width) / 2;
  }, [active]);
  if (!user)
    return (
      <main id="main" className="auth-main">
        {children}
      </main>
    );
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <a href="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            ◆
          </span>{" "}
          {data.companyName}
          <span className="brand__sub">Strategy Tracker</span>
        </a>
        <div className="topbar__right">
          <ThemeSwitch theme={data.theme} />
          <span className="who" data-testid="current-user">
            {user.name} · <span className="who__role">{ROLE_LABELS[user.role]}</span>
            {user.teamName ? <span className="who__team"> · {user.teamName}</span> : null}
          </span>
          <Form method="post" action="/logout">
            <button type="submit" className="btn btn--secondary">
              Log out
            </button>
          </Form>
        </div>
      </header>
      <nav className="sidenav" aria-label="Main" ref={navRef}>
        {groups.map((group) => (
          <div key={group} className="sidenav__group">
            <p className="sidenav__heading">{group}</p>
            <ul>
              {items
                .filter((i) => i.group === group)
                .map((item) => (
                  <li key={item.to}>
                    <Link
                      to={item.to}
                      prefetch="intent"
                      aria-current={item.to === active ? "page" : undefined}
                      data-count={item.badge === "inbox" ? data.inboxCount : undefined}
                    >
                      {item.label}
                      {item.badge === "inbox" && data.inboxCount > 0 ? (
                        <span className="nav-count" data-testid="nav-inbox-count">
                          {data.inboxCount}
                          <span className="visually-hidden"> {data.inboxCount === 1 ? "item waits" : "items wait"}</span>
                        </span>
                      ) : null}
                    </Link>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
      <main id="main" className="content" aria-busy={navigation.state === "loading"}>
        {navigation.state === "loading" ? <div className="route-progress" role="progressbar" aria-label="Loading" /> : null}
        {children}
      </main>
    </div>
  );
}

export default function App() {
  const data = useRootData();
  return (
    <Shell data={data}>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  const data = useRouteLoaderData<typeof loader>("root");
  if (!data)
    return (
      <main id="main" className="auth-main">
        <GeneralErrorBoundary />
      </main>
    );
  return (
    <Shell data={data}>
      <GeneralErrorBoundary />
    </Shell>
  );
}
