import { useId, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type TooltipProps = {
  /** the tooltip text (phrasing content: text, <strong>, <code>, <span className="tooltip__row">) */
  content: ReactNode;
  /**
   * What the trigger shows. Default: an "i" in a circle, then `label` is required as its
   * accessible name ("About runway").
   */
  children?: ReactNode;
  /** accessible name of the trigger when it shows only the icon */
  label?: string;
  /** where the bubble opens (default "top") */
  placement?: "top" | "bottom";
  /** align the bubble to the trigger's start, centre or end (default "center") */
  align?: "start" | "center" | "end";
  className?: string;
};

/**
 * A tooltip that works without JavaScript: the trigger is a focusable
 * `<button type="button">` described by the bubble (`role="tooltip"`, `aria-describedby`);
 * CSS shows the bubble on hover of the trigger or bubble and on keyboard focus.
 * With JavaScript, Escape hides it (WCAG 1.4.13). The bubble is printed in print styles.
 */
export function Tooltip({ content, children, label, placement = "top", align = "center", className }: TooltipProps) {
  const id = useId();
  const { t } = useTranslation("common");
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === "Escape") e.currentTarget.blur();
  };
  const iconOnly = children === undefined;
  return (
    <span className={["tooltip", `tooltip--${placement}`, `tooltip--${align}`, className].filter(Boolean).join(" ")}>
      <button
        type="button"
        className={iconOnly ? "tooltip__trigger tooltip__trigger--icon" : "tooltip__trigger"}
        aria-describedby={id}
        aria-label={iconOnly ? (label ?? t("More information")) : label}
        onKeyDown={onKeyDown}
      >
        {iconOnly ? (
          <span className="tooltip__icon" aria-hidden="true">
            i
          </span>
        ) : (
          children
        )}
      </button>
      <span role="tooltip" id={id} className="tooltip__content">
        {content}
      </span>
    </span>
  );
}
