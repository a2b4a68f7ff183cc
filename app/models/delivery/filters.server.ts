/**
 * What the deployment and incident lists (and their CSV exports) filter on — the typed input of
 * listDeployments / listIncidents and their counts and exports. The URL parameters are parsed into
 * these by app/lib/schemas/delivery-filters.server.ts; no model reads a URL.
 */
import type { CauseKind, DeploymentStatus, Severity } from "~/lib/schemas/delivery.server";

/** What a list filter resolved to; names were looked up (unknown ones leave a notice). */
export type DeploymentFilter = {
  serviceIds?: number[];
  status?: DeploymentStatus;
  environment?: string;
  from?: number;
  to?: number;
  hotfix?: boolean;
  rollback?: boolean;
};

export type IncidentFilter = {
  serviceIds?: number[];
  severity?: Severity;
  state?: "open" | "resolved";
  cause?: CauseKind | "unset";
  from?: number;
  to?: number;
};
