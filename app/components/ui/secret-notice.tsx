import type { ReactNode } from "react";

/**
 * The notice that shows a secret once (a new API token, a webhook source's URL and secret): a status
 * region titled `title`, the page's text and values as children.
 */
export function SecretNotice({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section className="dl-secret" aria-labelledby="secret-title" role="status">
      <h2 id="secret-title">{title}</h2>
      {children}
    </section>
  );
}

/** A value to copy from a SecretNotice (monospace, selectable), found by tests as `testId`. */
export function SecretValue({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <code className="dl-secret__value" data-testid={testId}>
      {children}
    </code>
  );
}
