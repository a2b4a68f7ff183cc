import { Link, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";

export type TabLink = {
  to: string;
  label: ReactNode;
  /**
   * Whether this tab is the current view. When no item sets it, the current tab follows the
   * URL path (NavLink with `end`); set it when tabs differ only by search params (?window=30d).
   */
  current?: boolean;
};

export type TabsLinksProps = {
  /** accessible name of the navigation, e.g. "Time window" */
  label: string;
  items: readonly TabLink[];
  className?: string;
};

/** A row of links styled as tabs; the current one has aria-current="page". Works without JS. */
export function TabsLinks({ label, items, className }: TabsLinksProps) {
  const explicit = items.some((i) => i.current !== undefined);
  return (
    <nav className={["tabs", className].filter(Boolean).join(" ")} aria-label={label}>
      <ul className="tabs__list">
        {items.map((item) => (
          <li key={item.to} className="tabs__item">
            {explicit ? (
              <Link
                to={item.to}
                className={item.current ? "tabs__link tabs__link--current" : "tabs__link"}
                aria-current={item.current ? "page" : undefined}
                preventScrollReset
              >
                {item.label}
              </Link>
            ) : (
              <NavLink to={item.to} end className={({ isActive }) => (isActive ? "tabs__link tabs__link--current" : "tabs__link")}>
                {item.label}
              </NavLink>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
