import { useTranslation } from "react-i18next";
import { KpiTileGrid, type KpiTileItem } from "~/components/kpis/kpi-tile-grid";
import type { FormatOptions } from "~/lib/format";
import { EXECUTIVE_TEXT as TEXT } from "./executive-text";

type Fmt = FormatOptions;

/** The KPIs pinned to the executive dashboard (kpis.pinned): the product dashboard's tiles, the same figures. */
export function PinnedKpis({ pinned, fmt }: { pinned: { tiles: readonly KpiTileItem[]; cycle: { name: string } | null }; fmt: Fmt }) {
  const { t } = useTranslation("finance");
  if (pinned.tiles.length === 0) return null;
  return (
    <section aria-labelledby="pinned-kpis" data-testid="pinned-kpis">
      <h2 className="exec-section-title" id="pinned-kpis">
        {t(TEXT.pinned)}
      </h2>
      <p className="muted">{t(TEXT.pinnedHint)}</p>
      <KpiTileGrid tiles={pinned.tiles} formatting={fmt} cycleName={pinned.cycle?.name ?? null} />
    </section>
  );
}
