import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("parseEnv", () => {
  const secret = "s".repeat(40);
  it("refuses the test-only frozen clock in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, TRACKER_TEST_NOW: "2026-11-18T09:30:00Z" })).toThrow(/TRACKER_TEST_NOW: is a test-only setting/);
    expect(parseEnv({ NODE_ENV: "test", TRACKER_TEST_NOW: "2026-11-18T09:30:00Z" }).TRACKER_TEST_NOW).toBe("2026-11-18T09:30:00Z");
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret }).TRACKER_TEST_NOW).toBeUndefined();
  });
});
