import type { ReactNode } from "react";
import { plural } from "~/lib/plural";

/**
 * A page's filters behind one "Filters" control on a phone, so the first figures come before them;
 * on a wider screen they show as usual. No JavaScript needed: a <details> whose content the
 * wide-screen CSS always shows (`::details-content`, components.css); a browser without that
 * selector keeps the plain disclosure everywhere. `active` counts the filters in use (shown in the
 * summary, so a narrowed view never looks like the whole).
 */
export function FilterDisclosure({
  active = 0,
  label = "Filters",
  children,
  className,
}: {
  active?: number;
  label?: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <details className={["filters", className].filter(Boolean).join(" ")}>
      <summary className="filters__summary">
        {label}
        {active > 0 ? <span className="filters__count"> ({plural(active, "filter", "filters")} in use)</span> : null}
      </summary>
      <div className="filters__body">{children}</div>
    </details>
  );
}
