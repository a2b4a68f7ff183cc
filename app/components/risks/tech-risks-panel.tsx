import { Link } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { Tooltip } from "~/components/ui/tooltip";
import { FORMULAS } from "~/lib/metrics/risks";
import { RiskPanelList, type RiskPanelItem } from "./top-risks-panel";

/** CTO-dashboard panel: open technical and security risks by residual score. */
export function TechRisksPanel({ risks, total }: { risks: readonly RiskPanelItem[]; total: number }) {
  return (
    <Card
      title={
        <>
          Technical &amp; security risks{" "}
          <Tooltip
            label="How technical risks are ranked"
            content={
              <>
                {FORMULAS.risk_score.formula} {FORMULAS.risk_level.formula} Open and monitored risks of the technical and security categories, by residual
                score.
              </>
            }
          />
        </>
      }
      description={total > risks.length ? `The ${risks.length} highest of ${total}.` : "By residual score."}
      actions={<Link to="/risks">Risk register</Link>}
      className="tech-risks-panel"
    >
      {risks.length === 0 ? (
        <EmptyState title="No open technical or security risk" whoMay="CEO and CTO add risks; team leads propose them.">
          <p>Add one in the risk register.</p>
        </EmptyState>
      ) : (
        <RiskPanelList risks={risks} />
      )}
    </Card>
  );
}
