/**
 * A person's language (docs/decisions/023): stored and audited, and the messages the server writes
 * come back in it — form errors from a schema and messages built by an action.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runInLanguage, serverT, translateMessage } from "~/i18n/translate.server";
import { toCsv } from "~/lib/csv";
import { parseForm } from "~/lib/forms.server";
import { ProfileSchema } from "~/lib/schemas/profile.server";
import { DEPLOYMENT_CSV_HEADERS, importDeploymentsCsv } from "~/models/delivery.server";
import { setUserLanguage } from "~/models/users.server";
import { schema } from "~/utils/db.server";
import { insertUser } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

function form(entries: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, v);
  return fd;
}

describe("a person's language", () => {
  it("is stored, back to the company's default with an empty choice, each change audited once", () => {
    const user = insertUser(t.db, { role: "lead", email: "lang@test.test", name: "Lang" });
    expect(setUserLanguage(t.db, user.id, "fr")).toBe(true);
    expect(setUserLanguage(t.db, user.id, "fr")).toBe(true); // no change, no entry
    expect(setUserLanguage(t.db, user.id, null)).toBe(true);
    expect(setUserLanguage(t.db, 999_999, "en")).toBe(false);
    expect(t.db.select({ language: schema.users.language }).from(schema.users).where(eq(schema.users.id, user.id)).get()?.language).toBeNull();
    const audits = t.db
      .select({ after: schema.auditLog.after })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityType, "user"), eq(schema.auditLog.entityId, String(user.id)), eq(schema.auditLog.action, "update")))
      .all();
    expect(audits.map((a) => (typeof a.after === "string" ? JSON.parse(a.after) : a.after))).toEqual([{ language: "fr" }, { language: null }]);
  });

  it("the profile form accepts en, fr or empty (the company's default), nothing else", () => {
    expect(parseForm(form({ language: "fr" }), ProfileSchema)).toMatchObject({ ok: true, data: { language: "fr" } });
    expect(parseForm(form({ language: "" }), ProfileSchema)).toMatchObject({ ok: true, data: { language: null } });
    const bad = parseForm(form({ language: "de" }), ProfileSchema);
    expect(bad.ok).toBe(false);
  });

  it("form errors and server messages are written in the request's language, English outside a request", () => {
    const bad = (lng: "en" | "fr") => runInLanguage(lng, () => parseForm(form({ language: "klingon" }), ProfileSchema));
    const en = bad("en");
    const fr = bad("fr");
    if (en.ok || fr.ok) throw new Error("expected errors");
    expect(en.reply.fieldErrors.language).toEqual(["must be English, French or the company's default"]);
    expect(fr.reply.fieldErrors.language).toEqual(["doit être l'anglais, le français ou la langue par défaut de l'entreprise"]);
    expect(fr.reply.values).toEqual({ language: "klingon" });
    expect(serverT("Language saved.")).toBe("Language saved.");
    expect(runInLanguage("fr", () => serverT("Language saved."))).toBe("Langue enregistrée.");
    // a text that is no key (already translated where it was built, or data) passes unchanged
    expect(runInLanguage("fr", () => translateMessage("Déjà traduit"))).toBe("Déjà traduit");
  });

  it("a refused CSV row's message reads in French too (the deployment status rule)", () => {
    const row = ["d-1", "api", "production", "ok", "", "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", "false", "false"];
    const result = importDeploymentsCsv(t.db, toCsv(DEPLOYMENT_CSV_HEADERS, [row]), { system: true });
    if (result.ok) throw new Error("expected the row to be refused");
    const status = result.errors.find((e) => e.field === "status");
    expect(status?.message).toBe('must be "success" or "failure"');
    expect(runInLanguage("fr", () => translateMessage(status!.message))).toBe("doit être « success » ou « failure »");
  });
});
