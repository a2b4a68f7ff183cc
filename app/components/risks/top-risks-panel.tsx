import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RiskLevelBadge } from "~/components/metrics/risk-level-badge";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Tooltip } from "~/components/ui/tooltip";
import { useFormatting } from "~/hooks/root-data";
import { localizeRuleText } from "~/lib/metrics/risk-rule-texts";
import { FORMULAS, type RiskLevel } from "~/lib/metrics/risks";
import { CATEGORY_LABELS, type RiskCategoryKey } from "./labels";

export type RiskPanelItem = {
  id: number;
  title: string;
  category: RiskCategoryKey;
  residualScore: number;
  residualLevel: RiskLevel;
  inherentScore: number;
  inherentLevel: RiskLevel;
  ownerName: string | null;
  overdue: boolean;
  raisedByRuleKind: string | null;
  raisedValue: string | null;
};

function ScoreFormula() {
  const { t } = useTranslation("risks");
  return (
    <Tooltip
      label={t("How risks are ranked")}
      content={
        <>
          {t(FORMULAS.risk_score.formula)} {t(FORMULAS.risk_level.formula)} {t("Ranked by residual score, then inherent score; open and monitored risks only.")}
        </>
      }
    />
  );
}

/** A short list of risks with residual (and inherent) level badges. */
export function RiskPanelList({ risks }: { risks: readonly RiskPanelItem[] }) {
  const { t } = useTranslation("risks");
  const { locale } = useFormatting();
  return (
    <ol className="risk-panel-list">
      {risks.map((r) => (
        <li key={r.id} className="risk-panel-list__item">
          <span className="risk-panel-list__badge">
            <RiskLevelBadge level={r.residualLevel} score={r.residualScore} srPrefix={t("Residual risk: ")} />
          </span>
          <span className="risk-panel-list__text">
            <Link to={`/risks/${r.id}`}>{localizeRuleText(r.title, r.raisedByRuleKind, t, locale)}</Link>
            <span className="muted">
              {" "}
              · {t(CATEGORY_LABELS[r.category])} · {t("inherent {{score}}", { score: r.inherentScore })}
              {r.ownerName ? ` · ${r.ownerName}` : ""}
            </span>
            {r.raisedByRuleKind ? (
              <span className="risk-title__raised">
                {r.raisedValue
                  ? t("Raised by a metric rule: {{value}}", { value: localizeRuleText(r.raisedValue, r.raisedByRuleKind, t, locale) })
                  : t("Raised by a metric rule")}
              </span>
            ) : null}
            {r.overdue ? (
              <>
                {" "}
                <Badge tone="bad">{t("Review overdue")}</Badge>
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

/**
 * A dashboard panel of risks (RiskPanelList), linking to the register; with no risk, `emptyTitle` and
 * `emptyBody` and who may add one.
 */
export function RiskPanel({
  title,
  description,
  className,
  emptyTitle,
  emptyBody,
  risks,
}: {
  title: ReactNode;
  description: string;
  className: string;
  emptyTitle: string;
  emptyBody: string;
  risks: readonly RiskPanelItem[];
}) {
  const { t } = useTranslation("risks");
  return (
    <Card title={title} description={description} actions={<Link to="/risks">{t("Risk register")}</Link>} className={className}>
      {risks.length === 0 ? (
        <EmptyState title={emptyTitle} whoMay={t("CEO and CTO add risks; team leads propose them.")}>
          <p>{emptyBody}</p>
        </EmptyState>
      ) : (
        <RiskPanelList risks={risks} />
      )}
    </Card>
  );
}

/** Executive-dashboard panel: the five highest residual risks. */
export function TopRisksPanel({ risks }: { risks: readonly RiskPanelItem[] }) {
  const { t } = useTranslation("risks");
  return (
    <RiskPanel
      title={
        <>
          {t("Top risks")} <ScoreFormula />
        </>
      }
      description={t("Highest residual risk (likelihood × impact after treatment).")}
      className="top-risks-panel"
      emptyTitle={t("No open risk")}
      emptyBody={t("Add the first risk in the register.")}
      risks={risks}
    />
  );
}
