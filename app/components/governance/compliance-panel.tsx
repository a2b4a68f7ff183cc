import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { ProgressBar } from "~/components/ui/progress-bar";
import { Tooltip } from "~/components/ui/tooltip";
import { N_ } from "~/i18n/mark";
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
  title: N_("Compliance progress"),
  description: N_("The company's compliance frameworks and their requirements (regulatory compliance — not the DORA delivery metrics)."),
  done: N_("Done"),
  compliant: N_("Compliant"),
  about: N_("How compliance progress is computed"),
  details: N_("Requirements"),
  empty: N_("No compliance framework yet"),
  emptyBody: N_("Frameworks and their requirements are added on the Compliance page."),
  who: N_("CEO and CTO."),
} as const;

function Formula() {
  const { t } = useTranslation("governance");
  return (
    <Tooltip
      label={t(TEXT.about)}
      content={
        <>
          {t(COMPLIANCE_FORMULAS.done)} {t(COMPLIANCE_FORMULAS.compliant)} {t("Window: {{window}}", { window: t(COMPLIANCE_FORMULAS.window) })}
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
  const { t } = useTranslation("governance");
  return (
    <ul className="compliance-list">
      {frameworks.map((f) => (
        <li key={f.id} className="compliance-list__item">
          <p className="compliance-list__name">
            {linkTo ? <Link to={`/governance/compliance?framework=${encodeURIComponent(f.key)}`}>{f.name}</Link> : f.name}{" "}
            {f.total > 0 ? <span className="muted">{t("{{applicable}} applicable of {{total}}", { applicable: f.applicable, total: f.total })}</span> : null}
            {f.targetDate ? <span className="muted"> · {t("target {{date}}", { date: f.targetDate })}</span> : null}
          </p>
          {f.total === 0 ? (
            <p className="muted" data-testid="framework-empty">
              {t("No requirements yet:")} <Link to="/governance/compliance#frameworks">{t("import them from a CSV file")}</Link>{" "}
              {t("or add them one by one (CEO and CTO).")}
            </p>
          ) : (
            <div className="compliance-list__bars">
              <span className="compliance-list__label">
                {t(TEXT.done)} ({f.done}/{f.applicable})
              </span>
              <ProgressBar value={f.doneShare} label={`${f.name}: ${t(TEXT.done)}`} status="neutral" locale={locale} />
              <span className="compliance-list__label">
                {t(TEXT.compliant)} ({f.compliant}/{f.applicable})
              </span>
              <ProgressBar value={f.compliantShare} label={`${f.name}: ${t(TEXT.compliant)}`} status="good" locale={locale} />
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

/** CTO-dashboard panel: compliance progress per framework. */
export function CompliancePanel({ frameworks, locale }: { frameworks: readonly ComplianceProgressItem[]; locale?: string }) {
  const { t } = useTranslation("governance");
  return (
    <Card
      title={
        <>
          {t(TEXT.title)} <Formula />
        </>
      }
      description={t(TEXT.description)}
      actions={<Link to="/governance/compliance">{t(TEXT.details)}</Link>}
      className="compliance-panel"
    >
      {frameworks.length === 0 ? (
        <EmptyState title={t(TEXT.empty)} whoMay={t(TEXT.who)}>
          <p>{t(TEXT.emptyBody)}</p>
        </EmptyState>
      ) : (
        <ComplianceProgressList frameworks={frameworks} locale={locale} />
      )}
    </Card>
  );
}

export { Formula as ComplianceFormula };
