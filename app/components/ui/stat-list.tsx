import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { NO_DATA } from "~/lib/format";

export type StatItem = {
  label: ReactNode;
  /** formatted value; null shows "no data" */
  value: ReactNode | null;
  /** small text under the value (formula, window, comparison) */
  hint?: ReactNode;
};

export type StatListProps = { items: readonly StatItem[]; className?: string; /** "grid" (default) or "rows" */ layout?: "grid" | "rows" };

/** A description list of label → value pairs, e.g. the secondary figures of a dashboard. */
export function StatList({ items, className, layout = "grid" }: StatListProps) {
  const { t } = useTranslation("common");
  return (
    <dl className={["stat-list", `stat-list--${layout}`, className].filter(Boolean).join(" ")}>
      {items.map((item, i) => (
        <div className="stat-list__item" key={i}>
          <dt className="stat-list__label">{item.label}</dt>
          <dd className={item.value === null || item.value === NO_DATA ? "stat-list__value stat-list__value--empty" : "stat-list__value"}>
            {item.value === null || item.value === NO_DATA ? t("no data") : item.value}
            {item.hint !== undefined ? <span className="stat-list__hint">{item.hint}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
