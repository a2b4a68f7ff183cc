/**
 * What the OKR tree (`/okrs`) and "My key results" (`/okrs/mine`) read first, written once: the user,
 * the cycle of `?cycle=` (the default cycle without it, 404 for an unknown one), every cycle for the
 * picker, the time of the request and the page asked for (`?page=`, `?size=`).
 */
import { requireUser } from "~/auth/guards.server";
import { resolveCycleParam } from "~/handlers/okrs.server";
import { parseTableParams, type TableParamsOptions } from "~/lib/table-params";
import { listCycles } from "~/models/okrs.server";
import { getDb } from "~/utils/db.server";

/** `?page=` and `?size=` of an OKR list, in a fixed `order` (malformed values fall back to page 1 / 25 rows, like every list's). */
function okrPaging(order: string): TableParamsOptions {
  return { sortable: [], defaultSort: { id: order, desc: false }, pageSizes: [25, 50, 100], defaultPageSize: 25 };
}

/** (Called from loaders only: a .server module is not in the browser bundle, so nothing of it runs at a route module's top level.) */
export async function okrPageStart(request: Request, order: string) {
  const user = await requireUser(request);
  const db = getDb();
  const now = Date.now();
  const url = new URL(request.url);
  return { user, db, now, cycle: resolveCycleParam(db, url, now), cycles: listCycles(db), params: parseTableParams(url, okrPaging(order)) };
}
