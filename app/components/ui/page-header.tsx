import type { ReactNode } from "react";

export type PageHeaderProps = {
  /** the page's h1 */
  title: ReactNode;
  description?: ReactNode;
  /** buttons / links at the right (wrap below on phones) */
  actions?: ReactNode;
  /** small line above the title (breadcrumb, "as of" month…) */
  eyebrow?: ReactNode;
  /** anything under the title row (filters, tabs) */
  children?: ReactNode;
};

/** The top of a page: h1, what the page is for, and its actions. */
export function PageHeader({ title, description, actions, eyebrow, children }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div className="page-header__row">
        <div className="page-header__text">
          {eyebrow !== undefined ? <p className="page-header__eyebrow">{eyebrow}</p> : null}
          <h1 className="page-header__title">{title}</h1>
          {description !== undefined ? <p className="page-header__description">{description}</p> : null}
        </div>
        {actions !== undefined ? <div className="page-header__actions">{actions}</div> : null}
      </div>
      {children}
    </header>
  );
}
