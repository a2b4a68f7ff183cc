import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

type Handlers = Partial<Record<number, (message: string) => React.ReactNode>>;

function messageOf(data: unknown): string | null {
  if (typeof data === "string") return data;
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string") return data.message;
  return null;
}

const TITLES: Record<number, string> = {
  400: "That request could not be understood",
  401: "Please sign in",
  403: "You do not have access to this",
  404: "Page not found",
  413: "That upload is too large",
};

/** The one error boundary every route exports. */
export function GeneralErrorBoundary({ statusHandlers = {} }: { statusHandlers?: Handlers }) {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const message = messageOf(error.data) ?? error.statusText;
    const custom = statusHandlers[error.status];
    return (
      <section className="error-page" aria-labelledby="error-title">
        <p className="error-page__status">{error.status}</p>
        <h1 id="error-title">{TITLES[error.status] ?? "Something went wrong"}</h1>
        {custom ? custom(message) : <p>{message}</p>}
        <p>
          <Link to="/">Back to the home page</Link>
        </p>
      </section>
    );
  }
  if (typeof document !== "undefined") console.error(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__status">500</p>
      <h1 id="error-title">Something went wrong</h1>
      <p>An unexpected error occurred. It has been logged; try again, or go back.</p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </section>
  );
}
