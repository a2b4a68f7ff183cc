import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { notFound } from "~/utils/http.server";

/** Any unknown path: a real 404 (after sign-in, so the page does not reveal what exists). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  notFound("There is no page at this address.");
}

export default function NotFound() {
  return null;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
