/**
 * Small typed data builders, shared by the demo seed and by tests.
 * Each takes sensible defaults plus overrides and returns the inserted row.
 * They work on a connection or inside a transaction (synchronous better-sqlite3 driver).
 */
import type { RunResult } from "better-sqlite3";
import { eq, getTableColumns, sql, type InferInsertModel } from "drizzle-orm";
import type { BaseSQLiteDatabase, SQLiteInsertValue, SQLiteTable } from "drizzle-orm/sqlite-core";
import { schema } from "../db/client";

/** A connection or a transaction: anything with the synchronous query builder over our schema. */
export type DbWriter = BaseSQLiteDatabase<"sync", RunResult, typeof schema>;

type S = typeof schema;
export type Team = S["teams"]["$inferSelect"];
export type User = S["users"]["$inferSelect"];
export type Employee = S["employees"]["$inferSelect"];
export type Service = S["services"]["$inferSelect"];
export type Deployment = S["deployments"]["$inferSelect"];
export type DeploymentCommit = S["deploymentCommits"]["$inferSelect"];
export type Incident = S["incidents"]["$inferSelect"];
export type BudgetCategory = S["budgetCategories"]["$inferSelect"];
export type BudgetLine = S["budgetLines"]["$inferSelect"];
export type FinanceSnapshot = S["financeSnapshots"]["$inferSelect"];
export type Requisition = S["requisitions"]["$inferSelect"];
export type Cycle = S["cycles"]["$inferSelect"];
export type Objective = S["objectives"]["$inferSelect"];
export type KeyResult = S["keyResults"]["$inferSelect"];
export type CheckIn = S["checkIns"]["$inferSelect"];
export type Risk = S["risks"]["$inferSelect"];
export type Kpi = S["kpis"]["$inferSelect"];
export type KpiTarget = S["kpiTargets"]["$inferSelect"];
export type KpiMeasurement = S["kpiMeasurements"]["$inferSelect"];
export type ComplianceFramework = S["complianceFrameworks"]["$inferSelect"];
export type ComplianceRequirement = S["complianceRequirements"]["$inferSelect"];
export type MaturityScore = S["maturityScores"]["$inferSelect"];
export type DecisionGate = S["decisionGates"]["$inferSelect"];
export type GateCriterion = S["gateCriteria"]["$inferSelect"];

type Insert<K extends keyof S> = S[K] extends SQLiteTable ? InferInsertModel<S[K]> : never;

/** Counter for unique default names; deterministic within a process. */
let sequence = 0;
function nextSeq(): number {
  sequence += 1;
  return sequence;
}

/** Inserts one row and answers it as stored (defaults and ids filled in). */
function insertRow<TTable extends SQLiteTable>(db: DbWriter, table: TTable, values: InferInsertModel<TTable>): TTable["$inferSelect"] {
  return db
    .insert(table)
    .values(values as SQLiteInsertValue<TTable>)
    .returning()
    .get() as TTable["$inferSelect"];
}

/**
 * Inserts many rows through one prepared INSERT statement with placeholders (call it inside a
 * transaction for speed: ~7x faster than multi-row INSERTs built by the query builder). Non-null
 * values go through the columns' encoders (dates, booleans). Every row must have the same keys.
 * Returns the number of rows inserted.
 */
export function insertMany<TTable extends SQLiteTable>(db: DbWriter, table: TTable, rows: readonly InferInsertModel<TTable>[]): number {
  if (rows.length === 0) return 0;
  const keys = Object.keys(rows[0]);
  const columns = getTableColumns(table);
  for (const k of keys) if (!(k in columns)) throw new Error(`insertMany: unknown column ${k}`);
  // bare placeholders (wrapped in sql``) reach the driver as given: we encode non-null values ourselves
  const placeholders = Object.fromEntries(keys.map((k) => [k, sql`${sql.placeholder(k)}`]));
  const statement = db
    .insert(table)
    .values(placeholders as unknown as SQLiteInsertValue<TTable>)
    .prepare();
  let count = 0;
  for (const row of rows) {
    const values: Record<string, unknown> = row;
    if (Object.keys(values).length !== keys.length) throw new Error("insertMany: every row must have the same keys");
    const params: Record<string, unknown> = {};
    for (const k of keys) {
      if (!(k in values)) throw new Error(`insertMany: row without ${k}`);
      const v = values[k];
      params[k] = v === null || v === undefined ? null : columns[k].mapToDriverValue(v);
    }
    count += statement.run(params).changes;
  }
  return count;
}

// ---------------------------------------------------------------- people

export function insertTeam(db: DbWriter, overrides: Partial<Insert<"teams">> = {}): Team {
  return insertRow(db, schema.teams, { name: `Team ${nextSeq()}`, isTech: true, ...overrides });
}

/** A hash no password verifies against: for users who never log in (tests). */
export const NO_LOGIN_HASH = "!no-login";

export function insertUser(db: DbWriter, overrides: Partial<Insert<"users">> = {}): User {
  const n = nextSeq();
  return insertRow(db, schema.users, {
    email: `user${n}@example.test`,
    name: `User ${n}`,
    role: "viewer",
    passwordHash: NO_LOGIN_HASH,
    ...overrides,
  });
}

export function insertEmployee(db: DbWriter, overrides: Partial<Insert<"employees">> = {}): Employee {
  const n = nextSeq();
  return insertRow(db, schema.employees, {
    name: `Employee ${n}`,
    title: "Software Engineer",
    startDate: "2024-01-01",
    annualSalaryCents: 55_000_00,
    ...overrides,
  });
}

// ---------------------------------------------------------------- delivery

export function insertService(db: DbWriter, overrides: Partial<Insert<"services">> = {}): Service {
  return insertRow(db, schema.services, { name: `service-${nextSeq()}`, ...overrides });
}

export type CommitInput = { sha?: string; committedAt: Date };

export type DeploymentInput = { serviceId: number } & Partial<Insert<"deployments">> & {
    commits?: readonly CommitInput[];
  };

/** Inserts a deployment (default: successful, production, finished now) and its commits. */
export function insertDeployment(db: DbWriter, input: DeploymentInput): Deployment & { commits: DeploymentCommit[] } {
  const { commits = [], ...values } = input;
  const finishedAt = values.finishedAt ?? new Date();
  const deployment = insertRow(db, schema.deployments, {
    environment: "production",
    status: "success",
    startedAt: new Date(finishedAt.getTime() - 10 * 60_000),
    ...values,
    finishedAt,
  });
  const inserted =
    commits.length === 0
      ? []
      : db
          .insert(schema.deploymentCommits)
          .values(
            commits.map((c, i) => ({
              deploymentId: deployment.id,
              sha: c.sha ?? `${deployment.id.toString(16).padStart(8, "0")}${String(i).padStart(32, "0")}`,
              committedAt: c.committedAt,
            })),
          )
          .returning()
          .all();
  return { ...deployment, commits: inserted };
}

export function insertIncident(db: DbWriter, input: { serviceId: number } & Partial<Insert<"incidents">>): Incident {
  const n = nextSeq();
  return insertRow(db, schema.incidents, {
    title: `Incident ${n}`,
    severity: "SEV3",
    startedAt: new Date(),
    ...input,
  });
}

// ---------------------------------------------------------------- finance

export function insertBudgetCategory(db: DbWriter, overrides: Partial<Insert<"budgetCategories">> = {}): BudgetCategory {
  return insertRow(db, schema.budgetCategories, { name: `Category ${nextSeq()}`, ...overrides });
}

export function insertBudgetLine(db: DbWriter, input: { categoryId: number; month: string } & Partial<Insert<"budgetLines">>): BudgetLine {
  return insertRow(db, schema.budgetLines, { plannedCents: 0, actualCents: null, ...input });
}

export function insertSnapshot(db: DbWriter, input: { month: string } & Partial<Insert<"financeSnapshots">>): FinanceSnapshot {
  return insertRow(db, schema.financeSnapshots, {
    cashCents: 0,
    revenueCents: 0,
    mrrCents: 0,
    customers: 0,
    newCustomers: 0,
    churnedCustomers: 0,
    financingCents: 0,
    ...input,
  });
}

// ---------------------------------------------------------------- hiring

export function insertRequisition(db: DbWriter, overrides: Partial<Insert<"requisitions">> = {}): Requisition {
  return insertRow(db, schema.requisitions, {
    title: `Role ${nextSeq()}`,
    targetStartMonth: "2025-01",
    annualSalaryCents: 55_000_00,
    priority: "P1",
    status: "planned",
    ...overrides,
  });
}

// ---------------------------------------------------------------- OKRs

export function insertCycle(db: DbWriter, overrides: Partial<Insert<"cycles">> = {}): Cycle {
  const n = nextSeq();
  return insertRow(db, schema.cycles, { name: `Cycle ${n}`, startDate: "2025-01-01", endDate: "2025-03-31", status: "open", ...overrides });
}

export function insertObjective(db: DbWriter, input: { cycleId: number } & Partial<Insert<"objectives">>): Objective {
  return insertRow(db, schema.objectives, { title: `Objective ${nextSeq()}`, ...input });
}

export function insertKeyResult(db: DbWriter, input: { objectiveId: number } & Partial<Insert<"keyResults">>): KeyResult {
  const startValue = input.startValue ?? 0;
  return insertRow(db, schema.keyResults, {
    title: `Key result ${nextSeq()}`,
    kind: "number",
    targetValue: 100,
    weight: 1,
    ...input,
    startValue,
    currentValue: input.currentValue ?? startValue,
  });
}

/** Inserts a check-in; with `updateKeyResult` (default true) the KR's current value follows it. */
export function insertCheckIn(
  db: DbWriter,
  input: { keyResultId: number; value: number } & Partial<Insert<"checkIns">>,
  options: { updateKeyResult?: boolean } = {},
): CheckIn {
  const row = insertRow(db, schema.checkIns, { confidence: 7, ...input });
  if (options.updateKeyResult !== false) {
    db.update(schema.keyResults)
      .set({ currentValue: row.value ?? undefined, updatedAt: row.createdAt })
      .where(eq(schema.keyResults.id, row.keyResultId))
      .run();
  }
  return row;
}

// ---------------------------------------------------------------- risks

export function insertRisk(db: DbWriter, overrides: Partial<Insert<"risks">> = {}): Risk {
  return insertRow(db, schema.risks, {
    title: `Risk ${nextSeq()}`,
    category: "technical",
    inherentLikelihood: 3,
    inherentImpact: 3,
    residualLikelihood: 2,
    residualImpact: 3,
    treatment: "mitigate",
    status: "open",
    ...overrides,
  });
}

// ---------------------------------------------------------------- KPIs

export function insertKpi(db: DbWriter, overrides: Partial<Insert<"kpis">> = {}): Kpi {
  const n = nextSeq();
  return insertRow(db, schema.kpis, { key: `kpi_${n}`, name: `KPI ${n}`, direction: "higher", category: "product", ...overrides });
}

export function insertKpiTarget(db: DbWriter, input: { kpiId: number; cycleId: number; target: number } & Partial<Insert<"kpiTargets">>): KpiTarget {
  return insertRow(db, schema.kpiTargets, input);
}

export function insertKpiMeasurement(
  db: DbWriter,
  input: { kpiId: number; measuredOn: string; value: number } & Partial<Insert<"kpiMeasurements">>,
): KpiMeasurement {
  return insertRow(db, schema.kpiMeasurements, input);
}

// ---------------------------------------------------------------- governance

export function insertFramework(db: DbWriter, overrides: Partial<Insert<"complianceFrameworks">> = {}): ComplianceFramework {
  const n = nextSeq();
  return insertRow(db, schema.complianceFrameworks, { key: `framework_${n}`, name: `Framework ${n}`, ...overrides });
}

export function insertRequirement(db: DbWriter, input: { frameworkId: number } & Partial<Insert<"complianceRequirements">>): ComplianceRequirement {
  const n = nextSeq();
  return insertRow(db, schema.complianceRequirements, { ref: `R-${n}`, title: `Requirement ${n}`, status: "todo", ...input });
}

export function insertMaturityScore(
  db: DbWriter,
  input: Pick<Insert<"maturityScores">, "assessedOn" | "indicator" | "score"> & Partial<Insert<"maturityScores">>,
): MaturityScore {
  return insertRow(db, schema.maturityScores, input);
}

export type GateCriterionInput = Pick<Insert<"gateCriteria">, "metric" | "operator" | "threshold">;

/** Inserts a decision gate and its criteria. */
export function insertGate(
  db: DbWriter,
  input: Partial<Insert<"decisionGates">> & { criteria?: readonly GateCriterionInput[] } = {},
): DecisionGate & { criteria: GateCriterion[] } {
  const { criteria = [], ...values } = input;
  const gate = insertRow(db, schema.decisionGates, { name: `Gate ${nextSeq()}`, dueDate: "2025-06-30", ...values });
  const inserted =
    criteria.length === 0
      ? []
      : db
          .insert(schema.gateCriteria)
          .values(
            criteria.map((c) => ({
              ...c,
              gateId: gate.id,
              ...(values.createdAt ? { createdAt: values.createdAt, updatedAt: values.createdAt } : {}),
            })),
          )
          .returning()
          .all();
  return { ...gate, criteria: inserted };
}
