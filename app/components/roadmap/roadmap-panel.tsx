import { Link } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ROADMAP_STATUS_LABELS, ROADMAP_STATUS_TONE, type RoadmapStatusName } from "~/components/roadmap/labels";
import { Badge } from "~/components/ui/badge";
import { Card } from "~/components/ui/card";
import { formatPercent } from "~/lib/format";

export type RoadmapProgressView = { total: number; done: number; inProgress: number; dropped: number; share: number | null };

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** English when no t is given (a caller not translated yet): the key with its values filled in. */
const english: Translate = (key, options) => key.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(options?.[k] ?? ""));

/** "3 of 5 done (60 %), 1 in progress"; pass the page's t (any namespace: the texts are read in `plans`). */
export function completionText(p: RoadmapProgressView, locale?: string, translate?: TFunction): string {
  const t: Translate = translate ? (key, options) => translate(key, { ns: "plans", ...options }) : english;
  if (p.total === 0) return p.dropped ? t("every item dropped") : t("no item");
  const done = t("{{done}} of {{total}} done ({{share}})", { done: p.done, total: p.total, share: formatPercent(p.share ?? 0, 0, locale) });
  return p.inProgress ? `${done}${t(", {{count}} in progress", { count: p.inProgress })}` : done;
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
  const { t } = useTranslation("plans");
  return (
    <Card title={t("Roadmap items serving it")}>
      {items.length === 0 ? (
        <p className="muted">
          {t("No roadmap item serves this key result yet.")} <Link to="/roadmap">{t("Roadmap")}</Link>
        </p>
      ) : (
        <>
          <p data-testid="kr-roadmap-completion">{t("Completion: {{text}}.", { text: completionText(progress, locale, t) })}</p>
          <ul className="plain-list">
            {items.map((i) => (
              <li key={i.id} data-roadmap-item={i.key}>
                <strong>{i.key}</strong> {i.title} <Badge tone={ROADMAP_STATUS_TONE[i.status]}>{t(ROADMAP_STATUS_LABELS[i.status])}</Badge>{" "}
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
