import { describe, expect, it } from "vitest";
import { itMaps } from "../../../tests/helpers/mapping";
import {
  FORMULAS,
  MS_PER_DAY,
  MS_PER_HOUR,
  changeFailureRateTier,
  defaultWindow,
  deploymentFrequency,
  deploymentFrequencyTier,
  inferCause,
  leadTimeTier,
  mean,
  median,
  medianOfSorted,
  previousWindow,
  rate,
  referenceDoraMetrics,
  timeToRestoreTier,
  windowDays,
  type DoraFilter,
  type DoraMetrics,
  type RefDeployment,
  type RefIncident,
  type Tier,
  type Window,
} from "./delivery";

const H = MS_PER_HOUR;
const D = MS_PER_DAY;
const T0 = Date.UTC(2024, 0, 1);
const W: Window = { from: T0, to: T0 + 10 * D };

let nextId = 1;
function dep(p: Partial<RefDeployment> = {}): RefDeployment {
  return {
    id: nextId++,
    serviceId: 1,
    environment: "production",
    status: "success",
    finishedAt: T0 + D,
    firstCommitAt: null,
    commits: [],
    isHotfix: false,
    isRollback: false,
    ...p,
  };
}
function inc(p: Partial<RefIncident> = {}): RefIncident {
  return {
    id: nextId++,
    serviceId: 1,
    startedAt: T0 + 2 * D,
    resolvedAt: null,
    causeDeploymentId: null,
    causeKind: "none",
    ...p,
  };
}

describe("tiers", () => {
  itMaps("deploymentFrequencyTier(%s per week) = %s", deploymentFrequencyTier, [
    [null, null],
    [7, "elite"],
    [100, "elite"],
    [6.999, "high"],
    [1, "high"],
    [0.999, "medium"],
    [7 / 30, "medium"],
    [7 / 30 - 0.0001, "low"],
    [0, "low"],
  ]);

  itMaps("leadTimeTier(%s h) = %s", leadTimeTier, [
    [null, null],
    [0, "elite"],
    [23.99, "elite"],
    [24, "high"],
    [167.99, "high"],
    [168, "medium"],
    [719.99, "medium"],
    [720, "low"],
    [10_000, "low"],
  ]);

  itMaps("changeFailureRateTier(%s) = %s", changeFailureRateTier, [
    [null, null],
    [0, "elite"],
    [0.05, "elite"],
    [1 / 20, "elite"],
    [0.0501, "high"],
    [0.1, "high"],
    [2 / 20, "high"],
    [0.1001, "medium"],
    [0.15, "medium"],
    [3 / 20, "medium"],
    [0.1501, "low"],
    [1, "low"],
  ]);

  itMaps("timeToRestoreTier(%s h) = %s", timeToRestoreTier, [
    [null, null],
    [0, "elite"],
    [0.99, "elite"],
    [1, "high"],
    [23.99, "high"],
    [24, "medium"],
    [167.99, "medium"],
    [168, "low"],
  ]);
});

describe("statistics helpers", () => {
  itMaps("median(%j) = %s", median, [
    [[], null],
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 0], 5],
    [[1, 1, 100, 100], 50.5],
    [[-1, 5, 2], 2],
  ]);

  it("median sorts a copy and leaves its input alone", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it("median sorts numerically, not lexicographically", () => {
    expect(median([10, 9, 100])).toBe(10);
  });

  itMaps("medianOfSorted(%j) = %s", medianOfSorted, [
    [[], null],
    [[1], 1],
    [[1, 2], 1.5],
    [[1, 2, 3, 4], 2.5],
  ]);

  itMaps("mean(%j) = %s", mean, [
    [[], null],
    [[4], 4],
    [[1, 2, 6], 3],
  ]);

  itMaps("rate(%s, %s) = %s", rate, [
    [0, 0, null],
    [3, 0, null],
    [0, 5, 0],
    [1, 4, 0.25],
    [4, 4, 1],
  ]);
});

describe("windows", () => {
  itMaps("windowDays(%s, %s) = %s", windowDays, [
    [0, D, 1],
    [0, 90 * D, 90],
    [0, 12 * H, 0.5],
    [5, 5, 0],
  ]);

  it.each<[number, number | undefined, Window]>([
    [T0, undefined, { from: T0 - 90 * D, to: T0 }],
    [T0, 30, { from: T0 - 30 * D, to: T0 }],
    [T0, 7, { from: T0 - 7 * D, to: T0 }],
  ])("defaultWindow(%s, %s)", (now, days, expected) => {
    expect(days === undefined ? defaultWindow(now) : defaultWindow(now, days)).toEqual(expected);
  });

  itMaps("previousWindow(%j) = %j", previousWindow, [
    [
      { from: 100, to: 150 },
      { from: 50, to: 100 },
    ],
    [W, { from: T0 - 10 * D, to: T0 }],
  ]);
});

describe("deploymentFrequency", () => {
  it.each<[string, number, number, number, { perDay: number | null; perWeek: number | null; tier: Tier | null }]>([
    ["zero-length window → null", 5, T0, T0, { perDay: null, perWeek: null, tier: null }],
    ["negative window → null", 5, T0 + D, T0, { perDay: null, perWeek: null, tier: null }],
    ["no deployments in a real window is 0, low", 0, T0, T0 + 10 * D, { perDay: 0, perWeek: 0, tier: "low" }],
    ["1/day is exactly 7/week → elite", 10, T0, T0 + 10 * D, { perDay: 1, perWeek: 7, tier: "elite" }],
    ["2 in 14 days = 1/week → high", 2, T0, T0 + 14 * D, { perDay: 2 / 14, perWeek: (2 / 14) * 7, tier: "high" }],
    ["3 in 90 days = 1 per 30 days → medium", 3, T0, T0 + 90 * D, { perDay: 3 / 90, perWeek: (3 / 90) * 7, tier: "medium" }],
    ["2 in 90 days → low", 2, T0, T0 + 90 * D, { perDay: 2 / 90, perWeek: (2 / 90) * 7, tier: "low" }],
  ])("%s", (_name, count, from, to, expected) => {
    expect(deploymentFrequency(count, from, to)).toEqual({ count, ...expected });
  });
});

describe("inferCause", () => {
  it.each<[string, RefDeployment[], Pick<RefIncident, "serviceId" | "startedAt">, number | null]>([
    ["no deployments", [], { serviceId: 1, startedAt: T0 }, null],
    ["latest before start wins", [dep({ id: 11, finishedAt: T0 - 2 * H }), dep({ id: 12, finishedAt: T0 - H })], { serviceId: 1, startedAt: T0 }, 12],
    ["finished exactly at start counts", [dep({ id: 11, finishedAt: T0 - H }), dep({ id: 12, finishedAt: T0 })], { serviceId: 1, startedAt: T0 }, 12],
    ["finished after start ignored", [dep({ id: 11, finishedAt: T0 - H }), dep({ id: 12, finishedAt: T0 + 1 })], { serviceId: 1, startedAt: T0 }, 11],
    ["other service ignored", [dep({ id: 11, finishedAt: T0 - H }), dep({ id: 12, serviceId: 2, finishedAt: T0 - 1 })], { serviceId: 1, startedAt: T0 }, 11],
    [
      "failed deployment ignored",
      [dep({ id: 11, finishedAt: T0 - H }), dep({ id: 12, status: "failure", finishedAt: T0 - 1 })],
      { serviceId: 1, startedAt: T0 },
      11,
    ],
    [
      "non-production ignored",
      [dep({ id: 11, finishedAt: T0 - H }), dep({ id: 12, environment: "staging", finishedAt: T0 - 1 })],
      { serviceId: 1, startedAt: T0 },
      11,
    ],
    ["tie on finishedAt → highest id", [dep({ id: 13, finishedAt: T0 - H }), dep({ id: 12, finishedAt: T0 - H })], { serviceId: 1, startedAt: T0 }, 13],
    ["only later deployments → null", [dep({ id: 11, finishedAt: T0 + H })], { serviceId: 1, startedAt: T0 }, null],
  ])("%s", (_name, deployments, incident, expected) => {
    expect(inferCause(incident, deployments)).toBe(expected);
  });
});

type Scenario = {
  name: string;
  deployments: RefDeployment[];
  incidents?: RefIncident[];
  window?: Window;
  filter?: DoraFilter;
  expected: DeepPartial<DoraMetrics>;
};
type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

const scenarios: Scenario[] = [
  {
    name: "empty data → nulls, never 0 in place of no data (frequency is a real 0)",
    deployments: [],
    expected: {
      window: W,
      deploymentFrequency: { count: 0, perDay: 0, perWeek: 0, tier: "low" },
      leadTime: { medianHours: null, tier: null },
      changeFailureRate: { rate: null, failed: 0, total: 0, tier: null },
      timeToRestore: { medianHours: null, meanHours: null, tier: null },
      reworkRate: { rate: null },
    },
  },
  {
    name: "zero-length window → frequency null",
    deployments: [dep()],
    window: { from: T0, to: T0 },
    expected: { deploymentFrequency: { count: 0, perDay: null, perWeek: null, tier: null } },
  },
  {
    name: "failure and non-production deployments excluded",
    deployments: [dep({ status: "failure", commits: [T0] }), dep({ environment: "staging", commits: [T0] }), dep({ environment: "Production", commits: [T0] })],
    expected: {
      deploymentFrequency: { count: 0 },
      leadTime: { medianHours: null },
      changeFailureRate: { total: 0, rate: null },
      reworkRate: { rate: null },
    },
  },
  {
    name: "half-open window: finished at from counts, finished at to does not",
    deployments: [dep({ finishedAt: W.from }), dep({ finishedAt: W.to - 1 }), dep({ finishedAt: W.to }), dep({ finishedAt: W.from - 1 })],
    expected: { deploymentFrequency: { count: 2, perDay: 0.2 }, changeFailureRate: { total: 2 } },
  },
  {
    name: "frequency: 70 deployments in 10 days = 49/week elite",
    deployments: Array.from({ length: 70 }, (_, i) => dep({ finishedAt: T0 + i * 3 * H })),
    expected: { deploymentFrequency: { count: 70, perDay: 7, perWeek: 49, tier: "elite" } },
  },
  {
    name: "lead time: median over every commit; even count = mean of middle two",
    deployments: [
      dep({ finishedAt: T0 + 5 * D, commits: [T0 + 5 * D - 1 * H, T0 + 5 * D - 3 * H] }),
      dep({ finishedAt: T0 + 6 * D, commits: [T0 + 6 * D - 5 * H, T0 + 6 * D - 100 * H] }),
    ],
    expected: { leadTime: { medianHours: 4, tier: "elite" } },
  },
  {
    name: "lead time: first-commit time used only when there are no commits",
    deployments: [
      dep({ finishedAt: T0 + 5 * D, firstCommitAt: T0 + 5 * D - 48 * H }),
      dep({ finishedAt: T0 + 6 * D, firstCommitAt: T0, commits: [T0 + 6 * D - 30 * H] }),
      dep({ finishedAt: T0 + 7 * D }),
    ],
    expected: { leadTime: { medianHours: 39, tier: "high" } },
  },
  {
    name: "lead time: values ≤ 0 dropped (commit at or after deployment finished)",
    deployments: [
      dep({ finishedAt: T0 + 5 * D, commits: [T0 + 5 * D, T0 + 5 * D + H, T0 + 5 * D - 24 * H] }),
      dep({ finishedAt: T0 + 6 * D, firstCommitAt: T0 + 7 * D }),
    ],
    expected: { leadTime: { medianHours: 24, tier: "high" } },
  },
  {
    name: "lead time: all values ≤ 0 → null",
    deployments: [dep({ finishedAt: T0 + 5 * D, commits: [T0 + 5 * D] })],
    expected: { leadTime: { medianHours: null, tier: null } },
  },
  {
    name: "lead time: commits of deployments outside the window ignored",
    deployments: [
      dep({ finishedAt: T0 + D, commits: [T0 + D - 2 * H] }),
      dep({ finishedAt: W.to, commits: [W.to - 1000 * H] }),
      dep({ finishedAt: T0 + D, status: "failure", commits: [T0 + D - 1000 * H] }),
    ],
    expected: { leadTime: { medianHours: 2 } },
  },
  (() => {
    const a = dep({ id: 101, finishedAt: T0 + 1 * D });
    const b = dep({ id: 102, finishedAt: T0 + 2 * D });
    const c = dep({ id: 103, finishedAt: T0 + 3 * D });
    const d = dep({ id: 104, finishedAt: T0 + 4 * D });
    return {
      name: "CFR: explicit, inferred and cleared causes; each deployment counted once",
      deployments: [a, b, c, d],
      incidents: [
        inc({ causeKind: "explicit", causeDeploymentId: 101, startedAt: T0 + 5 * D }),
        inc({ causeKind: "explicit", causeDeploymentId: 101, startedAt: T0 + 6 * D }),
        // inferred by the rule (causeKind null): latest before T0+2.5d → b
        inc({ causeKind: null, startedAt: T0 + 2 * D + 12 * H }),
        // cleared by a person: no cause even though c precedes it
        inc({ causeKind: "none", causeDeploymentId: null, startedAt: T0 + 3 * D + H }),
      ],
      expected: { changeFailureRate: { failed: 2, total: 4, rate: 0.5, tier: "low" } },
    } satisfies Scenario;
  })(),
  (() => {
    const inside = dep({ id: 201, finishedAt: T0 + D });
    const before = dep({ id: 202, finishedAt: T0 - D });
    const others = Array.from({ length: 19 }, () => dep({ finishedAt: T0 + 9 * D }));
    return {
      name: "CFR: incident started after the window still counts; cause outside the window does not; 1/20 = 5 % elite",
      deployments: [inside, before, ...others],
      incidents: [
        inc({ causeKind: "inferred", causeDeploymentId: 201, startedAt: W.to + 30 * D }),
        inc({ causeKind: "explicit", causeDeploymentId: 202, startedAt: T0 + H }),
      ],
      expected: { changeFailureRate: { failed: 1, total: 20, rate: 0.05, tier: "elite" } },
    } satisfies Scenario;
  })(),
  (() => {
    const before = dep({ id: 301, finishedAt: T0 - H });
    const inside = dep({ id: 302, finishedAt: T0 + 5 * D });
    return {
      name: "CFR: null-kind incident in the window infers a deployment before the window → not counted",
      deployments: [before, inside],
      incidents: [inc({ causeKind: null, startedAt: T0 + H })],
      expected: { changeFailureRate: { failed: 0, total: 1, rate: 0, tier: "elite" } },
    } satisfies Scenario;
  })(),
  (() => {
    const svc1 = dep({ id: 401, serviceId: 1, finishedAt: T0 + D });
    const svc2 = dep({ id: 402, serviceId: 2, finishedAt: T0 + D + H });
    const failed = dep({ id: 403, serviceId: 1, status: "failure", finishedAt: T0 + D + 2 * H });
    return {
      name: "CFR: inference skips other services and failed deployments",
      deployments: [svc1, svc2, failed],
      incidents: [inc({ serviceId: 1, causeKind: null, startedAt: T0 + 2 * D })],
      expected: { changeFailureRate: { failed: 1, total: 2, rate: 0.5 } },
    } satisfies Scenario;
  })(),
  (() => {
    const a = dep({ id: 151, finishedAt: T0 + D });
    return {
      name: "CFR: causeKind 'none' means cleared, even if a deployment id is left on the incident",
      deployments: [a],
      incidents: [inc({ causeKind: "none", causeDeploymentId: 151, startedAt: T0 + 2 * D })],
      expected: { changeFailureRate: { failed: 0, total: 1, rate: 0 } },
    } satisfies Scenario;
  })(),
  {
    name: "CFR: explicit kind with null deployment id → no cause",
    deployments: [dep({ finishedAt: T0 + D })],
    incidents: [inc({ causeKind: "explicit", causeDeploymentId: null, startedAt: T0 + 2 * D })],
    expected: { changeFailureRate: { failed: 0, total: 1, rate: 0 } },
  },
  {
    name: "time to restore: median and mean over resolved incidents started in the window",
    deployments: [],
    incidents: [
      inc({ startedAt: T0, resolvedAt: T0 + 1 * H }),
      inc({ startedAt: T0 + D, resolvedAt: T0 + D + 2 * H }),
      inc({ startedAt: T0 + 2 * D, resolvedAt: T0 + 2 * D + 4 * H }),
      inc({ startedAt: T0 + 3 * D, resolvedAt: T0 + 3 * D + 41 * H }),
      inc({ startedAt: T0 + 4 * D, resolvedAt: null }),
      inc({ startedAt: W.to, resolvedAt: W.to + H }),
      inc({ startedAt: T0 - 1, resolvedAt: T0 + 500 * H }),
    ],
    expected: { timeToRestore: { medianHours: 3, meanHours: 12, tier: "high" } },
  },
  {
    name: "time to restore: exactly 1 h is high, not elite",
    deployments: [],
    incidents: [inc({ startedAt: T0, resolvedAt: T0 + H })],
    expected: { timeToRestore: { medianHours: 1, meanHours: 1, tier: "high" } },
  },
  {
    name: "time to restore: only unresolved incidents → null",
    deployments: [],
    incidents: [inc({ startedAt: T0, resolvedAt: null })],
    expected: { timeToRestore: { medianHours: null, meanHours: null, tier: null } },
  },
  {
    name: "rework rate: hotfix or rollback ÷ successful production deployments",
    deployments: [
      dep({ isHotfix: true }),
      dep({ isRollback: true }),
      dep({ isHotfix: true, isRollback: true }),
      dep(),
      dep({ isHotfix: true, status: "failure" }),
      dep({ isRollback: true, environment: "staging" }),
    ],
    expected: { reworkRate: { rate: 0.75 } },
  },
  (() => {
    const s1 = dep({ id: 501, serviceId: 1, finishedAt: T0 + D, commits: [T0 + D - 2 * H], isHotfix: true });
    const s2 = dep({ id: 502, serviceId: 2, finishedAt: T0 + D, commits: [T0 + D - 50 * H] });
    const s3 = dep({ id: 503, serviceId: 3, finishedAt: T0 + D });
    return {
      name: "service filter restricts deployments and incidents",
      deployments: [s1, s2, s3],
      incidents: [
        inc({ serviceId: 2, causeKind: null, startedAt: T0 + 2 * D, resolvedAt: T0 + 2 * D + 10 * H }),
        inc({ serviceId: 3, causeKind: null, startedAt: T0 + 2 * D, resolvedAt: T0 + 2 * D + 2 * H }),
      ],
      filter: { serviceIds: [1, 2] },
      expected: {
        deploymentFrequency: { count: 2 },
        leadTime: { medianHours: 26 },
        changeFailureRate: { failed: 1, total: 2, rate: 0.5 },
        timeToRestore: { medianHours: 10, meanHours: 10 },
        reworkRate: { rate: 0.5 },
      },
    } satisfies Scenario;
  })(),
  {
    name: "service filter with an empty list → nothing",
    deployments: [dep()],
    incidents: [inc({ startedAt: T0, resolvedAt: T0 + H })],
    filter: { serviceIds: [] },
    expected: { deploymentFrequency: { count: 0 }, timeToRestore: { medianHours: null } },
  },
];

describe("referenceDoraMetrics", () => {
  it.each(scenarios.map((s) => [s.name, s] as const))("%s", (_name, s) => {
    const result = referenceDoraMetrics({ deployments: s.deployments, incidents: s.incidents ?? [] }, s.window ?? W, s.filter);
    expect(result).toMatchObject(s.expected);
  });

  it("does not mutate its inputs", () => {
    const deployments = [dep({ commits: [T0 + D - H, T0 + D - 3 * H] })];
    const incidents = [inc({ causeKind: null })];
    const snapshot = JSON.stringify({ deployments, incidents });
    referenceDoraMetrics({ deployments, incidents }, W);
    expect(JSON.stringify({ deployments, incidents })).toBe(snapshot);
  });
});

describe("FORMULAS", () => {
  it.each<[keyof typeof FORMULAS, "higher" | "lower"]>([
    ["deployment_frequency", "higher"],
    ["lead_time", "lower"],
    ["change_failure_rate", "lower"],
    ["time_to_restore", "lower"],
    ["mttr", "lower"],
    ["rework_rate", "lower"],
  ])("%s is documented, %s is better", (key, direction) => {
    const f = FORMULAS[key];
    expect(f.label.length).toBeGreaterThan(0);
    expect(f.formula.length).toBeGreaterThan(20);
    expect(f.window).toMatch(/\[from, to\)/);
    expect(f.direction).toBe(direction);
  });
});
