import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Tooltip } from "~/components/ui/tooltip";
import { FORMULAS } from "~/lib/metrics/risks";
import { RiskPanelList, type RiskPanelItem } from "./top-risks-panel";

/** CTO-dashboard panel: open technical and security risks by residual score. */
export function TechRisksPanel({ risks, total }: { risks: readonly RiskPanelItem[]; total: number }) {
  const { t } = useTranslation("risks");
  return (
    <Card
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
      actions={<Link to="/risks">{t("Risk register")}</Link>}
      className="tech-risks-panel"
    >
      {risks.length === 0 ? (
        <EmptyState title={t("No open technical or security risk")} whoMay={t("CEO and CTO add risks; team leads propose them.")}>
          <p>{t("Add one in the risk register.")}</p>
        </EmptyState>
      ) : (
        <RiskPanelList risks={risks} />
      )}
    </Card>
  );
}
