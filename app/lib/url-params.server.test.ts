import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ignoredParamNotice, parseSearchParams, urlTextSchema } from "./url-params.server";
import { idSchema, isoDateSchema } from "./validation.server";

const Schema = z.object({
  id: idSchema.optional(),
  day: isoDateSchema.optional(),
  kind: z.enum(["a", "b"], { error: "must be a or b" }).optional(),
  q: urlTextSchema(10).optional(),
});
const parse = (q: string) => parseSearchParams(new URLSearchParams(q), Schema);

describe("parseSearchParams", () => {
  it("parses good values through the schema", () => {
    expect(parse("id=12&day=2024-02-29&kind=b&q=hello")).toEqual({
      data: { id: 12, day: "2024-02-29", kind: "b", q: "hello" },
      ignored: [],
      accepted: { id: "12", day: "2024-02-29", kind: "b", q: "hello" },
    });
  });

  it("takes a URL as well as URLSearchParams, and leaves parameters outside the schema alone", () => {
    expect(parseSearchParams(new URL("http://x/p?id=3&other=zzz"), Schema).data).toEqual({ id: 3 });
  });

  it("drops each refused parameter with zod's message and keeps the others", () => {
    const r = parse("id=abc&day=2023-02-29&kind=c&q=ok");
    expect(r.data).toEqual({ q: "ok" });
    expect(r.accepted).toEqual({ q: "ok" });
    expect(r.ignored).toEqual([
      { key: "id", value: "abc", message: "must be a number" },
      { key: "day", value: "2023-02-29", message: "is not a real date" },
      { key: "kind", value: "c", message: "must be a or b" },
    ]);
    expect(r.ignored.map(ignoredParamNotice)).toEqual([
      'Ignored id="abc": must be a number.',
      'Ignored day="2023-02-29": is not a real date.',
      'Ignored kind="c": must be a or b.',
    ]);
  });

  it.each([
    ["id=0", "must be positive"],
    ["id=-4", "must be positive"],
    ["id=1.5", "must be a whole number"],
    ["id=99999999999999999999", undefined],
  ])("numbers out of range are refused (%s)", (q, message) => {
    const r = parse(q);
    expect(r.data).toEqual({});
    expect(r.ignored).toHaveLength(1);
    if (message) expect(r.ignored[0].message).toBe(message);
  });

  it("a repeated parameter uses its first value (a bad later one does not matter)", () => {
    expect(parse("kind=a&kind=zzz").data).toEqual({ kind: "a" });
    expect(parse("kind=zzz&kind=a")).toMatchObject({ data: {}, ignored: [{ key: "kind", value: "zzz" }] });
  });

  it("trims; empty and blank values are absent, not errors", () => {
    expect(parse("id=%2042%20&day=&kind=%20%20")).toEqual({ data: { id: 42 }, ignored: [], accepted: { id: "42" } });
  });

  it("cuts long free text instead of refusing it", () => {
    expect(parse(`q=${"x".repeat(50)}`).data.q).toBe("x".repeat(10));
    expect(ignoredParamNotice({ key: "k", value: "y".repeat(100), message: "bad" })).toBe(`Ignored k="${"y".repeat(60)}": bad.`);
  });

  it("never throws, even for a schema with a required field or a refinement without a path", () => {
    const Required = z.object({ must: z.string(), n: idSchema.optional() });
    expect(parseSearchParams(new URLSearchParams("n=2"), Required)).toEqual({
      data: {},
      ignored: [{ key: "n", value: "2", message: expect.any(String) }],
      accepted: {},
    });
    const Refined = z.object({ a: idSchema.optional(), b: idSchema.optional() }).refine((v) => (v.a ?? 0) < (v.b ?? Infinity), "a must be below b");
    expect(parseSearchParams(new URLSearchParams("a=5&b=2"), Refined).ignored.map((i) => i.key)).toEqual(["a", "b"]);
    const WithPath = z
      .object({ a: idSchema.optional(), b: idSchema.optional() })
      .refine((v) => (v.a ?? 0) < (v.b ?? Infinity), { message: "must be above a", path: ["b"] });
    expect(parseSearchParams(new URLSearchParams("a=5&b=2"), WithPath)).toMatchObject({ data: { a: 5 }, ignored: [{ key: "b", message: "must be above a" }] });
  });
});
