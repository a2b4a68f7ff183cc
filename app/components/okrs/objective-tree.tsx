import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { metricAttributes } from "~/components/metrics/kpi-tile";
import { StatusBadge } from "~/components/metrics/status-badge";
import { Badge } from "~/components/ui/badge";
import { ProgressBar } from "~/components/ui/progress-bar";
import { formatPercent, type FormatOptions } from "~/lib/format";
import { formatKrRange, formatKrValue } from "~/lib/kr-format";
import { closingScoreBand, CLOSING_BAND_LABELS, type OkrStatus } from "~/lib/metrics/okrs";
import type { KrRow } from "./kr-row";
import { OkrFormulaTip } from "./okr-formula-tip";

export type TreeKr = KrRow & {
  weight: number;
  carriedFromId: number | null;
};

export type TreeNode = {
  id: number;
  title: string;
  teamName: string | null;
  ownerName: string | null;
  progress: number | null;
  expected: number;
  status: OkrStatus | null;
  keyResults: TreeKr[];
  children: TreeNode[];
};

const BAND_TONE = { green: "good", yellow: "warn", red: "bad" } as const;

/** The closing score of a closed cycle with its colour band. */
export function ClosingScore({ score, locale }: { score: number | null; locale: string }) {
  const { t } = useTranslation("okrs");
  if (score === null) return <Badge tone="neutral">{t("no score")}</Badge>;
  const band = closingScoreBand(score);
  return (
    <Badge tone={BAND_TONE[band]} srPrefix={t("Closing score: ")} title={t(CLOSING_BAND_LABELS[band])}>
      {(Math.round(score * 100) / 100).toLocaleString(locale, { minimumFractionDigits: 2 })}
    </Badge>
  );
}

function ObjectiveItem({ node, formatting, closed, depth }: { node: TreeNode; formatting: FormatOptions; closed: boolean; depth: number }) {
  const { t } = useTranslation("okrs");
  return (
    <li className={`okr-node okr-node--depth-${Math.min(depth, 3)}`} data-testid={`objective-${node.id}`}>
      <div className="okr-node__card">
        <div className="okr-node__head">
          <div className="okr-node__title">
            <Link to={`/okrs/${node.id}`}>{node.title}</Link>
            <span className="okr-node__meta">
              {node.teamName ?? t("Company")} · {node.ownerName ?? t("no owner")} · {t("{{count}} key results", { count: node.keyResults.length })}
            </span>
          </div>
          <div className="okr-node__status">
            {closed ? <ClosingScore score={node.progress} locale={formatting.locale} /> : <StatusBadge status={node.status} />}
          </div>
        </div>
        <ProgressBar
          value={node.progress}
          expected={closed ? null : node.expected}
          status={node.status ?? "neutral"}
          label={t("Progress of {{title}}", { title: node.title })}
          locale={formatting.locale}
        />
        {node.keyResults.length > 0 ? (
          <details className="okr-node__krs">
            <summary>{t("Key results")}</summary>
            <ul>
              {node.keyResults.map((kr) => (
                <li key={kr.id} className="okr-kr">
                  <Link to={`/okrs/kr/${kr.id}`}>{kr.title}</Link>
                  <span className="okr-kr__value">
                    <span {...metricAttributes(kr.metric ?? undefined)}>
                      {kr.currentValue === null ? t("no data") : formatKrValue(kr.kind, kr.currentValue, kr.unit, formatting, (x) => t(x))}
                    </span>{" "}
                    <span className="muted">({formatKrRange(kr, formatting, (x) => t(x))})</span>
                  </span>
                  <span className="okr-kr__progress">{kr.progress === null ? "—" : formatPercent(kr.progress, 0, formatting.locale)}</span>
                  <StatusBadge status={kr.status} />
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </div>
      {node.children.length > 0 ? (
        <ul className="okr-tree__children" aria-label={t("Aligned under {{title}}", { title: node.title })}>
          {node.children.map((child) => (
            <ObjectiveItem key={child.id} node={child} formatting={formatting} closed={closed} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Company objectives with the team objectives aligned under them; progress bars and status everywhere. */
export function ObjectiveTree({ roots, formatting, closed }: { roots: readonly TreeNode[]; formatting: FormatOptions; closed: boolean }) {
  const { t } = useTranslation("okrs");
  return (
    <div className="okr-tree">
      <p className="okr-tree__legend muted">
        {closed
          ? t("Closing scores (frozen when the cycle closed): 0.7+ green, 0.4–0.69 yellow, below red.")
          : t("Bars show progress; the marker shows where the objective should be by now.")}{" "}
        <OkrFormulaTip label={t("How progress and status are computed")} withKr />
      </p>
      <ul className="okr-tree__roots">
        {roots.map((n) => (
          <ObjectiveItem key={n.id} node={n} formatting={formatting} closed={closed} depth={0} />
        ))}
      </ul>
    </div>
  );
}
