import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { githubSignature, pagerDutySignature, safeEqual, verifyBearer, verifyDelivery, verifyGithub, verifyGitlab, verifyPagerDuty } from "./signatures.server";

const body = new TextEncoder().encode('{"zen":"Anything added dilutes everything else."}');

describe("webhook signatures", () => {
  it("GitHub: sha256=<hex HMAC-SHA256 of the raw body> — GitHub's documented test vector", () => {
    // docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody", payload "Hello, World!"
    const sig = githubSignature("It's a Secret to Everybody", new TextEncoder().encode("Hello, World!"));
    expect(sig).toBe("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    expect(verifyGithub("It's a Secret to Everybody", new TextEncoder().encode("Hello, World!"), sig)).toBe(true);
  });

  it("GitHub: refuses another secret, another body (one byte), a missing or malformed header", () => {
    const sig = githubSignature("s3cret", body);
    expect(verifyGithub("s3cret", body, sig)).toBe(true);
    expect(verifyGithub("s3cret", body, sig.toUpperCase().replace("SHA256", "sha256"))).toBe(true);
    expect(verifyGithub("other", body, sig)).toBe(false);
    const changed = new Uint8Array(body);
    changed[5] ^= 1;
    expect(verifyGithub("s3cret", changed, sig)).toBe(false);
    expect(verifyGithub("s3cret", body, null)).toBe(false);
    expect(verifyGithub("s3cret", body, sig.slice(7))).toBe(false);
    expect(verifyGithub("s3cret", body, "sha1=" + sig.slice(7))).toBe(false);
  });

  it("PagerDuty: any of the comma-separated v1 signatures may match (secret rotation)", () => {
    const good = pagerDutySignature("pd-secret", body);
    const other = pagerDutySignature("old-secret", body);
    expect(good).toBe(`v1=${crypto.createHmac("sha256", "pd-secret").update(body).digest("hex")}`);
    expect(verifyPagerDuty("pd-secret", body, good)).toBe(true);
    expect(verifyPagerDuty("pd-secret", body, `${other},${good}`)).toBe(true);
    expect(verifyPagerDuty("pd-secret", body, `${other}, ${good}`)).toBe(true);
    expect(verifyPagerDuty("pd-secret", body, other)).toBe(false);
    expect(verifyPagerDuty("pd-secret", body, good.replace("v1=", "v2="))).toBe(false);
    expect(verifyPagerDuty("pd-secret", body, "")).toBe(false);
  });

  it("GitLab token and Alertmanager bearer: exact, constant-time", () => {
    expect(verifyGitlab("tok", "tok")).toBe(true);
    expect(verifyGitlab("tok", "tok ")).toBe(false);
    expect(verifyGitlab("tok", null)).toBe(false);
    expect(verifyBearer("tok", "Bearer tok")).toBe(true);
    expect(verifyBearer("tok", "bearer tok")).toBe(true);
    expect(verifyBearer("tok", "Basic tok")).toBe(false);
    expect(verifyBearer("tok", "Bearer tokk")).toBe(false);
    expect(safeEqual("a", "a")).toBe(true);
    expect(safeEqual("a", "ab")).toBe(false);
  });

  it("verifyDelivery tells a missing header from a wrong one", () => {
    const h = (init: Record<string, string>) => new Headers(init);
    expect(verifyDelivery("github", "s", body, h({}))).toBe("missing");
    expect(verifyDelivery("github", "s", body, h({ "X-Hub-Signature-256": "sha256=00" }))).toBe("mismatch");
    expect(verifyDelivery("github", "s", body, h({ "x-hub-signature-256": githubSignature("s", body) }))).toBe("ok");
    expect(verifyDelivery("gitlab", "s", body, h({ "X-Gitlab-Token": "s" }))).toBe("ok");
    expect(verifyDelivery("alertmanager", "s", body, h({ Authorization: "Bearer s" }))).toBe("ok");
    expect(verifyDelivery("alertmanager", "s", body, h({ Authorization: "Bearer x" }))).toBe("mismatch");
    expect(verifyDelivery("pagerduty", "s", body, h({ "X-PagerDuty-Signature": pagerDutySignature("s", body) }))).toBe("ok");
  });
});
