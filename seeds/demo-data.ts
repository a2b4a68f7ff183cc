/**
 * Static content of the InnovaTech Solutions demo data set, taken from the strategy documents
 * in /work/shared/seeds (000: IT strategy 2024; 002: operating plan, hiring plan, dashboards,
 * decision gates; 004: squads, success metrics with quarterly targets, risk table).
 * Dates here are offsets relative to the seed's anchor day; demo.ts turns them into dates.
 */
import type { schema } from "../db/client";

type S = typeof schema;
export type RoleName = S["ROLES"][number];
export type RiskCategory = S["RISK_CATEGORIES"][number];
export type RiskTreatment = S["RISK_TREATMENTS"][number];
export type RiskStatus = S["RISK_STATUSES"][number];
export type Priority = S["PRIORITIES"][number];
export type RequirementStatus = S["REQUIREMENT_STATUSES"][number];
export type RequirementResult = S["REQUIREMENT_RESULTS"][number];
export type MaturityIndicator = S["MATURITY_INDICATORS"][number];
export type GateOperator = S["GATE_OPERATORS"][number];

export const DEMO_PASSWORD = "innovatech-demo";
/** The demo company's name (an empty install has none until /setup). */
export const DEMO_COMPANY_NAME = "InnovaTech Solutions";

// ---------------------------------------------------------------- teams

export const TEAMS = [
  { name: "Core", isTech: true },
  { name: "Frontend", isTech: true },
  { name: "Mobile", isTech: true },
  { name: "Payments", isTech: true },
  { name: "AI/Data", isTech: true },
  { name: "Platform", isTech: true },
  { name: "Sales", isTech: false },
  { name: "Marketing", isTech: false },
  { name: "Customer Success", isTech: false },
  { name: "Operations", isTech: false },
] as const;

export type TeamName = (typeof TEAMS)[number]["name"];

// ---------------------------------------------------------------- users

export type UserKey = "ceo" | "cto" | "lead" | "leadPayments" | "leadAi" | "viewer";

export const DEMO_USERS: readonly {
  key: UserKey;
  email: string;
  name: string;
  role: RoleName;
  team: TeamName | null;
  /** the README's four logins read English; the others the company's default (French) */
  language: "en" | "fr" | null;
}[] = [
  { key: "ceo", email: "ceo@innovatech.test", name: "Camille Laurent", role: "ceo", team: "Operations", language: "en" },
  { key: "cto", email: "cto@innovatech.test", name: "Julien Moreau", role: "cto", team: "Platform", language: "en" },
  { key: "lead", email: "lead@innovatech.test", name: "Léa Dubois", role: "lead", team: "Core", language: "en" },
  { key: "leadPayments", email: "lead.payments@innovatech.test", name: "Karim Benali", role: "lead", team: "Payments", language: null },
  { key: "leadAi", email: "lead.ai@innovatech.test", name: "Inès Haddad", role: "lead", team: "AI/Data", language: null },
  { key: "viewer", email: "viewer@innovatech.test", name: "Claire Vidal", role: "viewer", team: null, language: "en" },
];

/** The four logins of the README (one per role). */
export const DEMO_LOGINS = ["ceo@innovatech.test", "cto@innovatech.test", "lead@innovatech.test", "viewer@innovatech.test"] as const;

// ---------------------------------------------------------------- employees

/**
 * 25 people today (000: "25 employés"), with the "3 développeurs full-stack" of 000, plus two
 * who left during the period. startMonthsAgo / endMonthsAgo count months before the current month.
 */
export const EMPLOYEES: readonly {
  name: string;
  team: TeamName;
  title: string;
  salaryK: number;
  startMonthsAgo: number;
  startDay: number;
  endMonthsAgo?: number;
}[] = [
  { name: "Camille Laurent", team: "Operations", title: "CEO & co-founder", salaryK: 90, startMonthsAgo: 40, startDay: 1 },
  { name: "Julien Moreau", team: "Platform", title: "CTO & co-founder", salaryK: 88, startMonthsAgo: 40, startDay: 1 },
  { name: "Hugo Lefèvre", team: "Core", title: "Full-stack Developer", salaryK: 58, startMonthsAgo: 34, startDay: 1 },
  { name: "Léa Dubois", team: "Core", title: "Tech Lead, Core squad", salaryK: 74, startMonthsAgo: 30, startDay: 1 },
  { name: "Thomas Petit", team: "Operations", title: "COO & CFO", salaryK: 78, startMonthsAgo: 28, startDay: 1 },
  { name: "Chloé Martin", team: "Frontend", title: "Full-stack Developer", salaryK: 55, startMonthsAgo: 26, startDay: 1 },
  { name: "Inès Haddad", team: "AI/Data", title: "Data & ML Lead", salaryK: 78, startMonthsAgo: 24, startDay: 1 },
  { name: "Karim Benali", team: "Payments", title: "Payments Lead", salaryK: 70, startMonthsAgo: 22, startDay: 1 },
  { name: "Élodie Chevalier", team: "Sales", title: "Head of Sales", salaryK: 75, startMonthsAgo: 20, startDay: 1 },
  { name: "Nicolas Gauthier", team: "Operations", title: "Office & People Manager", salaryK: 46, startMonthsAgo: 19, startDay: 1 },
  { name: "Nathan Roux", team: "Payments", title: "Full-stack Developer", salaryK: 56, startMonthsAgo: 18, startDay: 1 },
  { name: "Juliette Perrin", team: "Marketing", title: "Marketing Manager", salaryK: 56, startMonthsAgo: 16, startDay: 1 },
  { name: "Antoine Rousseau", team: "Frontend", title: "Product Manager", salaryK: 60, startMonthsAgo: 15, startDay: 1 },
  { name: "Zoé Mathieu", team: "Customer Success", title: "Customer Success Manager", salaryK: 48, startMonthsAgo: 14, startDay: 1 },
  { name: "Lucas Mercier", team: "Platform", title: "DevOps Engineer (AWS, Kubernetes)", salaryK: 62, startMonthsAgo: 13, startDay: 1 },
  { name: "Pauline Garnier", team: "Frontend", title: "Product Designer", salaryK: 52, startMonthsAgo: 12, startDay: 1 },
  { name: "Maxime Girard", team: "AI/Data", title: "ML Engineer", salaryK: 64, startMonthsAgo: 11, startDay: 1 },
  { name: "Romain Faure", team: "Sales", title: "Account Executive", salaryK: 54, startMonthsAgo: 10, startDay: 1 },
  { name: "Manon Lambert", team: "Mobile", title: "Mobile Developer (Flutter)", salaryK: 54, startMonthsAgo: 9, startDay: 1 },
  { name: "Alexandre Morel", team: "Marketing", title: "Growth Marketer", salaryK: 48, startMonthsAgo: 8, startDay: 1 },
  { name: "Emma Fontaine", team: "AI/Data", title: "Data Engineer", salaryK: 58, startMonthsAgo: 7, startDay: 1 },
  { name: "Mehdi Saïd", team: "Sales", title: "Business Developer (SDR)", salaryK: 45, startMonthsAgo: 6, startDay: 1 },
  { name: "Théo Bonnet", team: "Frontend", title: "Frontend Developer (React)", salaryK: 50, startMonthsAgo: 5, startDay: 1 },
  { name: "Laura Blanc", team: "Sales", title: "Account Executive, DACH", salaryK: 58, startMonthsAgo: 4, startDay: 1 },
  { name: "Sarah Cohen", team: "Core", title: "QA Engineer", salaryK: 48, startMonthsAgo: 3, startDay: 15 },
  // left during the period
  { name: "Baptiste Henry", team: "Core", title: "Backend Developer (Python)", salaryK: 52, startMonthsAgo: 25, startDay: 1, endMonthsAgo: 8 },
  { name: "Alice Renaud", team: "Sales", title: "Sales Development Representative", salaryK: 45, startMonthsAgo: 17, startDay: 1, endMonthsAgo: 5 },
];

// ---------------------------------------------------------------- delivery

export const SERVICES: readonly {
  name: string;
  team: TeamName;
  /** share of the deployments */
  weight: number;
  failureRate: number;
  incidentRate: number;
  incidentTitles: readonly string[];
}[] = [
  {
    name: "api-gateway",
    team: "Core",
    weight: 14,
    failureRate: 0.05,
    incidentRate: 0.052,
    incidentTitles: ["5xx spike on /v1 routes", "Rate limiter rejecting valid tenants", "Gateway timeouts after config change"],
  },
  {
    name: "auth-service",
    team: "Core",
    weight: 6,
    failureRate: 0.04,
    incidentRate: 0.062,
    incidentTitles: ["SSO login loop for SAML tenants", "Token refresh failing", "Password reset emails not sent"],
  },
  {
    name: "web-app",
    team: "Frontend",
    weight: 18,
    failureRate: 0.06,
    incidentRate: 0.042,
    incidentTitles: ["Dashboard blank page on Safari", "Checkout button unresponsive", "Broken layout on reports page"],
  },
  {
    name: "admin-dashboard",
    team: "Frontend",
    weight: 7,
    failureRate: 0.05,
    incidentRate: 0.031,
    incidentTitles: ["Admin exports timing out", "Tenant settings not saved"],
  },
  {
    name: "mobile-app",
    team: "Mobile",
    weight: 4,
    failureRate: 0.09,
    incidentRate: 0.062,
    incidentTitles: ["Crash on app start (Android 14)", "Offline sync duplicating records"],
  },
  {
    name: "payments-service",
    team: "Payments",
    weight: 10,
    failureRate: 0.06,
    incidentRate: 0.083,
    incidentTitles: ["Card payments declined (3DS2 flow)", "Double charge on retry", "Stripe webhook backlog"],
  },
  {
    name: "billing-service",
    team: "Payments",
    weight: 6,
    failureRate: 0.05,
    incidentRate: 0.062,
    incidentTitles: ["Invoices generated with wrong VAT", "Multi-currency rounding error"],
  },
  {
    name: "ml-pipeline",
    team: "AI/Data",
    weight: 9,
    failureRate: 0.1,
    incidentRate: 0.073,
    incidentTitles: ["Nightly training job failed", "Feature store stale data", "Model drift alert on scoring model"],
  },
  {
    name: "recommendation-api",
    team: "AI/Data",
    weight: 7,
    failureRate: 0.07,
    incidentRate: 0.062,
    incidentTitles: ["Recommendation latency p95 > 2 s", "Empty recommendations for new tenants"],
  },
  {
    name: "notifications",
    team: "Platform",
    weight: 6,
    failureRate: 0.04,
    incidentRate: 0.042,
    incidentTitles: ["Push notifications delayed", "Email queue stuck"],
  },
  {
    name: "tenant-manager",
    team: "Platform",
    weight: 5,
    failureRate: 0.05,
    incidentRate: 0.052,
    incidentTitles: ["New tenant provisioning stuck", "Custom domain TLS not issued"],
  },
];

/** Incidents not caused by a deployment of ours (the cause is cleared: causeKind "none"). */
export const EXTERNAL_INCIDENTS: readonly { service: string; title: string; severity: "SEV1" | "SEV2" | "SEV3" | "SEV4"; daysAgo: number; hours: number }[] = [
  { service: "payments-service", title: "Stripe API degraded (provider incident)", severity: "SEV2", daysAgo: 47, hours: 1.6 },
  { service: "api-gateway", title: "AWS eu-west-3 network degradation", severity: "SEV1", daysAgo: 19, hours: 0.9 },
];

// ---------------------------------------------------------------- risks

export type RiskSeed = {
  title: string;
  description: string;
  category: RiskCategory;
  inherent: readonly [likelihood: number, impact: number];
  residual: readonly [likelihood: number, impact: number];
  owner: UserKey;
  treatment: RiskTreatment;
  mitigationPlan: string;
  status: RiskStatus;
  /** days from the anchor day; negative = overdue */
  reviewInDays: number;
  proposedBy?: UserKey;
};

/**
 * 000 "GESTION DES RISQUES": technical VERY HIGH, financial CRITICAL, market HIGH, competitive MAXIMUM,
 * operational MEDIUM. Scores (likelihood × impact): maximum 25, critical 20, very high 16–20,
 * high 12, medium 6–9 (bands: critical 20–25, high 10–16, medium 5–9).
 * Then 004's risk table (impact / probability High=4, Medium=3, Low=2) and a few of our own.
 */
export const RISKS: readonly RiskSeed[] = [
  {
    title: "Emerging technologies (AI, blockchain, IoT) not production-ready",
    description: "IT strategy: technical risk VERY HIGH. Fast-moving AI/ML stack, immature libraries, innovation before stability.",
    category: "technical",
    inherent: [4, 5],
    residual: [4, 4],
    owner: "cto",
    treatment: "mitigate",
    mitigationPlan: "Feature flags and progressive rollout on every ML feature; architecture review monthly; spike budget in R&D.",
    status: "open",
    reviewInDays: 12,
  },
  {
    title: "Dependence on financing: runway shrinks with the hiring plan",
    description: "IT strategy: financial risk CRITICAL. Burn ~200 k€/month; the plan to 100 people multiplies it.",
    category: "financial",
    inherent: [5, 5],
    residual: [4, 5],
    owner: "ceo",
    treatment: "mitigate",
    mitigationPlan: "Monthly runway review with the board; hiring gated on revenue growth; Series B preparation from next quarter.",
    status: "open",
    reviewInDays: -6,
  },
  {
    title: "Tech-sector volatility slows enterprise AI purchases",
    description: "IT strategy: market risk HIGH.",
    category: "market",
    inherent: [4, 4],
    residual: [3, 4],
    owner: "ceo",
    treatment: "mitigate",
    mitigationPlan: "Diversify segments and countries; annual contracts with pilots converted in < 90 days.",
    status: "monitoring",
    reviewInDays: 21,
  },
  {
    title: "50+ similar start-ups: permanent disruption",
    description: "IT strategy: competitive risk MAXIMUM. Fierce competition from 50+ similar start-ups.",
    category: "competitive",
    inherent: [5, 5],
    residual: [5, 4],
    owner: "ceo",
    treatment: "accept",
    mitigationPlan: "Ship one new product a month; differentiate on ethical AI and EU data residency; competitive watch every sprint.",
    status: "open",
    reviewInDays: 9,
  },
  {
    title: "Operational continuity with a small expert team",
    description: "IT strategy: operational risk MEDIUM (expert team, 80 % outsourced services).",
    category: "operational",
    inherent: [3, 3],
    residual: [2, 3],
    owner: "cto",
    treatment: "mitigate",
    mitigationPlan: "Runbooks for the top 10 services; on-call rotation; vendor SLAs reviewed yearly.",
    status: "monitoring",
    reviewInDays: 30,
  },
  // 004 risk table
  {
    title: "Database scaling",
    description: "Product plan: impact High, probability Medium.",
    category: "technical",
    inherent: [3, 4],
    residual: [2, 4],
    owner: "lead",
    treatment: "mitigate",
    mitigationPlan: "Read replicas, sharding prepared; query budget per endpoint.",
    status: "open",
    reviewInDays: 16,
  },
  {
    title: "Payment fraud",
    description: "Product plan: impact High, probability Medium.",
    category: "security",
    inherent: [3, 4],
    residual: [2, 4],
    owner: "leadPayments",
    treatment: "mitigate",
    mitigationPlan: "ML fraud detection + 3D Secure 2 (adaptive); velocity checks and automatic blocklist.",
    status: "open",
    reviewInDays: 25,
  },
  {
    title: "Mobile offline latency",
    description: "Product plan: impact Medium, probability High.",
    category: "technical",
    inherent: [4, 3],
    residual: [3, 3],
    owner: "cto",
    treatment: "mitigate",
    mitigationPlan: "Offline-first storage with optimised bidirectional sync.",
    status: "open",
    reviewInDays: -13,
  },
  {
    title: "Multi-currency complexity",
    description: "Product plan: impact Medium, probability Medium.",
    category: "operational",
    inherent: [3, 3],
    residual: [2, 3],
    owner: "leadPayments",
    treatment: "mitigate",
    mitigationPlan: "Exhaustive tests, sandbox per currency, rounding rules reviewed by finance.",
    status: "monitoring",
    reviewInDays: 40,
  },
  {
    title: "Low adoption of AI features",
    description: "Product plan: impact Low, probability Medium.",
    category: "market",
    inherent: [3, 2],
    residual: [2, 2],
    owner: "leadAi",
    treatment: "mitigate",
    mitigationPlan: "A/B testing, progressive rollout, in-app onboarding for each new feature.",
    status: "monitoring",
    reviewInDays: 33,
  },
  // ours
  {
    title: "Hiring rare talent fast enough (ML, SRE)",
    description: "A major challenge of the IT strategy: recruiting rare talent while scaling to 100 people.",
    category: "people",
    inherent: [4, 4],
    residual: [3, 4],
    owner: "ceo",
    treatment: "mitigate",
    mitigationPlan: "Referral bonus, tech-community presence, remote-first hiring across the EU.",
    status: "open",
    reviewInDays: 7,
  },
  {
    title: "Key-person dependency on three full-stack developers",
    description: "IT strategy: minimal IT team of 3 full-stack developers; knowledge concentrated.",
    category: "people",
    inherent: [3, 4],
    residual: [3, 3],
    owner: "cto",
    treatment: "mitigate",
    mitigationPlan: "Pairing, documented ownership per service, second owner for each critical service.",
    status: "open",
    reviewInDays: 20,
  },
  {
    title: "ISO 27001 not certified before enterprise renewals",
    description: "Customers require ISO 27001 (IT strategy: in progress).",
    category: "compliance",
    inherent: [3, 4],
    residual: [2, 4],
    owner: "cto",
    treatment: "mitigate",
    mitigationPlan: "ISMS scope signed, Annex A controls tracked in the compliance page, external audit booked.",
    status: "open",
    reviewInDays: 45,
  },
  {
    title: "Growing technical debt slows delivery",
    description: "A major challenge of the IT strategy: managing technical debt while keeping velocity.",
    category: "technical",
    inherent: [4, 3],
    residual: [3, 3],
    owner: "lead",
    treatment: "mitigate",
    mitigationPlan: "20 % of each sprint on debt; debt register reviewed at the architecture review.",
    status: "monitoring",
    reviewInDays: 18,
  },
  {
    title: "Single AWS region for all production workloads",
    description: "Proposed by the Core squad after the eu-west-3 degradation.",
    category: "operational",
    inherent: [2, 5],
    residual: [2, 5],
    owner: "lead",
    treatment: "mitigate",
    mitigationPlan: "Evaluate warm standby in eu-central-1 for api-gateway and auth-service.",
    status: "proposed",
    reviewInDays: 14,
    proposedBy: "lead",
  },
];

// ---------------------------------------------------------------- governance

export const REQUIREMENTS: Record<
  "gdpr" | "iso27001" | "soc2",
  readonly { ref: string; title: string; status: RequirementStatus; result: RequirementResult | null; owner: UserKey }[]
> = {
  // 000: "RGPD: Compliance de base"
  gdpr: [
    { ref: "Art. 5", title: "Principles relating to processing of personal data", status: "done", result: "compliant", owner: "ceo" },
    { ref: "Art. 6", title: "Lawfulness of processing (legal bases documented)", status: "done", result: "compliant", owner: "ceo" },
    { ref: "Art. 13", title: "Information provided to data subjects (privacy notice)", status: "done", result: "compliant", owner: "ceo" },
    { ref: "Art. 15-22", title: "Data subject rights (access, erasure, portability) process", status: "done", result: "partial", owner: "cto" },
    { ref: "Art. 25", title: "Data protection by design and by default", status: "in_progress", result: "partial", owner: "cto" },
    { ref: "Art. 28", title: "Processor agreements (DPAs) with all sub-processors", status: "done", result: "compliant", owner: "ceo" },
    { ref: "Art. 30", title: "Records of processing activities", status: "done", result: "compliant", owner: "ceo" },
    { ref: "Art. 32", title: "Security of processing", status: "in_review", result: "partial", owner: "cto" },
    { ref: "Art. 33-34", title: "Personal data breach notification (72 h to the CNIL)", status: "done", result: "compliant", owner: "cto" },
    { ref: "Art. 35", title: "Data protection impact assessment for the AI scoring models", status: "in_progress", result: null, owner: "leadAi" },
    { ref: "Art. 37", title: "Designation of a data protection officer", status: "todo", result: null, owner: "ceo" },
    { ref: "Art. 44-49", title: "Transfers to third countries (SCCs with US vendors)", status: "done", result: "partial", owner: "ceo" },
  ],
  // 000: "ISO 27001: En cours (exigence clients)"
  iso27001: [
    { ref: "4.3", title: "Scope of the information security management system", status: "done", result: "compliant", owner: "cto" },
    { ref: "6.1.2", title: "Information security risk assessment", status: "done", result: "compliant", owner: "cto" },
    { ref: "A.5.1", title: "Policies for information security", status: "done", result: "compliant", owner: "cto" },
    { ref: "A.5.9", title: "Inventory of information and other associated assets", status: "in_progress", result: "partial", owner: "cto" },
    { ref: "A.5.15", title: "Access control", status: "in_review", result: "partial", owner: "lead" },
    { ref: "A.5.23", title: "Information security for use of cloud services", status: "in_progress", result: null, owner: "cto" },
    { ref: "A.5.24", title: "Information security incident management planning", status: "done", result: "compliant", owner: "lead" },
    { ref: "A.5.30", title: "ICT readiness for business continuity", status: "todo", result: null, owner: "cto" },
    { ref: "A.6.3", title: "Information security awareness, education and training", status: "in_progress", result: "partial", owner: "ceo" },
    { ref: "A.8.2", title: "Privileged access rights", status: "in_progress", result: null, owner: "lead" },
    { ref: "A.8.5", title: "Secure authentication", status: "done", result: "compliant", owner: "lead" },
    { ref: "A.8.8", title: "Management of technical vulnerabilities", status: "in_progress", result: "partial", owner: "cto" },
    { ref: "A.8.13", title: "Information backup", status: "done", result: "compliant", owner: "cto" },
    { ref: "A.8.15", title: "Logging", status: "in_review", result: "partial", owner: "lead" },
    { ref: "A.8.16", title: "Monitoring activities", status: "done", result: "compliant", owner: "lead" },
    { ref: "A.8.24", title: "Use of cryptography", status: "done", result: "compliant", owner: "cto" },
    { ref: "A.8.25", title: "Secure development life cycle", status: "in_progress", result: null, owner: "lead" },
    { ref: "A.8.32", title: "Change management", status: "done", result: "compliant", owner: "lead" },
    { ref: "9.2", title: "Internal audit", status: "todo", result: null, owner: "ceo" },
    { ref: "9.3", title: "Management review", status: "todo", result: null, owner: "ceo" },
  ],
  // 000: "SOC 2: Prévu 2025" — planned for later
  soc2: [
    { ref: "CC1.1", title: "Commitment to integrity and ethical values", status: "todo", result: null, owner: "ceo" },
    { ref: "CC2.1", title: "Relevant, quality information supports internal control", status: "todo", result: null, owner: "ceo" },
    { ref: "CC3.1", title: "Objectives specified to identify and assess risks", status: "todo", result: null, owner: "ceo" },
    { ref: "CC6.1", title: "Logical access security software, infrastructure and architectures", status: "in_progress", result: null, owner: "cto" },
    { ref: "CC6.2", title: "User registration and authorization prior to access", status: "todo", result: null, owner: "cto" },
    { ref: "CC6.3", title: "Role-based access, least privilege and segregation of duties", status: "todo", result: null, owner: "cto" },
    { ref: "CC6.6", title: "Protection against threats from outside system boundaries", status: "todo", result: null, owner: "cto" },
    { ref: "CC7.1", title: "Detection of configuration changes and vulnerabilities", status: "todo", result: null, owner: "lead" },
    { ref: "CC7.2", title: "Monitoring of system components for anomalies", status: "in_progress", result: null, owner: "lead" },
    { ref: "CC7.3", title: "Evaluation of security events (incidents)", status: "todo", result: null, owner: "lead" },
    { ref: "CC8.1", title: "Change management: authorised, tested, approved changes", status: "in_progress", result: null, owner: "lead" },
    { ref: "CC9.2", title: "Vendor and business partner risk management", status: "todo", result: null, owner: "ceo" },
    { ref: "A1.2", title: "Availability: backup and recovery infrastructure", status: "todo", result: null, owner: "cto" },
  ],
};

/** 000 "INDICATEURS MATURITÉ", with the latest assessment matching the strategy's ratings. */
export const MATURITY_ASSESSMENTS: readonly {
  daysAgo: number;
  scores: Record<MaturityIndicator, number>;
  notes: Partial<Record<MaturityIndicator, string>>;
}[] = [
  {
    daysAgo: 270,
    scores: { process: 1, documentation: 1, governance: 1, controls: 1, audit: 1 },
    notes: { process: "Ad hoc; agility first.", documentation: "Code as documentation.", audit: "No audit." },
  },
  {
    daysAgo: 150,
    scores: { process: 2, documentation: 1, governance: 1, controls: 2, audit: 1 },
    notes: { process: "Weekly sprints and code review mandatory.", controls: "Automated tests and security scans in CI." },
  },
  {
    daysAgo: 30,
    scores: { process: 2, documentation: 2, governance: 2, controls: 2, audit: 1 },
    notes: {
      process: "Low: agility preferred (IT strategy).",
      documentation: "Minimal: runbooks for critical services only.",
      governance: "Light: quick decisions, monthly architecture review.",
      controls: "Basic and automated.",
      audit: "None yet; ISO 27001 internal audit planned.",
    },
  },
];

/**
 * 002 "Go/No-Go Decisions", adapted. Metric keys and units: see the metric contract
 * (cents for *_cents, fractions for rates, hours for times).
 */
export const GATES: readonly {
  name: string;
  description: string;
  dueInDays: number;
  criteria: readonly { metric: string; operator: GateOperator; threshold: number }[];
}[] = [
  {
    name: "Beta launch",
    description: "Operating plan: beta go with the MVP ready and 3+ testers (here: customers live on the product); otherwise a 1-month delay.",
    dueInDays: -340,
    criteria: [{ metric: "finance.customers", operator: ">=", threshold: 3 }],
  },
  {
    name: "Public launch",
    description: "Operating plan: public launch go with NPS above 60 and no critical (P0) bug; otherwise a 1-month iteration.",
    dueInDays: -265,
    criteria: [
      { metric: "kpi.nps", operator: ">", threshold: 60 },
      { metric: "kpi.bugs_p0", operator: "<=", threshold: 0 },
    ],
  },
  {
    name: "Series A readiness",
    description: "Operating plan: Series A go if 15+ customers and 100 k€ ARR; otherwise bridge + cost reduction.",
    dueInDays: -20,
    criteria: [
      { metric: "finance.customers", operator: ">=", threshold: 15 },
      { metric: "finance.arr", operator: ">=", threshold: 100_000_00 },
    ],
  },
  {
    name: "Hiring acceleration to 100 people",
    description: "Go for the full hiring plan only with 18+ months of runway, 5 %+ monthly growth and an efficient burn.",
    dueInDays: 14,
    criteria: [
      { metric: "finance.runway_months_with_hiring_plan", operator: ">=", threshold: 18 },
      { metric: "finance.revenue_growth", operator: ">=", threshold: 0.05 },
      { metric: "finance.burn_multiple", operator: "<=", threshold: 2 },
    ],
  },
  {
    name: "DORA elite delivery",
    description: "Performance targets of the IT strategy: 50+ deployments a day, lead time < 2 h, MTTR < 30 min, change failure rate < 5 %.",
    dueInDays: 45,
    criteria: [
      { metric: "delivery.deploys_per_day", operator: ">=", threshold: 50 },
      { metric: "delivery.lead_time_hours", operator: "<", threshold: 2 },
      { metric: "delivery.time_to_restore_hours", operator: "<", threshold: 0.5 },
      { metric: "delivery.change_failure_rate", operator: "<", threshold: 0.05 },
    ],
  },
  {
    name: "European expansion",
    description: "Operating plan: expansion go with 50+ customers and profitable (net burn ≤ 0); otherwise focus on France.",
    dueInDays: 160,
    criteria: [
      { metric: "finance.customers", operator: ">=", threshold: 50 },
      { metric: "finance.net_burn", operator: "<=", threshold: 0 },
      { metric: "finance.mrr", operator: ">=", threshold: 300_000_00 },
      { metric: "people.headcount", operator: ">=", threshold: 60 },
    ],
  },
];

// ---------------------------------------------------------------- metric targets

/**
 * The company's targets of catalogue metrics (metric_targets), open-ended (every cycle): delivery
 * targets set by the CTO (000: 50+ deployments a day, lead time < 2 h, MTTR < 30 min, change failure
 * rate < 5 %), finance targets by the CEO. Values in the metric's unit.
 */
export const METRIC_TARGETS: readonly { metricId: string; comparison: ">=" | ">" | "<=" | "<"; value: number; setBy: UserKey; note: string }[] = [
  { metricId: "delivery.deploys_per_day", comparison: ">=", value: 50, setBy: "cto", note: "Company delivery target" },
  { metricId: "delivery.lead_time_hours", comparison: "<", value: 2, setBy: "cto", note: "Company delivery target" },
  { metricId: "delivery.mttr_hours", comparison: "<", value: 0.5, setBy: "cto", note: "Company delivery target" },
  { metricId: "delivery.change_failure_rate", comparison: "<", value: 0.05, setBy: "cto", note: "Company delivery target" },
  { metricId: "finance.runway_months_with_hiring_plan", comparison: ">=", value: 18, setBy: "ceo", note: "Board guidance: 18 months of runway" },
  { metricId: "finance.burn_multiple", comparison: "<=", value: 2, setBy: "ceo", note: "Efficient growth" },
  { metricId: "finance.revenue_growth", comparison: ">=", value: 0.05, setBy: "ceo", note: "Monthly growth plan" },
];

// ---------------------------------------------------------------- KPIs

export type KpiSeed = {
  key: string;
  name: string;
  unit: string | null;
  direction: "higher" | "lower";
  category: "product" | "technical" | "business";
  description: string;
  /** "manual" (weekly measurements from `trend`), or the catalogue metric the KPI is (no measurements) */
  source: "manual" | "delivery.deploys_per_day" | "finance.customers";
  /** shown on the executive dashboard */
  pinned?: boolean;
  /** targets for the cycles, current, next */
  targets: readonly [number, number, number, number];
  /** weekly measurements: trend from → to over the measured period, noise sd, rounding */
  trend?: { from: number; to: number; sd: number; decimals: number; min?: number; max?: number };
  author: UserKey;
};

export const KPIS: readonly KpiSeed[] = [
  // 002 product dashboard
  {
    key: "sprint_velocity",
    name: "Sprint velocity",
    unit: "pts",
    direction: "higher",
    category: "product",
    description: "Story points completed per one-week sprint (operating plan product dashboard).",
    source: "manual",
    targets: [38, 42, 45, 50],
    trend: { from: 36, to: 47, sd: 3, decimals: 0, min: 20 },
    author: "lead",
  },
  {
    key: "bugs_p0",
    name: "Open bugs P0",
    unit: "bugs",
    direction: "lower",
    category: "product",
    description: "Open critical bugs at the end of the sprint (target 0).",
    source: "manual",
    targets: [0, 0, 0, 0],
    trend: { from: 0.8, to: 0.2, sd: 0.6, decimals: 0, min: 0 },
    author: "lead",
  },
  {
    key: "bugs_p1",
    name: "Open bugs P1",
    unit: "bugs",
    direction: "lower",
    category: "product",
    description: "Open high-priority bugs at the end of the sprint.",
    source: "manual",
    targets: [5, 4, 2, 2],
    trend: { from: 6, to: 2.5, sd: 1, decimals: 0, min: 0 },
    author: "lead",
  },
  {
    key: "bugs_p2",
    name: "Open bugs P2",
    unit: "bugs",
    direction: "lower",
    category: "product",
    description: "Open medium-priority bugs at the end of the sprint.",
    source: "manual",
    targets: [15, 12, 8, 8],
    trend: { from: 16, to: 9, sd: 2, decimals: 0, min: 0 },
    author: "lead",
  },
  {
    key: "test_coverage",
    name: "Test coverage",
    unit: "%",
    direction: "higher",
    category: "technical",
    description: "Line coverage of the automated tests across services (operating plan definition of done > 80 %; product plan targets).",
    source: "manual",
    targets: [80, 84, 88, 90],
    trend: { from: 78.5, to: 84.6, sd: 0.5, decimals: 1, max: 100 },
    author: "lead",
  },
  {
    key: "feature_adoption",
    name: "Feature adoption",
    unit: "%",
    direction: "higher",
    category: "product",
    description: "Share of active accounts using features released in the last 90 days.",
    source: "manual",
    targets: [50, 60, 68, 72],
    trend: { from: 51, to: 66, sd: 2, decimals: 0, max: 100 },
    author: "cto",
  },
  {
    key: "api_uptime",
    name: "API uptime",
    unit: "%",
    direction: "higher",
    category: "product",
    description: "Availability of the public API over the week (SLA 99.9 %).",
    source: "manual",
    targets: [99.9, 99.9, 99.9, 99.95],
    trend: { from: 99.9, to: 99.94, sd: 0.03, decimals: 2, max: 100 },
    author: "cto",
  },
  {
    key: "deploy_frequency",
    name: "Deployment frequency",
    unit: "per day",
    direction: "higher",
    category: "technical",
    description: "Successful production deployments per day, computed from the delivery data (IT strategy target: 50+/day).",
    source: "delivery.deploys_per_day",
    targets: [8, 12, 20, 50],
    author: "cto",
  },
  // 004 technical metrics
  {
    key: "uptime",
    name: "Platform uptime",
    unit: "%",
    direction: "higher",
    category: "technical",
    description: "Availability of the whole platform (IT strategy: 99.5 % acceptable; product plan targets 99.9 / 99.95).",
    source: "manual",
    targets: [99.5, 99.5, 99.9, 99.95],
    trend: { from: 99.52, to: 99.84, sd: 0.05, decimals: 2, max: 100 },
    author: "cto",
  },
  {
    key: "p95_response_time",
    name: "Response time p95",
    unit: "ms",
    direction: "lower",
    category: "technical",
    description: "95th percentile of API response time (product plan: 200 ms → 150 → 100).",
    source: "manual",
    targets: [220, 200, 150, 100],
    trend: { from: 215, to: 162, sd: 8, decimals: 0, min: 50 },
    author: "lead",
  },
  {
    key: "lighthouse",
    name: "Lighthouse score",
    unit: "pts",
    direction: "higher",
    category: "technical",
    description: "Lighthouse performance score of the web app (product plan: 75 → 90 → 95).",
    source: "manual",
    targets: [70, 75, 90, 95],
    trend: { from: 72, to: 84, sd: 2, decimals: 0, max: 100 },
    author: "cto",
  },
  // 004 business metrics
  {
    key: "active_customers",
    name: "Active customers",
    unit: "customers",
    direction: "higher",
    category: "business",
    description: "Paying customers at the last closed month, computed from the finance snapshots (product plan targets 25 → 50, adapted).",
    source: "finance.customers",
    targets: [12, 15, 25, 50],
    author: "ceo",
  },
  {
    key: "transactions_per_day",
    name: "API transactions per day",
    unit: "tx/day",
    direction: "higher",
    category: "business",
    description: "AI inference and API calls per day (product plan: 5 K → 15 K → 50 K).",
    source: "manual",
    targets: [3000, 5000, 15000, 50000],
    trend: { from: 3200, to: 12400, sd: 500, decimals: 0, min: 0 },
    author: "leadAi",
  },
  {
    key: "mau",
    name: "Monthly active users",
    unit: "users",
    direction: "higher",
    category: "business",
    description: "Distinct users of the platform over 30 days (product plan: 10 K → 50 K → 150 K).",
    source: "manual",
    targets: [8000, 10000, 50000, 150000],
    trend: { from: 7600, to: 36500, sd: 1200, decimals: 0, min: 0 },
    author: "ceo",
  },
  {
    key: "nps",
    name: "Net Promoter Score",
    unit: "pts",
    direction: "higher",
    category: "business",
    description: "NPS from the quarterly customer survey (product plan: 40 → 50 → 60).",
    source: "manual",
    pinned: true,
    targets: [35, 40, 50, 60],
    trend: { from: 38, to: 52, sd: 2.5, decimals: 0, min: -100, max: 100 },
    author: "ceo",
  },
  // the CEO's weekly view (operating plan): sales pipeline, close rate, support SLA, NPS — pinned
  {
    key: "sales_pipeline",
    name: "Qualified sales pipeline",
    unit: "k€",
    direction: "higher",
    category: "business",
    description: "Annual value of the qualified opportunities open in the CRM at the end of the week.",
    source: "manual",
    pinned: true,
    targets: [900, 1200, 2000, 3000],
    trend: { from: 850, to: 1900, sd: 60, decimals: 0, min: 0 },
    author: "ceo",
  },
  {
    key: "close_rate",
    name: "Close rate",
    unit: "%",
    direction: "higher",
    category: "business",
    description: "Qualified opportunities won ÷ qualified opportunities closed (won or lost), over the last 90 days.",
    source: "manual",
    pinned: true,
    targets: [18, 20, 25, 30],
    trend: { from: 17, to: 24, sd: 1.2, decimals: 1, min: 0, max: 100 },
    author: "ceo",
  },
  {
    key: "support_sla",
    name: "Support tickets within SLA",
    unit: "%",
    direction: "higher",
    category: "business",
    description: "Support tickets of the week answered within their SLA (first response: 4 business hours for P1, 1 day for P2).",
    source: "manual",
    pinned: true,
    targets: [90, 92, 95, 97],
    trend: { from: 89, to: 94.5, sd: 1, decimals: 1, min: 0, max: 100 },
    author: "ceo",
  },
];

// ---------------------------------------------------------------- hiring

export type RoleTemplate = {
  title: string;
  team: TeamName;
  profile: string;
  salaryK: readonly [number, number];
  priority: Priority;
  source: string;
};

/** 002 "Plan de Recrutement", adapted to InnovaTech (same profiles, salaries, sources and priorities). */
export const PLAN_002_ROLES: readonly RoleTemplate[] = [
  { title: "Lead Developer", team: "Core", profile: "5+ years, full-stack", salaryK: [65, 65], priority: "P0", source: "Network" },
  { title: "Backend Developer", team: "Core", profile: "3+ years, Python/Django", salaryK: [55, 55], priority: "P0", source: "Tech recruiter" },
  { title: "Frontend Developer", team: "Frontend", profile: "3+ years, React", salaryK: [55, 55], priority: "P0", source: "AngelList" },
  {
    title: "Enterprise Account Executive",
    team: "Sales",
    profile: "5+ years B2B enterprise AI/SaaS; + variable",
    salaryK: [52, 52],
    priority: "P0",
    source: "Specialist agency",
  },
  { title: "Customer Success Manager", team: "Customer Success", profile: "2+ years SaaS", salaryK: [45, 45], priority: "P1", source: "LinkedIn" },
  { title: "Marketing Manager", team: "Marketing", profile: "3+ years B2B", salaryK: [52, 52], priority: "P1", source: "Referral" },
  { title: "DevOps Engineer", team: "Platform", profile: "3+ years, AWS/Kubernetes", salaryK: [60, 60], priority: "P2", source: "Tech community" },
  { title: "VP Sales", team: "Sales", profile: "7+ years, scale-up; + variable", salaryK: [85, 85], priority: "P0", source: "Executive search" },
  { title: "Data Analyst", team: "AI/Data", profile: "2+ years, product analytics", salaryK: [52, 52], priority: "P2", source: "Universities" },
  { title: "Senior Developer", team: "Payments", profile: "5+ years, payments/fintech", salaryK: [65, 65], priority: "P1", source: "Tech partners" },
  { title: "Senior Developer", team: "AI/Data", profile: "5+ years, Python/ML platforms", salaryK: [65, 65], priority: "P1", source: "Tech partners" },
];

/** Roles to fill the rest of the plan toward 100 people, per team. */
export const ROLE_POOL: Record<TeamName, readonly Omit<RoleTemplate, "team">[]> = {
  Core: [
    { title: "Backend Engineer", profile: "3+ years, Node.js/Go", salaryK: [52, 62], priority: "P1", source: "Welcome to the Jungle" },
    { title: "Site Reliability Engineer", profile: "4+ years, Kubernetes, observability", salaryK: [60, 72], priority: "P1", source: "Tech community" },
    { title: "QA Automation Engineer", profile: "3+ years, Playwright, load testing", salaryK: [46, 54], priority: "P2", source: "LinkedIn" },
    { title: "Staff Engineer", profile: "8+ years, distributed systems", salaryK: [82, 95], priority: "P1", source: "Executive search" },
  ],
  Frontend: [
    { title: "Frontend Engineer", profile: "3+ years, React/TypeScript", salaryK: [48, 60], priority: "P1", source: "Welcome to the Jungle" },
    { title: "Product Designer", profile: "3+ years, B2B SaaS, design systems", salaryK: [48, 58], priority: "P2", source: "Referral" },
    { title: "Product Manager", profile: "4+ years, AI products", salaryK: [58, 70], priority: "P1", source: "LinkedIn" },
  ],
  Mobile: [
    { title: "Mobile Engineer", profile: "3+ years, Flutter", salaryK: [50, 60], priority: "P1", source: "Tech community" },
    { title: "Mobile Lead", profile: "6+ years, Flutter/React Native", salaryK: [68, 78], priority: "P1", source: "Network" },
  ],
  Payments: [
    { title: "Backend Engineer, Payments", profile: "3+ years, Stripe, billing", salaryK: [55, 64], priority: "P1", source: "Tech recruiter" },
    { title: "Fraud & Risk Engineer", profile: "4+ years, fraud detection", salaryK: [60, 70], priority: "P2", source: "LinkedIn" },
  ],
  "AI/Data": [
    { title: "ML Engineer", profile: "3+ years, PyTorch, MLOps", salaryK: [60, 75], priority: "P0", source: "Universities" },
    { title: "Data Engineer", profile: "3+ years, Kafka, ClickHouse", salaryK: [55, 65], priority: "P1", source: "Tech community" },
    { title: "Research Scientist, NLP", profile: "PhD, NLP / LLMs", salaryK: [70, 90], priority: "P1", source: "Universities" },
  ],
  Platform: [
    { title: "Platform Engineer", profile: "4+ years, Kubernetes, Terraform", salaryK: [58, 70], priority: "P1", source: "Tech community" },
    { title: "Security Engineer", profile: "4+ years, cloud security, ISO 27001", salaryK: [62, 75], priority: "P0", source: "Tech recruiter" },
  ],
  Sales: [
    { title: "Account Executive", profile: "3+ years SaaS sales; + variable", salaryK: [50, 60], priority: "P1", source: "LinkedIn" },
    { title: "Sales Development Representative", profile: "1+ year outbound", salaryK: [45, 48], priority: "P1", source: "Welcome to the Jungle" },
    { title: "Sales Engineer", profile: "4+ years pre-sales, AI/ML", salaryK: [58, 68], priority: "P1", source: "Referral" },
    { title: "Country Manager", profile: "8+ years, DACH/Iberia market opening", salaryK: [80, 95], priority: "P0", source: "Executive search" },
  ],
  Marketing: [
    { title: "Product Marketing Manager", profile: "4+ years B2B SaaS", salaryK: [55, 65], priority: "P1", source: "Referral" },
    { title: "Content Marketer", profile: "2+ years, EN/FR/DE", salaryK: [45, 52], priority: "P2", source: "LinkedIn" },
    { title: "Demand Generation Manager", profile: "3+ years paid & ABM", salaryK: [50, 58], priority: "P1", source: "Welcome to the Jungle" },
  ],
  "Customer Success": [
    { title: "Customer Success Manager", profile: "2+ years SaaS", salaryK: [45, 52], priority: "P1", source: "LinkedIn" },
    { title: "Support Engineer", profile: "2+ years technical support", salaryK: [45, 50], priority: "P2", source: "Welcome to the Jungle" },
    { title: "Solutions Architect", profile: "5+ years enterprise integrations", salaryK: [62, 72], priority: "P1", source: "Tech partners" },
  ],
  Operations: [
    { title: "Talent Acquisition Partner", profile: "3+ years tech recruiting", salaryK: [46, 55], priority: "P0", source: "LinkedIn" },
    { title: "Finance Controller", profile: "4+ years start-up finance", salaryK: [55, 65], priority: "P1", source: "Specialist agency" },
    { title: "Legal Counsel", profile: "5+ years tech/IP, GDPR", salaryK: [65, 80], priority: "P2", source: "Specialist agency" },
    { title: "IT & Security Officer", profile: "3+ years, ISO 27001 ISMS", salaryK: [55, 65], priority: "P1", source: "Tech recruiter" },
  ],
};

/** Requisitions per team (002 roles included) so that 25 people + 75 = 100 (settings: headcount target). */
export const REQUISITION_QUOTAS: Record<TeamName, number> = {
  Core: 9,
  Frontend: 7,
  Mobile: 5,
  Payments: 6,
  "AI/Data": 10,
  Platform: 6,
  Sales: 13,
  Marketing: 6,
  "Customer Success": 7,
  Operations: 6,
};
