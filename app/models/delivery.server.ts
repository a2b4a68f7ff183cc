/** Delivery data: services, deployments (with commits) and incidents — one module per concern under app/models/delivery/ (ingest, csv, services, filters, deployments, incidents, list-page), the API input schemas in app/lib/schemas/delivery.server.ts, the list filters' URL parameters in app/lib/schemas/delivery-filters.server.ts. The DORA aggregations live in app/models/delivery-metrics/. */
export * from "~/lib/schemas/delivery.server";
export * from "~/lib/schemas/delivery-filters.server";
export * from "~/models/delivery/ingest.server";
export * from "~/models/delivery/csv.server";
export * from "~/models/delivery/services.server";
export * from "~/models/delivery/filters.server";
export * from "~/models/delivery/deployments.server";
export * from "~/models/delivery/incidents.server";
