/**
 * The form serialiser the browser-post tests rely on (tests/helpers/html-forms.ts) follows the HTML
 * standard's entry list, as Chromium does (the no-JS Playwright spec checks the same rules on real
 * requests): these cases pin the rules that matter for our forms.
 */
import { describe, expect, it } from "vitest";
import { formsOf, sanitize } from "../helpers/html-forms";
import { itMaps } from "../helpers/mapping";

const PAGE = "http://localhost/page?x=1";
const only = (html: string) => {
  const forms = formsOf(html, PAGE);
  expect(forms).toHaveLength(1);
  return forms[0];
};
const strings = (entries: [string, string | File][]) => entries.map(([n, v]) => [n, typeof v === "string" ? v : `<file ${v.name}>`]);

describe("entry list", () => {
  it("unticked checkboxes and radios are absent; ticked ones send their value or 'on'", () => {
    const f = only(`<form method="post"><input type="checkbox" name="a"/><input type="checkbox" name="b" checked=""/>
      <input type="checkbox" name="c" value="yes" checked=""/><input type="radio" name="r" value="1"/><input type="radio" name="r" value="2" checked=""/></form>`);
    expect(strings(f.entries())).toEqual([
      ["b", "on"],
      ["c", "yes"],
      ["r", "2"],
    ]);
    f.check("a").uncheck("b").check("r", "1");
    expect(strings(f.entries())).toEqual([
      ["a", "on"],
      ["c", "yes"],
      ["r", "1"],
    ]);
  });

  it("empty text fields are sent as empty strings; hidden fields as rendered; entities decoded", () => {
    const f = only(
      `<form method="post"><input type="hidden" name="intent" value="save"/><input name="t"/><input name="q" value="a &amp; &quot;b&quot; &#x27;c&#x27;"/><textarea name="n"></textarea></form>`,
    );
    expect(strings(f.entries())).toEqual([
      ["intent", "save"],
      ["t", ""],
      ["q", `a & "b" 'c'`],
      ["n", ""],
    ]);
  });

  it("a select sends its selected option, or the first enabled one when none is marked; multiple selects send each", () => {
    const f = only(`<form method="post"><select name="s"><option value="" disabled="">Pick</option><option value="1">One</option><option>Two</option></select>
      <select name="t"><option value="a">A</option><option value="b" selected="">B</option></select>
      <select name="m" multiple=""><option value="x" selected="">X</option><option value="y">Y</option><option value="z" selected="">Z</option></select></form>`);
    expect(strings(f.entries())).toEqual([
      ["s", "1"],
      ["t", "b"],
      ["m", "x"],
      ["m", "z"],
    ]);
    f.select("s", "Two");
    expect(f.valueOf("s")).toBe("Two");
    expect(() => f.select("t", "nope")).toThrow(/no option "nope"/);
  });

  it("disabled controls (and those in a disabled fieldset) are not sent", () => {
    const f = only(
      `<form method="post"><input name="a" value="1" disabled=""/><fieldset disabled=""><input name="b" value="2"/></fieldset><input name="c" value="3"/></form>`,
    );
    expect(strings(f.entries())).toEqual([["c", "3"]]);
  });

  it("only the submitter among the buttons is sent, with its name and value", () => {
    const f = only(
      `<form method="post"><input type="hidden" name="k" value="v"/><button name="theme" value="light">L</button><button name="theme" value="dark">D</button><button type="button" name="x" value="y">no</button></form>`,
    );
    expect(strings(f.entries())).toEqual([
      ["k", "v"],
      ["theme", "light"],
    ]);
    const dark = f.submitters().find((s) => s.value === "dark")!;
    expect(strings(f.entries(dark))).toEqual([
      ["k", "v"],
      ["theme", "dark"],
    ]);
    expect(strings(f.entries(null))).toEqual([["k", "v"]]);
  });

  it("controls outside the form that name it with form= belong to it, in tree order", () => {
    const forms = formsOf(
      `<table><tr><td><form method="post" id="row-1"><input type="hidden" name="id" value="1"/></form><input form="row-1" name="name" value="A"/></td>
      <td><input form="row-1" type="checkbox" name="active" checked=""/></td><td><input name="stray" value="s"/></td></tr></table>`,
      PAGE,
    );
    expect(forms).toHaveLength(1);
    expect(strings(forms[0].entries())).toEqual([
      ["id", "1"],
      ["name", "A"],
      ["active", "on"],
    ]);
  });

  it("textarea line breaks are posted as CRLF; a file input with no file sends an empty file", () => {
    const f = only(`<form method="post" enctype="multipart/form-data"><textarea name="t">a
b</textarea><input type="file" name="f"/></form>`);
    expect(f.entries()[0]).toEqual(["t", "a\r\nb"]);
    const file = f.entries()[1][1] as File;
    expect(file).toBeInstanceOf(File);
    expect([file.name, file.size, file.type]).toEqual(["", 0, "application/octet-stream"]);
    expect(f.body().multipart).toBe(true);
  });

  it("the action resolves against the page; no action means the page itself", () => {
    expect(only(`<form method="post"></form>`).action).toBe(PAGE);
    expect(only(`<form method="post" action="/okrs?index"></form>`).action).toBe("http://localhost/okrs?index");
  });

  it("a person cannot type into a hidden field or a field the form does not have", () => {
    const f = only(`<form method="post"><input type="hidden" name="id" value="1"/><input name="a"/></form>`);
    expect(() => f.fill("id", "2")).toThrow(/hidden/);
    expect(() => f.fill("missing", "x")).toThrow(/found 0/);
  });
});

describe("value sanitisation of typed inputs", () => {
  itMaps("%s %j → %j", sanitize, [
    ["number", "1e1", "1e1"],
    ["number", "abc", ""],
    ["number", "0x5", ""],
    ["number", "Infinity", ""],
    ["date", "2025-02-30", ""],
    ["date", "2025-02-28", "2025-02-28"],
    ["month", "2025-13", ""],
    ["datetime-local", "2025-01-01 10:00", "2025-01-01T10:00"],
    ["datetime-local", "2025-01-01T25:00", ""],
    ["email", "  a@b.test \n", "a@b.test"],
    ["text", "a\nb", "ab"],
  ]);
});
