/** GET /delivery/incidents.csv?<the list's filters> — the filtered incidents, streamed, at most 100 000 rows. */
import { deliveryCsvLoader, INCIDENTS_LIST } from "~/handlers/delivery-list.server";

export const loader = deliveryCsvLoader(INCIDENTS_LIST);
