import { currentLanguage, serverT } from "~/i18n/translate.server";
import type { CsvRowError } from "~/lib/csv";

/** Largest CSV file a page accepts (the API has its own body limit). */
export const MAX_CSV_UPLOAD_BYTES = 5 * 1024 * 1024;

/** "5 MB" / "5 Mo", in the request's language. */
function megabytes(n: number): string {
  return new Intl.NumberFormat(currentLanguage(), { style: "unit", unit: "megabyte" }).format(n);
}

export type CsvUpload = { ok: true; text: string; name: string } | { ok: false; status: 400 | 413; errors: CsvRowError[] };

/** The CSV file of a multipart form's `file` field, or the error to show (no file, too large). */
export async function readCsvUpload(formData: FormData, field = "file"): Promise<CsvUpload> {
  const file = formData.get(field);
  if (!file || typeof file === "string" || file.size === 0)
    return { ok: false, status: 400, errors: [{ row: 0, field: "", message: serverT("choose a CSV file to import") }] };
  if (file.size > MAX_CSV_UPLOAD_BYTES)
    return {
      ok: false,
      status: 413,
      errors: [{ row: 0, field: "", message: serverT("the file is larger than {{size}}", { size: megabytes(MAX_CSV_UPLOAD_BYTES / 1024 / 1024) }) }],
    };
  return { ok: true, text: await file.text(), name: file.name };
}
