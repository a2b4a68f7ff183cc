import { apiError } from "~/utils/api.server";

/**
 * Any other path under /api/v1: a JSON 404, whatever the method (not the HTML not-found page, and —
 * as a resource route — never a page action, which the origin rule exempts the API from).
 */
function notAnEndpoint() {
  return apiError(404, "There is no API endpoint at this address. See docs/api.md.");
}

export async function loader() {
  return notAnEndpoint();
}

export async function action() {
  return notAnEndpoint();
}
