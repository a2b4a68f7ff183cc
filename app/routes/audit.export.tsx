/** /audit/export — the old URL of /audit.csv (decision 021: every CSV export is `<page>.csv`): a 301 there, query kept, so bookmarks keep working. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { movedPermanently } from "~/utils/http.server";

export const loader = ({ request }: LoaderFunctionArgs) => movedPermanently(request, "/audit.csv");
