import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { serverT } from "~/i18n/translate.server";
import { notFound } from "~/utils/http.server";

export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";

/** Any unknown path: a real 404 (after sign-in, so the page does not reveal what exists). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  notFound(serverT("There is no page at this address.", { ns: "home" }));
}

export default function NotFound() {
  return null;
}
