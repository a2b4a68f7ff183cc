import { describe, expect, it } from "vitest";
import { z } from "zod";
import { itMaps } from "../../tests/helpers/mapping";
import { csvCellText, describeCsvErrors, parseCsv, toCsv } from "./csv";
import { csvResponse, safeCsvFilename } from "./csv.server";
import { centsFromEuros } from "./format";

describe("csvCellText (formula-injection guard)", () => {
  itMaps("%j → %j", csvCellText, [
    ["plain", "plain"],
    ["=SUM(A1:A2)", "'=SUM(A1:A2)"],
    ["+33 6 12 34 56 78", "'+33 6 12 34 56 78"],
    ["-cmd", "'-cmd"],
    ["@import", "'@import"],
    ["\tx", "'\tx"],
    ["-12.50", "-12.50"],
    ["+7", "+7"],
    ["-1e3", "-1e3"],
    ["-", "'-"],
    [-12.5, "-12.5"],
    [0, "0"],
    [Number.NaN, ""],
    [null, ""],
    [undefined, ""],
    ["", ""],
  ]);
});

describe("toCsv", () => {
  it("writes RFC 4180 with CRLF and quotes only where needed", () => {
    const text = toCsv(
      ["id", "title", "amount"],
      [
        [1, "simple", "1234.50"],
        [2, 'with "quotes"', null],
        [3, "comma, inside", -5],
        [4, "two\nlines", 0],
        [5, " padded ", "=1+1"],
      ],
    );
    expect(text).toBe(
      ["id,title,amount", "1,simple,1234.50", '2,"with ""quotes""",', '3,"comma, inside",-5', '4,"two\nlines",0', '5," padded ",\'=1+1', ""].join("\r\n"),
    );
  });

  it("writes only the header for no rows", () => {
    expect(toCsv(["a", "b"], [])).toBe("a,b\r\n");
  });
});

const budgetLine = z.object({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "expected YYYY-MM"),
  category: z.string().min(1),
  planned: z.string().transform((s, ctx) => {
    const c = centsFromEuros(s);
    if (c === null) {
      ctx.addIssue({ code: "custom", message: "expected an amount in euros, up to 2 decimals" });
      return z.NEVER;
    }
    return c;
  }),
  actual: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return null;
      const c = centsFromEuros(s);
      if (c === null) {
        ctx.addIssue({ code: "custom", message: "expected an amount in euros, up to 2 decimals" });
        return z.NEVER;
      }
      return c;
    }),
});
const HEADERS = ["month", "category", "planned", "actual"];

describe("parseCsv", () => {
  it("parses valid rows, strips BOM, trims, accepts any line ending and column order", () => {
    const text = '\ufeffcategory, month ,planned,actual\r\nSalaries,2024-06, 1234.5 ,\n\n"Cloud infrastructure",2024-06,"1 000,00",999\r';
    const r = parseCsv(text, budgetLine, { headers: HEADERS });
    expect(r).toEqual({
      ok: true,
      rows: [
        { month: "2024-06", category: "Salaries", planned: 123450, actual: null },
        { month: "2024-06", category: "Cloud infrastructure", planned: 100000, actual: 99900 },
      ],
      rowNumbers: [2, 4],
    });
  });

  it("an optional column may be left out (reads as empty) or given; it is not unknown", () => {
    const opts = { headers: ["month", "category", "planned"], optionalHeaders: ["actual"] };
    expect(parseCsv("month,category,planned\n2024-06,x,1\n", budgetLine, opts)).toMatchObject({ ok: true, rows: [{ actual: null, planned: 100 }] });
    expect(parseCsv("month,category,planned,actual\n2024-06,x,1,2\n", budgetLine, opts)).toMatchObject({ ok: true, rows: [{ actual: 200 }] });
    const bad = parseCsv("month,category\n2024-06,x\n", budgetLine, opts);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.at(-1)?.message).toBe("expected header: month,category,planned (optional: actual)");
  });

  it("names missing, unknown and duplicate columns", () => {
    const r = parseCsv("month,category,amount,month\n2024-06,x,1,2024-06\n", budgetLine, { headers: HEADERS });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual(
      expect.arrayContaining([
        { row: 1, field: "amount", message: 'unknown column "amount"' },
        { row: 1, field: "month", message: 'column "month" appears twice' },
        { row: 1, field: "planned", message: 'missing column "planned"' },
        { row: 1, field: "actual", message: 'missing column "actual"' },
      ]),
    );
  });

  it("collects every error of every row with spreadsheet row numbers", () => {
    const text = [
      "month,category,planned,actual",
      "2024-06,Salaries,100,50", // row 2 ok
      "2024-13,,abc,1.234", // row 3: 4 errors
      "2024-06,Salaries,100", // row 4: wrong field count
      '"2024-07","multi\nline",1,1', // row 5 ok (spans two text lines)
      "June,Other,,", // row 6: month + planned required
    ].join("\n");
    const r = parseCsv(text, budgetLine, { headers: HEADERS });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { row: 3, field: "month", message: "expected YYYY-MM" },
      { row: 3, field: "category", message: "required" },
      { row: 3, field: "planned", message: "expected an amount in euros, up to 2 decimals" },
      { row: 3, field: "actual", message: "expected an amount in euros, up to 2 decimals" },
      { row: 4, field: "", message: "expected 4 fields, found 3" },
      { row: 6, field: "month", message: "expected YYYY-MM" },
      { row: 6, field: "planned", message: "required" },
    ]);
    expect(describeCsvErrors(r.errors)[0]).toBe("row 3, month: expected YYYY-MM");
  });

  it("reports an empty file and an unreadable file", () => {
    const empty = parseCsv("\ufeff\r\n", budgetLine, { headers: HEADERS });
    expect(empty.ok).toBe(false);
    const broken = parseCsv('month,category,planned,actual\n2024-06,"unclosed,1,1\n', budgetLine, { headers: HEADERS });
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors[0].message).toMatch(/unreadable CSV/);
  });

  it("header only → zero rows", () => {
    expect(parseCsv("month,category,planned,actual\r\n", budgetLine, { headers: HEADERS })).toEqual({
      ok: true,
      rows: [],
      rowNumbers: [],
    });
  });

  it("stops at maxRows", () => {
    const text = "month,category,planned,actual\n2024-06,a,1,1\n2024-06,b,1,1\n2024-06,c,1,1\n";
    const r = parseCsv(text, budgetLine, { headers: HEADERS, maxRows: 2 });
    expect(r).toEqual({ ok: false, errors: [{ row: 4, field: "", message: "too many rows: at most 2 data rows per file" }] });
  });

  it("round-trips toCsv output, including guarded cells", () => {
    const schema = z.object({ id: z.string(), title: z.string() });
    const rows = [
      ["1", '=HYPERLINK("x")'],
      ["2", "a, b\nc"],
      ["3", "-not a number"],
    ];
    const r = parseCsv(toCsv(["id", "title"], rows), schema, { headers: ["id", "title"] });
    expect(r.ok && r.rows).toEqual(rows.map(([id, title]) => ({ id, title })));
  });
});

describe("csvResponse", () => {
  it("is a UTF-8 CSV attachment with a BOM", async () => {
    const res = csvResponse("budget lines été 2024", "a,b\r\n");
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe("attachment; filename=\"budget-lines-ete-2024.csv\"; filename*=UTF-8''budget-lines-ete-2024.csv");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(await csvResponse("x.csv", "a\r\n", { bom: false }).text()).toBe("a\r\n");
  });

  itMaps("safeCsvFilename(%j) = %j", safeCsvFilename, [
    ["deployments.csv", "deployments.csv"],
    ["../../etc/passwd", "etc-passwd.csv"],
    ['a"b', "a-b.csv"],
    ["", "export.csv"],
  ]);
});
