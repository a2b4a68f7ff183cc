/** Pieces the vendor parsers share: instants as the vendors write them, zod error text, severities. */
import { z } from "zod";
import type { Severity } from "./types";

/**
 * An instant as the vendors send it, to UTC ms, or null: ISO 8601 with a zone ("2019-05-15T15:20:55Z",
 * "2011-12-12T14:27:31+02:00", fractions of a second allowed) or GitLab's
 * "2021-04-28 21:50:00 +0200" / "2025-01-15 12:20:00 UTC". A real calendar date is required.
 */
export function parseVendorInstant(input: unknown): number | null {
  if (typeof input !== "string" || input.length > 40) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|UTC|[+-]\d{2}:?\d{2})$/.exec(input.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? "0"].map(Number);
  const frac = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) return null;
  let offset = 0;
  const zone = m[8];
  if (zone !== "Z" && zone !== "UTC") {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    const minutes = Number(z[2]) * 60 + Number(z[3]);
    if (Number(z[2]) > 23 || Number(z[3]) > 59) return null;
    offset = (z[1] === "+" ? 1 : -1) * minutes * 60_000;
  }
  return utc - offset + Math.floor(frac);
}

/** A vendor's date-time text as UTC ms (parseVendorInstant); otherwise an issue with `message` (how this vendor writes it). */
export function vendorInstant(message: string) {
  return z.string().transform((s, ctx) => {
    const ms = parseVendorInstant(s);
    if (ms === null) {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
    return ms;
  });
}

/** "deployment_status.state: Invalid option…" — the first problems of a zod parse, for the log. */
export function describeIssues(error: z.ZodError, prefix = "", max = 3): string {
  return error.issues
    .slice(0, max)
    .map((i) => `${i.path.length ? prefix + i.path.join(".") : prefix.replace(/\.$/, "") || "body"}: ${i.message}`)
    .join("; ");
}

const SEVERITY_WORDS: Record<string, Severity> = {
  critical: "SEV1",
  crit: "SEV1",
  page: "SEV1",
  emergency: "SEV1",
  fatal: "SEV1",
  disaster: "SEV1",
  high: "SEV2",
  major: "SEV2",
  error: "SEV2",
  err: "SEV2",
  warning: "SEV3",
  warn: "SEV3",
  medium: "SEV3",
  moderate: "SEV3",
  average: "SEV3",
  minor: "SEV4",
  low: "SEV4",
  info: "SEV4",
  informational: "SEV4",
  notice: "SEV4",
  none: "SEV4",
  debug: "SEV4",
};

/**
 * A severity as monitoring tools write it → SEV1–4: sev1…sev4 / p1…p5 / critical, high, warning,
 * info… (docs/integrations.md lists them). Null when not recognised.
 */
export function severityFromLabel(value: string | null | undefined): Severity | null {
  if (!value) return null;
  const v = value.trim().toLowerCase();
  const sev = /^sev-?([1-4])$/.exec(v);
  if (sev) return `SEV${sev[1]}` as Severity;
  const p = /^p([1-5])$/.exec(v);
  if (p) return `SEV${Math.min(Number(p[1]), 4)}` as Severity;
  return SEVERITY_WORDS[v] ?? null;
}

/** Trims and cuts a text to `max` characters (with an ellipsis). */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
