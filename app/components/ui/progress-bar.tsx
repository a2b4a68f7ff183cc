import { useTranslation } from "react-i18next";
import { useFormatLocale } from "~/hooks/locale";
import { formatPercent, NO_DATA } from "~/lib/format";

export type ProgressStatus = "on_track" | "at_risk" | "off_track" | "good" | "warn" | "bad" | "neutral";

export type ProgressBarProps = {
  /** 0–1 (clamped); null = no data */
  value: number | null;
  /** accessible name, e.g. "Progress of Reach 15 customers" */
  label: string;
  /** colour meaning (default neutral accent) — same colours as StatusBadge */
  status?: ProgressStatus;
  /** 0–1: where the bar should be by now (drawn as a marker) */
  expected?: number | null;
  /** print the percentage beside the bar (default true) */
  showValue?: boolean;
  locale?: string;
  className?: string;
};

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** A horizontal progress bar (role="progressbar") with an optional "expected by now" marker. */
export function ProgressBar({ value, label, status = "neutral", expected, showValue = true, locale: givenLocale, className }: ProgressBarProps) {
  const { t } = useTranslation("common");
  const locale = useFormatLocale(givenLocale);
  const v = value === null || !Number.isFinite(value) ? null : clamp01(value);
  const e = expected === null || expected === undefined || !Number.isFinite(expected) ? null : clamp01(expected);
  const text = v === null ? t(NO_DATA) : formatPercent(v, 0, locale);
  const valueText = e === null ? text : t("{{value}} (expected {{expected}} by now)", { value: text, expected: formatPercent(e, 0, locale) });
  return (
    <div className={["progress", `progress--${status.replace("_", "-")}`, className].filter(Boolean).join(" ")}>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={v === null ? undefined : Math.round(v * 100)}
        aria-valuetext={valueText}
      >
        {v !== null ? <div className="progress__fill" style={{ width: `${(v * 100).toFixed(1)}%` }} /> : null}
        {e !== null ? (
          <div
            className="progress__expected"
            style={{ left: `${(e * 100).toFixed(1)}%` }}
            title={t("Expected by now: {{expected}}", { expected: formatPercent(e, 0, locale) })}
          />
        ) : null}
      </div>
      {showValue ? (
        <span className={v === null ? "progress__value progress__value--empty" : "progress__value"} aria-hidden="true">
          {text}
        </span>
      ) : null}
    </div>
  );
}
