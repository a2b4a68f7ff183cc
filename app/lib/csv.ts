/**
 * CSV export and import helpers (UTF-8, comma, header row — DESIGN.md "CSV formats").
 *
 * - `toCsv` writes RFC 4180 text (CRLF line ends, fields quoted when needed) and guards
 *   against formula injection: a text cell that starts with = + - @ (or tab / CR) and is
 *   not a number gets a leading single quote, so a spreadsheet shows it as text.
 * - `parseCsv` reads a whole file, checks the header row, validates every data row with a
 *   zod schema and returns either all rows or EVERY error of every row. Whether to write
 *   anything is the caller's call (imports are all or nothing).
 *
 * Row numbers in errors are the row numbers a person sees when opening the file in a
 * spreadsheet: the header is row 1, the first data row is row 2. (A quoted cell that spans
 * several text lines still counts as one row; blank rows count but are otherwise ignored.)
 *
 * zod is imported for types only: this module adds no zod code to a browser bundle.
 */
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { serverT, translateMessage } from "~/i18n/translate.server";

export type CsvCell = string | number | null | undefined;

const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const FORMULA_START_RE = /^[=+\-@\t\r]/;

/** The text of one cell, with the formula-injection guard applied (not yet quoted). */
export function csvCellText(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (FORMULA_START_RE.test(value) && !NUMBER_RE.test(value)) return `'${value}`;
  return value;
}

function quote(text: string): string {
  // Quote when the field holds a separator, a quote or a line break (RFC 4180), and when it
  // has leading/trailing spaces (parseCsv trims unquoted fields; quoting keeps them intact
  // for other readers).
  if (/[",\r\n]/.test(text) || /^\s|\s$/.test(text)) return `"${text.replace(/"/g, '""')}"`;
  return text;
}

/**
 * RFC 4180 CSV: header row, then one line per row, CRLF line ends (also after the last
 * row). null/undefined → empty field; numbers as plain JS numbers (use `eurosFromCents`
 * for money so amounts read "1234.50").
 */
export function toCsv(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [headers.map((h) => quote(csvCellText(h))).join(",")];
  for (const row of rows) lines.push(row.map((c) => quote(csvCellText(c))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export type CsvRowError = {
  /** spreadsheet row number: header = 1, first data row = 2 (0 when the file itself is unreadable) */
  row: number;
  /** column name; "" when the error is about the whole row or file */
  field: string;
  message: string;
};

export type CsvParseResult<T> =
  { ok: true; rows: T[]; /** spreadsheet row number of each parsed row, same order */ rowNumbers: number[] } | { ok: false; errors: CsvRowError[] };

export type ParseCsvOptions = {
  /** the expected column names; every one must be present, no other allowed (any order) */
  headers: readonly string[];
  /** columns that may be present or left out (a file written before they existed still imports); an absent one reads as empty */
  optionalHeaders?: readonly string[];
  /** stop after this many data rows with an error instead of reading a huge file (default: none) */
  maxRows?: number;
};

/**
 * Parse CSV text and validate each data row with `schema`.
 *
 * The schema receives an object keyed by column name. Values are trimmed strings; an empty
 * cell is `undefined` (so `.optional()` fields work; a required field reports "required").
 * A leading `'` that `toCsv` added before = + - @ is removed again, so exports re-import.
 * A UTF-8 byte-order mark is stripped. Line ends may be CRLF, LF or CR.
 */
export function parseCsv<T>(text: string, schema: z.ZodType<T>, opts: ParseCsvOptions): CsvParseResult<T> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  let records: { record: string[]; info: { records: number } }[];
  try {
    records = parse(body, {
      info: true,
      trim: true,
      relax_column_count: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    }) as unknown as { record: string[]; info: { records: number } }[]; // `info: true` shape (not in the typings)
  } catch (err) {
    const e = err as { message?: string; records?: number; lines?: number };
    const row = typeof e.records === "number" ? e.records + 1 : 0;
    return { ok: false, errors: [{ row, field: "", message: serverT("unreadable CSV: {{reason}}", { reason: e.message ?? String(err) }) }] };
  }

  const isBlank = (r: string[]) => r.every((c) => c.trim() === "");
  const headerIndex = records.findIndex((r) => !isBlank(r.record));
  if (headerIndex === -1) {
    return {
      ok: false,
      errors: [{ row: 1, field: "", message: serverT("empty file: expected a header row ({{headers}})", { headers: opts.headers.join(",") }) }],
    };
  }
  const headerRecord = records[headerIndex];
  const headerRow = headerRecord.info.records;
  const header = headerRecord.record.map((h) => h.trim());

  // Header check: every expected name once, nothing else.
  const errors: CsvRowError[] = [];
  const expected = new Set([...opts.headers, ...(opts.optionalHeaders ?? [])]);
  const seen = new Set<string>();
  for (const name of header) {
    if (name === "") errors.push({ row: headerRow, field: "", message: serverT("empty column name in the header row") });
    else if (!expected.has(name)) errors.push({ row: headerRow, field: name, message: serverT('unknown column "{{name}}"', { name }) });
    else if (seen.has(name)) errors.push({ row: headerRow, field: name, message: serverT('column "{{name}}" appears twice', { name }) });
    seen.add(name);
  }
  for (const name of opts.headers) {
    if (!seen.has(name)) errors.push({ row: headerRow, field: name, message: serverT('missing column "{{name}}"', { name }) });
  }
  if (errors.length > 0) {
    const headers = opts.headers.join(",");
    const message = opts.optionalHeaders?.length
      ? serverT("expected header: {{headers}} (optional: {{optional}})", { headers, optional: opts.optionalHeaders.join(",") })
      : serverT("expected header: {{headers}}", { headers });
    errors.push({ row: headerRow, field: "", message });
    return { ok: false, errors };
  }

  const rows: T[] = [];
  const rowNumbers: number[] = [];
  let dataRows = 0;
  for (const { record, info } of records.slice(headerIndex + 1)) {
    if (isBlank(record)) continue;
    const rowNo = info.records;
    dataRows += 1;
    if (opts.maxRows !== undefined && dataRows > opts.maxRows) {
      errors.push({ row: rowNo, field: "", message: serverT("too many rows: at most {{max}} data rows per file", { max: opts.maxRows }) });
      break;
    }
    if (record.length !== header.length) {
      errors.push({
        row: rowNo,
        field: "",
        message: serverT("expected {{expected}} fields, found {{found}}", { expected: header.length, found: record.length }),
      });
      continue;
    }
    const obj: Record<string, string | undefined> = {};
    header.forEach((name, i) => {
      obj[name] = cellValue(record[i]);
    });
    const result = schema.safeParse(obj);
    if (result.success) {
      rows.push(result.data);
      rowNumbers.push(rowNo);
      continue;
    }
    for (const issue of result.error.issues) {
      const field = issue.path.length > 0 ? issue.path.map(String).join(".") : "";
      const top = issue.path.length > 0 ? String(issue.path[0]) : "";
      const wasEmpty = top !== "" && obj[top] === undefined;
      const message = wasEmpty && issue.code === "invalid_type" ? serverT("required") : translateMessage(issue.message);
      errors.push({ row: rowNo, field, message });
    }
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, rows, rowNumbers };
}

function cellValue(raw: string): string | undefined {
  const v = raw.trim();
  if (v === "") return undefined;
  // undo toCsv's formula guard
  if (v.length > 1 && v[0] === "'" && FORMULA_START_RE.test(v.slice(1)) && !NUMBER_RE.test(v.slice(1))) return v.slice(1);
  return v;
}

/** One line per error, for plain-text replies: "row 3, amount: required". */
export function describeCsvErrors(errors: readonly CsvRowError[]): string[] {
  return errors.map((e) =>
    e.field
      ? serverT("row {{row}}, {{field}}: {{message}}", { row: e.row, field: e.field, message: e.message })
      : serverT("row {{row}}: {{message}}", { row: e.row, message: e.message }),
  );
}
