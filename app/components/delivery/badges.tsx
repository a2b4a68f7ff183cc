import { useTranslation } from "react-i18next";
import { Badge, type BadgeTone } from "~/components/ui/badge";
import { N_ } from "~/i18n/mark";

export const CAUSE_LABELS = {
  explicit: N_("Explicit", "delivery"),
  inferred: N_("Inferred", "delivery"),
  none: N_("Cleared", "delivery"),
} as const;

/** How an incident's cause was set: explicit (a person or the API), inferred (the contract's rule), cleared. */
export function CauseKindBadge({ kind }: { kind: "explicit" | "inferred" | "none" | null }) {
  const { t } = useTranslation("delivery");
  if (kind === null)
    return (
      <Badge tone="neutral" srPrefix={t("Cause: ")}>
        {t("no cause")}
      </Badge>
    );
  const tone: BadgeTone = kind === "explicit" ? "accent" : kind === "inferred" ? "info" : "neutral";
  const title =
    kind === "inferred"
      ? t("Inferred: the latest successful production deployment of the service finished at or before the incident started")
      : kind === "explicit"
        ? t("Set by a person or the API")
        : t("A person cleared the cause: no deployment caused this incident");
  return (
    <Badge tone={tone} srPrefix={t("Cause: ")} title={title}>
      {kind === "inferred" ? t("inferred") : kind === "explicit" ? t("explicit") : t("cleared")}
    </Badge>
  );
}

export function DeploymentStatusBadge({ status }: { status: "success" | "failure" }) {
  const { t } = useTranslation("delivery");
  return (
    <Badge tone={status === "success" ? "good" : "bad"} srPrefix={t("Status: ")}>
      {status === "success" ? t("success") : t("failure")}
    </Badge>
  );
}

const SEVERITY_TONES: Record<string, BadgeTone> = { SEV1: "bad", SEV2: "warn", SEV3: "info", SEV4: "neutral" };

export function SeverityBadge({ severity }: { severity: string }) {
  const { t } = useTranslation("delivery");
  return (
    <Badge tone={SEVERITY_TONES[severity] ?? "neutral"} srPrefix={t("Severity: ")}>
      {severity}
    </Badge>
  );
}

export function IncidentStateBadge({ resolvedAt }: { resolvedAt: number | null }) {
  const { t } = useTranslation("delivery");
  return resolvedAt === null ? (
    <Badge tone="bad" srPrefix={t("State: ")}>
      {t("open")}
    </Badge>
  ) : (
    <Badge tone="good" srPrefix={t("State: ")}>
      {t("resolved")}
    </Badge>
  );
}
