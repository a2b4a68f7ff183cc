import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("environment: proxy trust and body limits", () => {
  it("defaults: no proxy trusted, 5 MiB API, 1 MiB forms, 6 MiB uploads", () => {
    const env = parseEnv({});
    expect(env.TRUST_PROXY).toBe(0);
    expect([env.API_MAX_BODY_BYTES, env.FORM_MAX_BODY_BYTES, env.UPLOAD_MAX_BODY_BYTES]).toEqual([5 * 2 ** 20, 2 ** 20, 6 * 2 ** 20]);
  });
  it.each([
    ["false", 0],
    ["FALSE", 0],
    ["0", 0],
    ["true", 1],
    [" 1 ", 1],
    ["2", 2],
  ])("TRUST_PROXY=%s → %i hops", (value, hops) => {
    expect(parseEnv({ TRUST_PROXY: value }).TRUST_PROXY).toBe(hops);
  });
  it.each(["yes", "-1", "1.5", "100", "loopback"])("TRUST_PROXY=%s is refused, naming the variable", (value) => {
    expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: must be false, true or a number of proxy hops/);
  });
  it.each(["0", "-5", "1.5", "abc", String(2 * 1024 ** 3)])("FORM_MAX_BODY_BYTES=%s is refused", (value) => {
    expect(() => parseEnv({ FORM_MAX_BODY_BYTES: value })).toThrow(/FORM_MAX_BODY_BYTES/);
  });
  it("limits are configurable", () => {
    expect(parseEnv({ UPLOAD_MAX_BODY_BYTES: "20971520" }).UPLOAD_MAX_BODY_BYTES).toBe(20 * 2 ** 20);
  });
});

describe("environment: the test-only frozen clock", () => {
  const secret = "s".repeat(40);
  it("is refused in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, TRACKER_TEST_NOW: "2026-11-18T09:30:00Z" })).toThrow(
      /TRACKER_TEST_NOW: is a test-only setting/,
    );
    expect(parseEnv({ NODE_ENV: "test", TRACKER_TEST_NOW: "2026-11-18T09:30:00Z" }).TRACKER_TEST_NOW).toBe("2026-11-18T09:30:00Z");
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret }).TRACKER_TEST_NOW).toBeUndefined();
  });
});

describe("environment: the write gate", () => {
  it("is on by default, off only when asked, and anything else is refused naming the variable", () => {
    expect(parseEnv({}).WRITE_GATE).toBe("on");
    expect(parseEnv({ WRITE_GATE: "off" }).WRITE_GATE).toBe("off");
    expect(() => parseEnv({ WRITE_GATE: "false" })).toThrow(/WRITE_GATE: must be "on" or "off"/);
  });
});
