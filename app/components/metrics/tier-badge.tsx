import { useTranslation } from "react-i18next";
import { ValueBadge } from "~/components/ui/badge";
import { N_ } from "~/i18n/mark";
import type { Tier } from "~/lib/metrics/tiers";

export type { Tier };

const LABELS: Record<Tier, string> = { elite: N_("Elite"), high: N_("High"), medium: N_("Medium"), low: N_("Low") };

/** A DORA tier; null shows "no data" (never a made-up tier). */
export function TierBadge({ tier, srPrefix, className }: { tier: Tier | null | undefined; srPrefix?: string; className?: string }) {
  const { t } = useTranslation("common");
  return (
    <ValueBadge tone={tier ? `tier-${tier}` : null} srPrefix={srPrefix ?? t("DORA tier: ")} className={className}>
      {tier ? t(LABELS[tier]) : null}
    </ValueBadge>
  );
}
