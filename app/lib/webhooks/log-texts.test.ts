import { describe, expect, it } from "vitest";
import fr from "~/locales/fr/delivery.json";
import { countedLogText, joinLogParts, logText, localizeLogText } from "./log-texts";

const FR = fr as Record<string, string>;
const t = (key: string, values: Record<string, string>) => (FR[key] ?? `⟦${key}⟧`).replace(/\{\{(\w+)\}\}/g, (_, n: string) => values[n] ?? "");

describe("webhook log texts", () => {
  it("are stored (and answered to the sender) in English", () => {
    expect(
      logText("deploymentWithCommits", { id: 12, service: "api", status: "success", commits: countedLogText("commitFromPushes", "commitsFromPushes", 3) }),
    ).toBe("deployment #12 of api: success, 3 commits from pushes");
    expect(logText("invalidPayload", { detail: logText("notJson") })).toBe("invalid payload: the body is not JSON");
  });

  it("read in French on the source's page, inner texts and numbers included", () => {
    const stored = logText("deploymentChangedWith", {
      id: 7,
      service: "billing",
      from: "failure",
      to: "success",
      change: countedLogText("commitFromPushes", "commitsFromPushes", 1),
    });
    expect(localizeLogText(stored, t, "fr-FR")).toBe("déploiement n° 7 de billing : échec → réussi, 1 commit issu des pushes");
    const incidents = logText("incidentsWritten", {
      parts: [countedLogText("incidentOpened", "incidentsOpened", 1200), logText("updated", { count: 1 })].join(", "),
      ids: "#1, #2",
    });
    expect(localizeLogText(incidents, t, "fr-FR")).toBe("1\u202f200 incidents ouverts, 1 mis à jour (#1, #2)");
  });

  it("reads each part of a text made of several, and keeps the sender's payload details as written", () => {
    const stored = joinLogParts([countedLogText("commitsKnown", "commitsKnown", 3, { branch: "main" }), logText("notListed", { count: 2 })]);
    expect(localizeLogText(stored, t, "fr-FR")).toBe("les 3 commits de ce push vers main sont déjà connus; 2 de plus non listés par l’émetteur");
    expect(localizeLogText(logText("invalidPayload", { detail: "deployment.id: expected number" }), t, "fr-FR")).toBe(
      "contenu invalide : deployment.id: expected number",
    );
    expect(localizeLogText(logText("unmapped", { what: logText("keyRepository"), named: '"acme/x"' }), t, "fr-FR")).toBe(
      'service non associé : dépôt (propriétaire/nom) "acme/x" ne correspond à aucune règle de cette source, qui n’a pas de service par défaut',
    );
  });
});
