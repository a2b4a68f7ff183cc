import { redirect } from "@remix-run/node";

/** /delivery → the deployments list. */
export function loader() {
  return redirect("/delivery/deployments");
}
