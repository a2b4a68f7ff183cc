import { Link } from "@remix-run/react";
import { ROADMAP_STATUS_LABELS, ROADMAP_STATUS_TONE, type RoadmapStatusName } from "~/components/roadmap/labels";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { formatPercent } from "~/lib/format";

export type RoadmapProgressView = { total: number; done: number; inProgress: number; dropped: number; share: number | null };

export function completionText(p: RoadmapProgressView, locale?: string): string {
  if (p.total === 0) return p.dropped ? "every item dropped" : "no item";
  return `${p.done} of ${p.total} done (${formatPercent(p.share ?? 0, 0, locale)})${p.inProgress ? `, ${p.inProgress} in progress` : ""}`;
}

/** The roadmap items serving a key result, and their completion (done ÷ items not dropped). */
export function KeyResultRoadmapPanel({
  items,
  progress,
  locale,
}: {
  items: readonly { id: number; key: string; title: string; teamName: string; quarter: string; status: RoadmapStatusName }[];
  progress: RoadmapProgressView;
  locale?: string;
}) {
  return (
    <Card title="Roadmap items serving it">
      {items.length === 0 ? (
        <p className="muted">
          No roadmap item serves this key result yet. <Link to="/roadmap">Roadmap</Link>
        </p>
      ) : (
        <>
          <p data-testid="kr-roadmap-completion">Completion: {completionText(progress, locale)}.</p>
          <ul className="plain-list">
            {items.map((i) => (
              <li key={i.id} data-roadmap-item={i.key}>
                <strong>{i.key}</strong> {i.title} <Badge tone={ROADMAP_STATUS_TONE[i.status]}>{ROADMAP_STATUS_LABELS[i.status]}</Badge>{" "}
                <span className="muted">
                  {i.teamName} · {i.quarter}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
