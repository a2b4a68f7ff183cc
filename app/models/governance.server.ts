/**
 * Governance: compliance frameworks and requirements, IT-maturity assessments, decision gates —
 * one module per concern under app/models/governance/, the input schemas in
 * app/lib/schemas/governance.server.ts; this name re-exports them.
 * "Compliance" here is regulatory/standards compliance (GDPR, ISO 27001, SOC 2) — nothing to
 * do with the DORA delivery metrics. Every write records an audit entry in its transaction.
 */
export * from "~/models/governance/compliance.server";
export * from "~/models/governance/maturity.server";
export * from "~/models/governance/gates.server";
export * from "~/lib/schemas/governance.server";
