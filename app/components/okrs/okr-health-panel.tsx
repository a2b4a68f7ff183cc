import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/metrics/status-badge";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { EmptyState } from "~/components/ui/empty-state";
import { ProgressBar } from "~/components/ui/progress-bar";
import { formatPercent } from "~/lib/format";
import type { OkrStatus } from "~/lib/metrics/okrs";
import { OkrFormulaTip } from "./okr-formula-tip";

/** What getOkrHealthPanel() (app/models/okrs.server.ts) returns, as the loader serialises it. */
export type OkrHealthPanelProps = {
  data: {
    cycle: { id: number; name: string; startDate: string; endDate: string } | null;
    objectives: { id: number; title: string; progress: number | null; expected: number; status: OkrStatus | null }[];
    counts: Record<OkrStatus, number>;
    /** company objectives in the cycle; more than `objectives` when only the furthest behind are listed */
    total?: number;
  };
  locale: string;
};

/** Executive dashboard panel: company objectives of the current cycle with progress and status. */
export function OkrHealthPanel({ data, locale }: OkrHealthPanelProps) {
  const { cycle, objectives, counts } = data;
  const { t } = useTranslation("okrs");
  return (
    <Card
      title={t("OKR health")}
      description={
        cycle ? (
          <>
            {t("Company objectives, {{cycle}} ({{start}} – {{end}})", { cycle: cycle.name, start: cycle.startDate, end: cycle.endDate })} ·{" "}
            <OkrFormulaTip label={t("How OKR progress and status are computed")} />
          </>
        ) : undefined
      }
      actions={<Link to={cycle ? `/okrs?cycle=${cycle.id}` : "/okrs"}>{t("All OKRs →")}</Link>}
      className="okr-health-panel"
    >
      {!cycle || objectives.length === 0 ? (
        <EmptyState title={t("No company objectives in the current cycle")} whoMay={t("CEO and CTO.")}>
          <p>{t("Create a cycle and its company objectives on the OKRs page.")}</p>
        </EmptyState>
      ) : (
        <>
          <p className="okr-health-panel__counts">
            <Badge tone="on-track">{t("{{count}} on track", { count: counts.on_track })}</Badge>
            <Badge tone="at-risk">{t("{{count}} at risk", { count: counts.at_risk })}</Badge>
            <Badge tone="off-track">{t("{{count}} off track", { count: counts.off_track })}</Badge>
          </p>
          <ul className="okr-health-panel__list" data-testid="okr-health-panel">
            {objectives.map((o) => (
              <li key={o.id} className="okr-health-panel__item">
                <div className="okr-health-panel__head">
                  <Link to={`/okrs/${o.id}`}>{o.title}</Link>
                  <StatusBadge status={o.status} />
                </div>
                <ProgressBar
                  value={o.progress}
                  expected={o.expected}
                  status={o.status ?? "neutral"}
                  label={t("Progress of {{title}}: {{value}}", {
                    title: o.title,
                    value: o.progress === null ? t("no data") : formatPercent(o.progress, 0, locale),
                  })}
                  locale={locale}
                />
              </li>
            ))}
          </ul>
          {data.total !== undefined && data.total > objectives.length ? (
            <p className="muted">
              {t("The {{shown}} furthest behind their pace, of {{count}} company objectives.", { shown: objectives.length, count: data.total })}{" "}
              <Link to={`/okrs?cycle=${cycle.id}`}>{t("All objectives")}</Link>
            </p>
          ) : null}
        </>
      )}
    </Card>
  );
}
