/**
 * Finance queries, one module per concern under app/models/finance/ (metrics, forecast, budget, csv,
 * snapshots, executive) and the page schemas in app/lib/schemas/finance.server.ts. The SQL aggregations
 * feed the pure formulas of app/lib/metrics/finance.ts (never re-implemented here); every function runs a
 * bounded number of SQL statements whatever the data size.
 */
export * from "~/models/finance/metrics.server";
export * from "~/models/finance/forecast.server";
export * from "~/models/finance/budget.server";
export * from "~/models/finance/csv.server";
export * from "~/models/finance/snapshots.server";
export * from "~/models/finance/executive.server";
export * from "~/lib/schemas/finance.server";
