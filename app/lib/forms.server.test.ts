import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formValues, parseForm } from "./forms.server";

const form = (body: string) => {
  const fd = new FormData();
  for (const [k, v] of new URLSearchParams(body)) fd.append(k, v);
  return fd;
};

describe("formValues: what a refused form gives back to the page", () => {
  it("keeps what was typed, a repeated field joined, and never a password or a signing secret", () => {
    expect(formValues(form("email=ada%40acme.test&password=hunter22&secret=s3cr3t-value&scopes=a&scopes=b"))).toEqual({
      email: "ada@acme.test",
      scopes: "a,b",
    });
  });

  it("is what parseForm's refusal carries", () => {
    const parsed = parseForm(form("name=X&password=hunter22"), z.object({ name: z.string().min(2, "too short") }), "create");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reply.values).toEqual({ name: "X" });
  });
});
