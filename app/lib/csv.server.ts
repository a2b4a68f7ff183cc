/**
 * CSV download responses for resource routes (`export async function loader() { return csvResponse(...) }`).
 */

export type CsvResponseOptions = {
  /**
   * Prefix a UTF-8 byte-order mark (default true) so Excel opens accented text correctly.
   * `parseCsv` strips it again, so an export can be re-imported as is.
   */
  bom?: boolean;
  /** extra headers */
  headers?: HeadersInit;
  status?: number;
};

/** A safe ASCII file name for Content-Disposition ("budget lines 2024.csv" → "budget-lines-2024.csv"). */
export function safeCsvFilename(filename: string): string {
  const base = filename
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\.csv$/i, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 120);
  return `${base || "export"}.csv`;
}

/** `text/csv; charset=utf-8` attachment named `filename` (".csv" added when missing); not cached. */
export function csvResponse(filename: string, text: string, opts: CsvResponseOptions = {}): Response {
  const name = safeCsvFilename(filename);
  const headers = new Headers(opts.headers);
  headers.set("Content-Type", "text/csv; charset=utf-8");
  headers.set("Content-Disposition", `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`);
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  headers.set("X-Content-Type-Options", "nosniff");
  const body = opts.bom === false ? text : `\ufeff${text}`;
  return new Response(body, { status: opts.status ?? 200, headers });
}
