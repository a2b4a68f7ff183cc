import { Link } from "@remix-run/react";
import { RiskLevelBadge } from "~/components/metrics/risk-level-badge";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Tooltip } from "~/components/ui/tooltip";
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
  return (
    <Tooltip
      label="How risks are ranked"
      content={
        <>
          {FORMULAS.risk_score.formula} {FORMULAS.risk_level.formula} Ranked by residual score, then inherent score; open and monitored risks only.
        </>
      }
    />
  );
}

/** A short list of risks with residual (and inherent) level badges. */
export function RiskPanelList({ risks }: { risks: readonly RiskPanelItem[] }) {
  return (
    <ol className="risk-panel-list">
      {risks.map((r) => (
        <li key={r.id} className="risk-panel-list__item">
          <span className="risk-panel-list__badge">
            <RiskLevelBadge level={r.residualLevel} score={r.residualScore} srPrefix="Residual risk: " />
          </span>
          <span className="risk-panel-list__text">
            <Link to={`/risks/${r.id}`}>{r.title}</Link>
            <span className="muted">
              {" "}
              · {CATEGORY_LABELS[r.category]} · inherent {r.inherentScore}
              {r.ownerName ? ` · ${r.ownerName}` : ""}
            </span>
            {r.raisedByRuleKind ? <span className="risk-title__raised">Raised by a metric rule{r.raisedValue ? `: ${r.raisedValue}` : ""}</span> : null}
            {r.overdue ? (
              <>
                {" "}
                <Badge tone="bad">Review overdue</Badge>
              </>
            ) : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Executive-dashboard panel: the five highest residual risks. */
export function TopRisksPanel({ risks }: { risks: readonly RiskPanelItem[] }) {
  return (
    <Card
      title={
        <>
          Top risks <ScoreFormula />
        </>
      }
      description="Highest residual risk (likelihood × impact after treatment)."
      actions={<Link to="/risks">Risk register</Link>}
      className="top-risks-panel"
    >
      {risks.length === 0 ? (
        <EmptyState title="No open risk" whoMay="CEO and CTO add risks; team leads propose them.">
          <p>Add the first risk in the register.</p>
        </EmptyState>
      ) : (
        <RiskPanelList risks={risks} />
      )}
    </Card>
  );
}
