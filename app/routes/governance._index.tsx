import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/guards.server";

/** /governance opens the compliance page. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "dashboards:read");
  return redirect("/governance/compliance");
}
