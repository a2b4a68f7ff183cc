import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TriggerBadge, triggerText, type TriggerViewData } from "~/components/scenarios/scenario-views";
import { formatPercent, type FormatOptions } from "~/lib/format";

export type ScenarioStatusView = { id: number; name: string; probability: number; trigger: TriggerViewData | null };

/** "On track for B" on the executive dashboard: the scenarios whose trigger holds on today's figures. */
export function ScenarioStatusPanel({ scenarios, fmt }: { scenarios: readonly ScenarioStatusView[]; fmt: FormatOptions }) {
  const { t } = useTranslation("plans");
  if (scenarios.length === 0) return null;
  const on = scenarios.filter((s) => s.trigger?.on);
  return (
    <section className="panel" aria-labelledby="exec-scenarios" data-testid="exec-scenarios">
      <h2 id="exec-scenarios">{t("Scenarios")}</h2>
      <p>
        <strong>{on.length ? t("On track for {{names}}", { names: on.map((s) => s.name).join(", ") }) : t("No scenario's trigger holds today")}</strong> —{" "}
        <Link to="/scenarios">{t("what each does to runway")}</Link>
      </p>
      <ul className="plain-list">
        {scenarios.map((s) => (
          <li key={s.id}>
            {s.name} ({formatPercent(s.probability, 0, fmt.locale)}):{" "}
            {s.trigger ? (
              <>
                <TriggerBadge state={s.trigger.state} /> {triggerText(s.trigger, fmt, t)}
              </>
            ) : (
              t("no trigger")
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
