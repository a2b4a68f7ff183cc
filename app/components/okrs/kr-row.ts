import type { MetricMark } from "~/components/metrics/kpi-tile";
import type { KrLike } from "~/lib/kr-format";
import type { OkrStatus } from "~/lib/metrics/okrs";

/** A key result as the OKR pages list it (`currentValue` null: a linked KR whose metric has no data). */
export type KrRow = KrLike & {
  id: number;
  title: string;
  progress: number | null;
  status: OkrStatus | null;
  /** a live linked KR: its metric's reading, unrounded (data-metric marks) */
  metric?: MetricMark | null;
  lastConfidence: number | null;
  ownerName: string | null;
};
