import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { SimpleTable } from "~/components/ui/simple-table";
import { Tooltip } from "~/components/ui/tooltip";
import { formatDate, type FormatOptions } from "~/lib/format";
import { metricLabelText } from "~/lib/metrics/catalogue";
import { formatGateValue } from "~/lib/metrics/gate-units";
import { CRITERION_OUTCOME_LABELS, FORMULAS, GATE_VERDICT_LABELS, type CriterionOutcome, type GateOperator, type GateVerdict } from "~/lib/metrics/governance";
import { OPERATOR_LABELS } from "./labels";

export type GateView = {
  id: number;
  name: string;
  description: string | null;
  dueDate: string;
  verdict: GateVerdict;
  criteria: {
    id: number;
    metric: string;
    label: string;
    operator: GateOperator;
    threshold: number;
    value: number | null;
    outcome: CriterionOutcome;
  }[];
  /** criteria a person checks; they count in the verdict as the metric criteria do */
  manual: { id: number; label: string; checked: boolean; checkedByName: string | null }[];
};

const manualLabel = (m: GateView["manual"][number], t: TFunction) =>
  m.checked ? (m.checkedByName ? t("Checked by {{name}}", { name: m.checkedByName }) : t("Checked")) : t("Not checked");

const VERDICT_TONE: Record<GateVerdict, "good" | "bad" | "neutral"> = { go: "good", no_go: "bad", pending: "neutral" };
const OUTCOME_TONE: Record<CriterionOutcome, "good" | "bad" | "neutral"> = { met: "good", not_met: "bad", no_data: "neutral" };

export function GateVerdictBadge({ verdict }: { verdict: GateVerdict }) {
  const { t } = useTranslation("governance");
  return (
    <Badge tone={VERDICT_TONE[verdict]} srPrefix={t("Verdict: ")}>
      <span data-testid="gate-verdict">{t(GATE_VERDICT_LABELS[verdict])}</span>
    </Badge>
  );
}

export function GateVerdictFormula() {
  const { t } = useTranslation("governance");
  return (
    <Tooltip
      label={t("How a gate's verdict is decided")}
      content={
        <>
          {t(FORMULAS.gate_verdict.formula)} {t("Window: {{window}}", { window: t(FORMULAS.gate_verdict.window) })}{" "}
          {t(
            "Each criterion names a metric of the catalogue: finance values come from the latest closed month (runway with the hiring plan from the forecast); delivery values from the last 90 days; headcount from today.",
          )}
        </>
      }
    />
  );
}

/** The criteria of one gate: metric, operator, threshold, current value, outcome. */
export function GateCriteriaTable({ gate, fmt }: { gate: GateView; fmt: Partial<FormatOptions> }) {
  const { t } = useTranslation("governance");
  if (gate.criteria.length === 0 && gate.manual.length === 0) return <p className="muted">{t("No criteria yet: the gate stays pending.")}</p>;
  return (
    <SimpleTable
      className="gate-criteria"
      caption={t("Criteria of {{name}}", { name: gate.name })}
      columns={[t("Metric"), { label: t("Needs"), num: "num" }, { label: t("Now"), num: "num" }, t("Outcome")]}
    >
      {gate.criteria.map((c) => (
        <tr key={c.id}>
          <th scope="row">{metricLabelText(t, c.metric, c.label)}</th>
          <td className="nowrap num">
            {OPERATOR_LABELS[c.operator]} {formatGateValue(c.metric, c.threshold, fmt, c.value, t)}
          </td>
          <td className={c.value === null ? "nowrap num muted" : "nowrap num"} data-testid="criterion-value" data-metric={c.metric} data-value={c.value ?? ""}>
            {formatGateValue(c.metric, c.value, fmt, c.threshold, t)}
          </td>
          <td>
            <Badge tone={OUTCOME_TONE[c.outcome]}>{t(CRITERION_OUTCOME_LABELS[c.outcome])}</Badge>
          </td>
        </tr>
      ))}
      {gate.manual.map((m) => (
        <tr key={`manual-${m.id}`} data-testid="manual-criterion">
          <th scope="row">{m.label}</th>
          <td className="nowrap num">{t("checked")}</td>
          <td className="nowrap num muted">{t("manual")}</td>
          <td>
            <Badge tone={m.checked ? "good" : "neutral"}>{manualLabel(m, t)}</Badge>
          </td>
        </tr>
      ))}
    </SimpleTable>
  );
}

/** Executive-dashboard panel: each decision gate with its live verdict. */
export function GatesPanel({ gates, fmt }: { gates: readonly GateView[]; fmt: FormatOptions }) {
  const { t } = useTranslation("governance");
  return (
    <Card
      title={
        <>
          {t("Decision gates")} <GateVerdictFormula />
        </>
      }
      description={t("Go / no-go on live metrics, evaluated now.")}
      actions={<Link to="/governance/gates">{t("All gates")}</Link>}
      className="gates-panel"
    >
      {gates.length === 0 ? (
        <EmptyState title={t("No decision gate yet")} whoMay={t("The CEO.")}>
          <p>{t("Add a gate with its due date and criteria on the Decision gates page.")}</p>
        </EmptyState>
      ) : (
        <ul className="gates-list">
          {gates.map((g) => (
            <li key={g.id} className="gates-list__item" data-testid={`gate-${g.id}`}>
              <p className="gates-list__head">
                <Link to={`/governance/gates#gate-${g.id}`}>{g.name}</Link> <GateVerdictBadge verdict={g.verdict} />{" "}
                <span className="muted gates-list__due">{t("due {{date}}", { date: formatDate(g.dueDate, fmt.timeZone, fmt.locale) })}</span>
              </p>
              <ul className="gates-list__criteria">
                {g.criteria.map((c) => (
                  <li key={c.id} className="gates-list__criterion">
                    <Badge tone={OUTCOME_TONE[c.outcome]}>{t(CRITERION_OUTCOME_LABELS[c.outcome])}</Badge>{" "}
                    <span>
                      {metricLabelText(t, c.metric, c.label)} {OPERATOR_LABELS[c.operator]} {formatGateValue(c.metric, c.threshold, fmt, c.value, t)} —{" "}
                      {t("now")}{" "}
                      <span data-metric={c.metric} data-value={c.value ?? ""}>
                        {formatGateValue(c.metric, c.value, fmt, c.threshold, t)}
                      </span>
                    </span>
                  </li>
                ))}
                {g.manual.map((m) => (
                  <li key={`manual-${m.id}`} className="gates-list__criterion" data-testid="manual-criterion">
                    <Badge tone={m.checked ? "good" : "neutral"}>{m.checked ? t("Checked") : t("Not checked")}</Badge>{" "}
                    <span>
                      {m.label}
                      {m.checked && m.checkedByName ? <span className="muted"> · {m.checkedByName}</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
