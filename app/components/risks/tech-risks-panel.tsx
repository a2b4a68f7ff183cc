import { useTranslation } from "react-i18next";
import { Tooltip } from "~/components/ui/tooltip";
import { FORMULAS } from "~/lib/metrics/risks";
import { RiskPanel, type RiskPanelItem } from "./top-risks-panel";

/** CTO-dashboard panel: open technical and security risks by residual score. */
export function TechRisksPanel({ risks, total }: { risks: readonly RiskPanelItem[]; total: number }) {
  const { t } = useTranslation("risks");
  return (
    <RiskPanel
      title={
        <>
          {t("Technical & security risks")}{" "}
          <Tooltip
            label={t("How technical risks are ranked")}
            content={
              <>
                {t(FORMULAS.risk_score.formula)} {t(FORMULAS.risk_level.formula)}{" "}
                {t("Open and monitored risks of the technical and security categories, by residual score.")}
              </>
            }
          />
        </>
      }
      description={total > risks.length ? t("The {{shown}} highest of {{total}}.", { shown: risks.length, total }) : t("By residual score.")}
      className="tech-risks-panel"
      emptyTitle={t("No open technical or security risk")}
      emptyBody={t("Add one in the risk register.")}
      risks={risks}
    />
  );
}
