import { data } from "@remix-run/node";
import { serverT } from "~/i18n/translate.server";
import type { CsvRowError } from "~/lib/csv";
import { readCsvUpload } from "~/lib/csv-upload.server";

/** The reply of a page's CSV import intent: the count message, or the rows refused. */
export type CsvImportReply = { status: "import-ok"; message: string } | { status: "import-error"; errors: CsvRowError[] };

type ImportOutcome = { ok: true; created: number; updated: number; rows: number } | { ok: false; errors: CsvRowError[] };

/**
 * The import intent of a finance page (budgets, snapshots): reads the uploaded CSV (400 without one, 413 when
 * too large), runs `run` on its text with the upload as source, and replies with the counts or the refused rows (400).
 */
export async function financeCsvImportStep(formData: FormData, run: (text: string, source: string) => ImportOutcome) {
  const upload = await readCsvUpload(formData);
  if (!upload.ok) return data<CsvImportReply>({ status: "import-error", errors: upload.errors }, { status: upload.status });
  const result = run(upload.text, `upload:${upload.name}`);
  if (!result.ok) return data<CsvImportReply>({ status: "import-error", errors: result.errors }, { status: 400 });
  return data<CsvImportReply>({
    status: "import-ok",
    message: serverT("Imported {{count}} rows: {{created}} created, {{updated}} updated.", {
      ns: "finance",
      count: result.rows,
      created: result.created,
      updated: result.updated,
    }),
  });
}
