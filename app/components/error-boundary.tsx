import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { N_ } from "~/i18n/mark";

type Handlers = Partial<Record<number, (message: string) => React.ReactNode>>;

function messageOf(data: unknown): string | null {
  if (typeof data === "string") return data;
  if (data && typeof data === "object" && "message" in data && typeof data.message === "string") return data.message;
  return null;
}

const TITLES: Record<number, string> = {
  400: N_("That request could not be understood"),
  401: N_("Please sign in"),
  403: N_("You do not have access to this"),
  404: N_("Page not found"),
  413: N_("That upload is too large"),
};

/** The one error boundary every route exports. */
export function GeneralErrorBoundary({ statusHandlers = {} }: { statusHandlers?: Handlers }) {
  const error = useRouteError();
  const { t } = useTranslation("common");
  if (isRouteErrorResponse(error)) {
    const message = messageOf(error.data) ?? error.statusText;
    const custom = statusHandlers[error.status];
    return (
      <section className="error-page" aria-labelledby="error-title">
        <p className="error-page__status">{error.status}</p>
        <h1 id="error-title">{t(TITLES[error.status] ?? "Something went wrong")}</h1>
        {custom ? custom(message) : <p>{message}</p>}
        <p>
          <Link to="/">{t("Back to the home page")}</Link>
        </p>
      </section>
    );
  }
  if (typeof document !== "undefined") console.error(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__status">500</p>
      <h1 id="error-title">{t("Something went wrong")}</h1>
      <p>{t("An unexpected error occurred. It has been logged; try again, or go back.")}</p>
      <p>
        <Link to="/">{t("Back to the home page")}</Link>
      </p>
    </section>
  );
}
