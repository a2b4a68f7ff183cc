import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export type EmptyStateProps = {
  /** what is missing: "No deployments yet" */
  title: ReactNode;
  /** what to do: "Send them from CI to POST /api/v1/deployments, or import a CSV." */
  children?: ReactNode;
  /** who may do it: "CEO and CTO" (rendered as "Who can do this: …") */
  whoMay?: ReactNode;
  /** a link or button to do it (shown only when the user may) */
  action?: ReactNode;
  /** heading level (default 3) */
  headingLevel?: 2 | 3 | 4;
  className?: string;
};

/** Says that there is no data yet, how to add the first, and who may. */
export function EmptyState({ title, children, whoMay, action, headingLevel = 3, className }: EmptyStateProps) {
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  const { t } = useTranslation("common");
  return (
    <div className={["empty-state", className].filter(Boolean).join(" ")}>
      <Heading className="empty-state__title">{title}</Heading>
      {children !== undefined ? <div className="empty-state__body">{children}</div> : null}
      {whoMay !== undefined ? (
        <p className="empty-state__who">
          <span className="empty-state__who-label">{t("Who can do this:")}</span> {whoMay}
        </p>
      ) : null}
      {action !== undefined ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}
