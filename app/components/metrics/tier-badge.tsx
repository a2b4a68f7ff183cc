import { Badge } from "~/components/ui/badge";
import type { Tier } from "~/lib/metrics/tiers";

export type { Tier };

const LABELS: Record<Tier, string> = { elite: "Elite", high: "High", medium: "Medium", low: "Low" };

/** A DORA tier; null shows "no data" (never a made-up tier). */
export function TierBadge({ tier, srPrefix = "DORA tier: ", className }: { tier: Tier | null | undefined; srPrefix?: string; className?: string }) {
  if (tier === null || tier === undefined) {
    return (
      <Badge tone="neutral" srPrefix={srPrefix} className={className}>
        no data
      </Badge>
    );
  }
  return (
    <Badge tone={`tier-${tier}`} srPrefix={srPrefix} className={className}>
      {LABELS[tier]}
    </Badge>
  );
}
