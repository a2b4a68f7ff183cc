/**
 * Risk register queries and writes, and the metric rules that raise risks — one module per concern
 * under app/models/risks/ (list, writes, rules), the URL filters and form schema in app/lib/schemas/risks.server.ts.
 *
 * Scores and levels come from app/lib/metrics/risks.ts; the SQL only filters, sorts, counts and groups
 * with the same bands. Every write records an audit entry in the same transaction. Metric rules:
 * docs/decisions/600-metric-raised-risks.md.
 */
export * from "~/models/risks/list.server";
export * from "~/models/risks/writes.server";
export * from "~/models/risks/rules.server";
export * from "~/lib/schemas/risks.server";
