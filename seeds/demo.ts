/**
 * The InnovaTech Solutions demo data set, built deterministically from a fixed PRNG seed and an
 * anchor day (`now` truncated to the UTC day): same `now` (same day) → same data.
 * Everything is written in one transaction (seeds/demo/run.ts, `seedDemo`); seeding a database that already
 * holds the demo (or any users or business data) writes nothing. One module per domain under seeds/demo/.
 */
export * from "./demo/calendar";
export * from "./demo/hiring";
export * from "./demo/finance";
export * from "./demo/run";
export * from "./demo/delivery";
export * from "./demo/okrs";
export * from "./demo/kpis";
export * from "./demo/governance";
export { DEMO_LOGINS, DEMO_PASSWORD, DEMO_USERS } from "./demo-data";
