/** The CTO dashboard's read model: the DORA figures of the window, tech risks and compliance, whether any deployment exists. */
import type { CtoParams } from "~/lib/metrics/cto-window";
import { loadCtoDashboard } from "~/models/delivery-metrics/cto-dashboard.server";
import { hasAnyDeployment } from "~/models/delivery.server";
import { getCtoRiskPanels } from "~/models/live-metrics.server";
import type { Db } from "~/utils/db.server";

export function getCtoDashboard(db: Db, params: CtoParams) {
  return { ...loadCtoDashboard(db, params), riskPanels: getCtoRiskPanels(db), hasDeliveryData: hasAnyDeployment(db) };
}
