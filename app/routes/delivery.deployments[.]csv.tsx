/** GET /delivery/deployments.csv?<the list's filters> — the filtered deployments, streamed, at most 100 000 rows. */
import { deliveryCsvLoader, DEPLOYMENTS_LIST } from "~/handlers/delivery-list.server";

export const loader = deliveryCsvLoader(DEPLOYMENTS_LIST);
