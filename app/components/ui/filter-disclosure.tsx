import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * A page's filters behind one "Filters" control on a phone, so the first figures come before them;
 * on a wider screen they show as usual. No JavaScript needed: a <details> whose content the
 * wide-screen CSS always shows (`::details-content`, components.css); a browser without that
 * selector keeps the plain disclosure everywhere. `active` counts the filters in use (shown in the
 * summary, so a narrowed view never looks like the whole).
 */
export function FilterDisclosure({ active = 0, label, children, className }: { active?: number; label?: string; children: ReactNode; className?: string }) {
  const { t } = useTranslation("common");
  return (
    <details className={["filters", className].filter(Boolean).join(" ")}>
      <summary className="filters__summary">
        {label ?? t("Filters")}
        {active > 0 ? <span className="filters__count"> ({t("{{count}} filters in use", { count: active })})</span> : null}
      </summary>
      <div className="filters__body">{children}</div>
    </details>
  );
}
