import { describe, expect, it } from "vitest";
import { replyField } from "./forms";

const error = { status: "error", intent: "create", fieldErrors: { ref: ["Required"] }, formErrors: [], values: { ref: "", title: "SOC 2" } };

describe("replyField", () => {
  it("puts back what the user typed and the field's errors when the reply is an error of the intent", () => {
    expect(replyField(error, "ref", "A.1", "create")).toEqual({ name: "ref", defaultValue: "", errors: ["Required"] });
    expect(replyField(error, "title", "", "create")).toEqual({ name: "title", defaultValue: "SOC 2", errors: undefined });
  });

  it("falls back to the stored value, without errors, for another intent or no reply", () => {
    expect(replyField(error, "ref", "A.1", "update")).toEqual({ name: "ref", defaultValue: "A.1", errors: undefined });
    expect(replyField(undefined, "ownerUserId", 7)).toEqual({ name: "ownerUserId", defaultValue: "7", errors: undefined });
    expect(replyField(null, "evidenceUrl", null)).toEqual({ name: "evidenceUrl", defaultValue: "", errors: undefined });
  });
});
