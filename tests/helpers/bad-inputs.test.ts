import { describe, expect, it } from "vitest";
import { checkbox, fields, id, listed, money, sampled, text } from "./bad-inputs";
import { LONG, MISSING } from "./bad-values";

const labels = (f: { bad: { label: string }[] }) => f.bad.map((b) => b.label);

describe("bad-inputs: a form's fields declared once", () => {
  it("a required text of at most 200 characters expands to missing, empty, blank, 201 characters, 10k characters and a duplicate field", () => {
    expect(text({ max: 200 }).bad).toEqual([
      { label: "missing", value: MISSING },
      { label: "empty", value: "" },
      { label: "blank (spaces)", value: "   " },
      { label: "201 characters", value: "x".repeat(201) },
      { label: "10k characters", value: LONG },
      { label: "duplicate field (one, two)", value: ["one", "two"] },
    ]);
  });

  it("an optional text has no missing, empty or blank value; a minimum adds the value one character short", () => {
    expect(labels(text({ max: 30, required: false }))).toEqual(["31 characters", "10k characters", "duplicate field (one, two)"]);
    expect(labels(text({ max: 200, min: 3 }))).toContain("2 characters");
  });

  it("money refuses exponents, three decimals and (when non-negative) a negative amount", () => {
    const bad = money({ nonNegative: true }).bad;
    expect(bad).toContainEqual({ label: "exponent", value: "1e3" });
    expect(bad).toContainEqual({ label: "three decimals", value: "12.345" });
    expect(bad.at(-1)).toEqual({ label: "negative", value: "-5" });
    expect(labels(money({ required: false }))).not.toContain("negative");
  });

  it("and / except / only / sample change the bad values, not the valid one", () => {
    const f = id({}, "7");
    expect(labels(f.and(["unknown", "99999"])).at(-1)).toBe("unknown");
    expect(labels(f.except("missing", "empty"))).toEqual(labels(id({ required: false })));
    expect(labels(f.only("letters"))).toEqual(["letters"]);
    expect(labels(f.sample())).toEqual(labels(f).filter((_, i) => i % 3 === 0));
    expect([f.and(["x", "y"]).ok, f.except("missing").ok, f.sample().ok]).toEqual(["7", "7", "7"]);
  });

  it("fields() gives the valid body (every field with a valid value, fixtures read late) and the bad values per field", () => {
    const form = fields<{ teamId: number }>({
      intent: "create",
      title: text({ max: 200 }, "A title"),
      teamId: id({}, (fx) => String(fx.teamId)),
      note: text({ max: 500, required: false }),
      done: checkbox(),
      year: listed([["1999", "1999"]], "2031"),
    });
    expect(form.valid({ teamId: 4 })).toEqual({ intent: "create", title: "A title", teamId: "4", year: "2031" });
    expect(Object.keys(form.bad)).toEqual(["title", "teamId", "note", "done", "year"]);
    expect(form.bad.done).toEqual(checkbox().bad);
    expect(form.bad.year).toEqual([{ label: "1999", value: "1999" }]);
  });

  it("sampled() keeps every third bad value of each field and the valid values", () => {
    const form = fields(sampled({ intent: "x", title: text({ max: 10 }, "t") }));
    expect(form.valid(undefined as never)).toEqual({ intent: "x", title: "t" });
    expect(form.bad.title.map((b) => b.label)).toEqual(["missing", "11 characters"]);
  });
});
