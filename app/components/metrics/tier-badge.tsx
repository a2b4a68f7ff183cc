import { useTranslation } from "react-i18next";
import { Badge } from "~/components/ui/badge";
import { N_ } from "~/i18n/mark";
import { NO_DATA } from "~/lib/format";
import type { Tier } from "~/lib/metrics/tiers";

export type { Tier };

const LABELS: Record<Tier, string> = { elite: N_("Elite"), high: N_("High"), medium: N_("Medium"), low: N_("Low") };

/** A DORA tier; null shows "no data" (never a made-up tier). */
export function TierBadge({ tier, srPrefix, className }: { tier: Tier | null | undefined; srPrefix?: string; className?: string }) {
  const { t } = useTranslation("common");
  srPrefix ??= t("DORA tier: ");
  if (tier === null || tier === undefined) {
    return (
      <Badge tone="neutral" srPrefix={srPrefix} className={className}>
        {t(NO_DATA)}
      </Badge>
    );
  }
  return (
    <Badge tone={`tier-${tier}`} srPrefix={srPrefix} className={className}>
      {t(LABELS[tier])}
    </Badge>
  );
}
