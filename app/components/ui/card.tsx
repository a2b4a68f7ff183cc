import { useId, type ReactNode } from "react";

export type CardProps = {
  title?: ReactNode;
  /** heading level of the title (default h2) */
  headingLevel?: 2 | 3 | 4;
  /** extra text under the title */
  description?: ReactNode;
  /** controls at the right of the header (links, buttons) */
  actions?: ReactNode;
  footer?: ReactNode;
  children?: ReactNode;
  className?: string;
  /** "section" (default, named by its title) | "div" | "article" */
  as?: "section" | "div" | "article";
  id?: string;
};

/** A surface with an optional header (title, description, actions) and footer. */
export function Card({ title, headingLevel = 2, description, actions, footer, children, className, as = "section", id }: CardProps) {
  const titleId = useId();
  const Tag = as;
  const Heading = `h${headingLevel}` as "h2" | "h3" | "h4";
  const hasHeader = title !== undefined || actions !== undefined || description !== undefined;
  return (
    <Tag id={id} className={["card", className].filter(Boolean).join(" ")} aria-labelledby={title !== undefined && as !== "div" ? titleId : undefined}>
      {hasHeader ? (
        <div className="card__header">
          <div className="card__heading">
            {title !== undefined ? (
              <Heading id={titleId} className="card__title">
                {title}
              </Heading>
            ) : null}
            {description !== undefined ? <p className="card__description">{description}</p> : null}
          </div>
          {actions !== undefined ? <div className="card__actions">{actions}</div> : null}
        </div>
      ) : null}
      <div className="card__body">{children}</div>
      {footer !== undefined ? <div className="card__footer">{footer}</div> : null}
    </Tag>
  );
}
