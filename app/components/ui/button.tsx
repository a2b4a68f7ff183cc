import { Link, type LinkProps } from "@remix-run/react";
import { forwardRef, type ButtonHTMLAttributes, type MouseEvent, type ReactNode } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger" | "ghost";
export type ButtonSize = "sm" | "md";

/** The classes of a button look (for links and summaries styled as buttons). */
export function buttonClassName(variant: ButtonVariant = "secondary", size: ButtonSize = "md", extra?: string): string {
  return ["btn", `btn--${variant}`, size === "sm" ? "btn--sm" : null, extra].filter(Boolean).join(" ");
}

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /**
   * A submission is running (e.g. `navigation.state === "submitting"` for this form):
   * shows a spinner and `pendingLabel`, sets aria-busy and ignores further clicks — the
   * button stays focusable (not `disabled`), so keyboard focus is not lost.
   */
  pending?: boolean;
  /** text while pending, e.g. "Saving…" (default: the children) */
  pendingLabel?: ReactNode;
};

/**
 * A button. `type` defaults to "submit" like HTML's own, since forms work without JS here;
 * pass type="button" for anything that must not submit.
 */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = "secondary", size = "md", pending = false, pendingLabel, className, children, type = "submit", onClick, ...rest },
  ref,
) {
  const handleClick = (e: MouseEvent<HTMLButtonElement>) => {
    if (pending) {
      e.preventDefault();
      return;
    }
    onClick?.(e);
  };
  return (
    <button
      ref={ref}
      type={type}
      className={buttonClassName(variant, size, className)}
      aria-busy={pending || undefined}
      aria-disabled={pending || rest.disabled || undefined}
      data-pending={pending || undefined}
      onClick={handleClick}
      {...rest}
    >
      {pending ? <span className="btn__spinner" aria-hidden="true" /> : null}
      {pending && pendingLabel !== undefined ? pendingLabel : children}
    </button>
  );
});

export type ButtonLinkProps = LinkProps & { variant?: ButtonVariant; size?: ButtonSize };

/** A navigation that looks like a button (e.g. "Add risk" → /risks/new). */
export const ButtonLink = forwardRef<HTMLAnchorElement, ButtonLinkProps>(function ButtonLink({ variant = "secondary", size = "md", className, ...rest }, ref) {
  return <Link ref={ref} className={buttonClassName(variant, size, className)} {...rest} />;
});

/** A link to a place on the same page (e.g. "#create-token", the form further down) that looks like a button: a plain `<a>`. */
export function JumpButton({ href, variant = "primary", children }: { href: `#${string}`; variant?: ButtonVariant; children: ReactNode }) {
  return (
    <a href={href} className={buttonClassName(variant)}>
      {children}
    </a>
  );
}
