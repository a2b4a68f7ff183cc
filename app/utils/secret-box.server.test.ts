import { describe, expect, it } from "vitest";
import { open, seal } from "./secret-box.server";

const A = "a".repeat(40);
const B = "b".repeat(40);

describe("secret box (AES-256-GCM under a key derived from SESSION_SECRET)", () => {
  it("opens what it sealed, and never stores the plain text", () => {
    const box = seal("whsec_correct-horse-battery", A);
    expect(box).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(box).not.toContain("correct-horse");
    expect(open(box, A)).toBe("whsec_correct-horse-battery");
  });

  it("uses a fresh IV: the same secret seals differently each time", () => {
    expect(seal("same", A)).not.toBe(seal("same", A));
  });

  it("refuses another key, a tampered box and garbage (null, never a throw)", () => {
    const box = seal("s3cret", A);
    expect(open(box, B)).toBeNull();
    const parts = box.split(".");
    const ct = Buffer.from(parts[3], "base64url");
    ct[0] ^= 1;
    expect(open([parts[0], parts[1], parts[2], ct.toString("base64url")].join("."), A)).toBeNull();
    expect(open("v1.x.y.z", A)).toBeNull();
    expect(open("", A)).toBeNull();
    expect(open("v2." + parts.slice(1).join("."), A)).toBeNull();
  });
});
