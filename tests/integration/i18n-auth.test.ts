/**
 * The sign-in, administration and audit pages' server texts in French (issue 16, auth namespace):
 * messages built with serverT(…, { ns: "auth" }) follow the request's language; English stays as it was.
 */
import { describe, expect, it } from "vitest";
import { runInLanguage, serverT } from "~/i18n/translate.server";
import { auditActionLabel, auditActorLabel, auditEntityLabel } from "~/models/audit.server";
import { getSetupChecklist } from "~/models/setup.server";
import { teamChoiceProblem } from "~/models/teams.server";
import { insertTeam } from "../../seeds/builders";
import { freshDbPerTest } from "../helpers/db";

const t = freshDbPerTest();

const NBSP = "\u00a0";

describe("auth texts in French", () => {
  it("a team choice problem is written in the request's language", () => {
    expect(teamChoiceProblem(t.db, 999)).toBe("is not a known team");
    expect(runInLanguage("fr", () => teamChoiceProblem(t.db, 999))).toBe("n'est pas une équipe connue");
    const team = insertTeam(t.db, { name: "Core" });
    expect(runInLanguage("fr", () => teamChoiceProblem(t.db, team.id))).toBeNull();
  });

  it("the audit page's actor, action and entity labels translate; unknown stored values have no label", () => {
    const system = { actorUserId: null, actorTokenId: null, actorName: null, actorTokenName: null };
    expect(auditActorLabel(system)).toBe("System");
    expect(runInLanguage("fr", () => auditActorLabel(system))).toBe("Système");
    expect(runInLanguage("fr", () => auditActorLabel({ ...system, actorTokenId: 3, actorTokenName: "CI" }))).toBe(`Jeton d'API «${NBSP}CI${NBSP}»`);
    expect(auditActionLabel("rule:raise")).toBe("rule:raise");
    expect(runInLanguage("fr", () => serverT(auditEntityLabel("budget_line")!, { ns: "auth" }))).toBe("ligne budgétaire");
    expect(auditActionLabel("something-new")).toBeNull();
    expect(auditEntityLabel("something_new")).toBeNull();
  });

  it("the sign-in throttle message uses plural forms in both languages", () => {
    const key = "Too many failed sign-in attempts. Try again in {{count}} seconds.";
    expect(serverT(key, { ns: "auth", count: 1 })).toBe("Too many failed sign-in attempts. Try again in 1 second.");
    expect(serverT(key, { ns: "auth", count: 8 })).toBe("Too many failed sign-in attempts. Try again in 8 seconds.");
    expect(runInLanguage("fr", () => serverT(key, { ns: "auth", count: 1 }))).toBe("Trop de tentatives de connexion échouées. Réessayez dans 1 seconde.");
    expect(runInLanguage("fr", () => serverT(key, { ns: "auth", count: 8 }))).toBe("Trop de tentatives de connexion échouées. Réessayez dans 8 secondes.");
  });

  it("the home page's getting-started list comes in the reader's language", () => {
    const en = getSetupChecklist(t.db).items.find((i) => i.key === "teams")!;
    expect(en.title).toBe("Create your teams");
    const fr = runInLanguage("fr", () => getSetupChecklist(t.db).items.find((i) => i.key === "teams")!);
    expect(fr.title).toBe("Créez vos équipes");
    expect(fr.links[0].label).toBe("Équipes");
  });
});
