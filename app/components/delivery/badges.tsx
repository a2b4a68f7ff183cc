import { Badge, type BadgeTone } from "~/components/ui/badge";

export const CAUSE_LABELS = {
  explicit: "Explicit",
  inferred: "Inferred",
  none: "Cleared",
} as const;

/** How an incident's cause was set: explicit (a person or the API), inferred (the contract's rule), cleared. */
export function CauseKindBadge({ kind }: { kind: "explicit" | "inferred" | "none" | null }) {
  if (kind === null)
    return (
      <Badge tone="neutral" srPrefix="Cause: ">
        no cause
      </Badge>
    );
  const tone: BadgeTone = kind === "explicit" ? "accent" : kind === "inferred" ? "info" : "neutral";
  const title =
    kind === "inferred"
      ? "Inferred: the latest successful production deployment of the service finished at or before the incident started"
      : kind === "explicit"
        ? "Set by a person or the API"
        : "A person cleared the cause: no deployment caused this incident";
  return (
    <Badge tone={tone} srPrefix="Cause: " title={title}>
      {kind === "inferred" ? "inferred" : kind === "explicit" ? "explicit" : "cleared"}
    </Badge>
  );
}

export function DeploymentStatusBadge({ status }: { status: "success" | "failure" }) {
  return (
    <Badge tone={status === "success" ? "good" : "bad"} srPrefix="Status: ">
      {status === "success" ? "success" : "failure"}
    </Badge>
  );
}

const SEVERITY_TONES: Record<string, BadgeTone> = { SEV1: "bad", SEV2: "warn", SEV3: "info", SEV4: "neutral" };

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <Badge tone={SEVERITY_TONES[severity] ?? "neutral"} srPrefix="Severity: ">
      {severity}
    </Badge>
  );
}

export function IncidentStateBadge({ resolvedAt }: { resolvedAt: number | null }) {
  return resolvedAt === null ? (
    <Badge tone="bad" srPrefix="State: ">
      open
    </Badge>
  ) : (
    <Badge tone="good" srPrefix="State: ">
      resolved
    </Badge>
  );
}
