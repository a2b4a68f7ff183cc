import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { serverT } from "~/i18n/translate.server";
import { toCsv } from "~/lib/csv";
import { csvResponse } from "~/lib/csv.server";
import { IMPORTS, isImportKind } from "~/models/imports.server";
import { notFound } from "~/utils/http.server";

/** GET /import/template/<kind> — the CSV template of an import: its export's header row. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  if (!isImportKind(params.kind)) notFound(serverT("No such import.", { ns: "auth" }));
  return csvResponse(`${params.kind}-template.csv`, toCsv(IMPORTS[params.kind].headers, []));
}
