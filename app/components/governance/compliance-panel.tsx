import { Link } from "@remix-run/react";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { ProgressBar } from "~/components/ui/progress-bar";
import { Tooltip } from "~/components/ui/tooltip";
import { COMPLIANCE_FORMULAS } from "./labels";

export type ComplianceProgressItem = {
  id: number;
  key: string;
  name: string;
  total: number;
  applicable: number;
  done: number;
  compliant: number;
  doneShare: number | null;
  compliantShare: number | null;
  targetDate?: string | null;
};

const TEXT = {
  title: "Compliance progress",
  description: "The company's compliance frameworks and their requirements (regulatory compliance — not the DORA delivery metrics).",
  done: "Done",
  compliant: "Compliant",
  about: "How compliance progress is computed",
  details: "Requirements",
  empty: "No compliance framework yet",
  emptyBody: "Frameworks and their requirements are added on the Compliance page.",
  who: "CEO and CTO.",
} as const;

function Formula() {
  return (
    <Tooltip
      label={TEXT.about}
      content={
        <>
          {COMPLIANCE_FORMULAS.done} {COMPLIANCE_FORMULAS.compliant} Window: {COMPLIANCE_FORMULAS.window}
        </>
      }
    />
  );
}

/** Progress per framework: done share and compliant share over applicable requirements. */
export function ComplianceProgressList({
  frameworks,
  locale,
  linkTo = true,
}: {
  frameworks: readonly ComplianceProgressItem[];
  locale?: string;
  linkTo?: boolean;
}) {
  return (
    <ul className="compliance-list">
      {frameworks.map((f) => (
        <li key={f.id} className="compliance-list__item">
          <p className="compliance-list__name">
            {linkTo ? <Link to={`/governance/compliance?framework=${encodeURIComponent(f.key)}`}>{f.name}</Link> : f.name}{" "}
            {f.total > 0 ? (
              <span className="muted">
                {f.applicable} applicable of {f.total}
              </span>
            ) : null}
            {f.targetDate ? <span className="muted"> · target {f.targetDate}</span> : null}
          </p>
          {f.total === 0 ? (
            <p className="muted" data-testid="framework-empty">
              No requirements yet: <Link to="/governance/compliance#frameworks">import them from a CSV file</Link> or add them one by one (CEO and CTO).
            </p>
          ) : (
            <div className="compliance-list__bars">
              <span className="compliance-list__label">
                {TEXT.done} ({f.done}/{f.applicable})
              </span>
              <ProgressBar value={f.doneShare} label={`${f.name}: ${TEXT.done}`} status="neutral" locale={locale} />
              <span className="compliance-list__label">
                {TEXT.compliant} ({f.compliant}/{f.applicable})
              </span>
              <ProgressBar value={f.compliantShare} label={`${f.name}: ${TEXT.compliant}`} status="good" locale={locale} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/** CTO-dashboard panel: compliance progress per framework. */
export function CompliancePanel({ frameworks, locale }: { frameworks: readonly ComplianceProgressItem[]; locale?: string }) {
  return (
    <Card
      title={
        <>
          {TEXT.title} <Formula />
        </>
      }
      description={TEXT.description}
      actions={<Link to="/governance/compliance">{TEXT.details}</Link>}
      className="compliance-panel"
    >
      {frameworks.length === 0 ? (
        <EmptyState title={TEXT.empty} whoMay={TEXT.who}>
          <p>{TEXT.emptyBody}</p>
        </EmptyState>
      ) : (
        <ComplianceProgressList frameworks={frameworks} locale={locale} />
      )}
    </Card>
  );
}

export { Formula as ComplianceFormula };
