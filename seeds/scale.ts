/**
 * Deterministic large-scale delivery data for benchmarks (scripts/generate-scale.ts, scripts/bench.ts).
 *
 * Same size + seed + end instant → the same rows (seeded PRNG, no Math.random). Written with
 * prepared single-row statements inside large transactions (better-sqlite3 is synchronous, so this
 * is the fastest path through the real schema, triggers included: nothing the app needs is dropped).
 * Incidents carry the cause the ingestion would store: explicit (35 %), inferred by the contract's
 * rule (55 %), or none (provider outages, 10 %).
 */
import type { Database } from "better-sqlite3";
import { MS_PER_DAY, MS_PER_HOUR } from "../app/lib/metrics/delivery";
import { createRng } from "./prng";

export type ScaleSize = "realistic" | "stress";

export const SCALE_SIZES: Record<ScaleSize, { deployments: number; services: number; incidentsPerDeployment: number; years: number }> = {
  realistic: { deployments: 100_000, services: 12, incidentsPerDeployment: 0.06, years: 5 },
  stress: { deployments: 1_000_000, services: 30, incidentsPerDeployment: 0.1, years: 5 },
};

const TEAMS = ["Core", "Frontend", "Mobile", "Payments", "AI/Data", "Platform"];
const SERVICE_WORDS = [
  "api",
  "web",
  "billing",
  "auth",
  "search",
  "mobile-bff",
  "ledger",
  "notify",
  "ml-scoring",
  "ingest",
  "reports",
  "gateway",
  "checkout",
  "catalog",
  "profile",
];

export type ScaleResult = {
  deployments: number;
  commits: number;
  incidents: number;
  services: number;
  from: number;
  to: number;
  seconds: number;
};

/**
 * Fills a migrated database (teams, services, deployments, commits, incidents). The database must
 * hold no services yet. `end` is the instant the history ends at (default: today 00:00 UTC), so the
 * default "90 days before now" window always has data.
 */
export function generateScale(client: Database, options: { size: ScaleSize; seed?: number; end?: number; log?: (line: string) => void }): ScaleResult {
  const started = performance.now();
  const spec = SCALE_SIZES[options.size];
  const rng = createRng(options.seed ?? 20_261_122);
  const end = options.end ?? Math.floor(Date.now() / MS_PER_DAY) * MS_PER_DAY;
  const days = Math.round(spec.years * 365.25);
  const from = end - days * MS_PER_DAY;
  const log = options.log ?? (() => {});
  const now = end;

  if ((client.prepare("SELECT COUNT(*) FROM services").pluck().get() as number) > 0) {
    throw new Error("generateScale: the database already holds services; use a fresh database file.");
  }

  // Bulk-load pragmas for this connection only (the file keeps WAL).
  client.pragma("synchronous = OFF");
  client.pragma("cache_size = -200000");

  // Teams and services.
  const teamIds: number[] = [];
  const services: { id: number }[] = [];
  client.transaction(() => {
    const insTeam = client.prepare(
      "INSERT INTO teams (name, is_tech, created_at, updated_at) VALUES (?, 1, ?, ?) ON CONFLICT(name) DO UPDATE SET name = excluded.name RETURNING id",
    );
    for (const name of TEAMS) teamIds.push((insTeam.get(name, now, now) as { id: number }).id);
    const insService = client.prepare("INSERT INTO services (name, team_id, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id");
    for (let s = 0; s < spec.services; s++) {
      const word = SERVICE_WORDS[s % SERVICE_WORDS.length];
      const name = s < SERVICE_WORDS.length ? word : `${word}-${Math.floor(s / SERVICE_WORDS.length) + 1}`;
      services.push(insService.get(name, teamIds[s % teamIds.length], now, now) as { id: number });
    }
  })();

  // Deployments and commits, day by day.
  const insDeployment = client.prepare(
    `INSERT INTO deployments (service_id, environment, status, started_at, finished_at, first_commit_at, is_hotfix, is_rollback, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insCommit = client.prepare("INSERT INTO deployment_commits (deployment_id, sha, committed_at) VALUES (?, ?, ?)");
  // Deployments per day: growing over the years (0.4× → 1.6×) with ±30 % noise, scaled so the
  // total is exact and every day up to the end has some.
  const weights = Array.from({ length: days }, (_, day) => (0.4 + 1.2 * (day / days)) * rng.float(0.7, 1.3));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const perDay: number[] = [];
  let carry = 0;
  for (const w of weights) {
    const exact = (w / weightSum) * spec.deployments + carry;
    const n = Math.floor(exact);
    carry = exact - n;
    perDay.push(n);
  }
  perDay[days - 1] += spec.deployments - perDay.reduce((a, b) => a + b, 0);
  // Successful production deployments per service, in finish order, for the inferred-cause rule.
  const prodByService = new Map<number, { finished: number[]; ids: number[] }>();
  for (const s of services) prodByService.set(s.id, { finished: [], ids: [] });
  // Deployments that will cause an incident: [deploymentId, serviceId, finishedAt].
  const causing: [number, number, number][] = [];

  let deploymentCount = 0;
  let commitCount = 0;
  let commitSeq = 0;
  const leadMedianLog = Math.log(5 * MS_PER_HOUR);
  const batchDays = 30;
  for (let day0 = 0; day0 < days; day0 += batchDays) {
    client.transaction(() => {
      for (let day = day0; day < Math.min(days, day0 + batchDays); day++) {
        const count = perDay[day];
        const dayStart = from + day * MS_PER_DAY;
        const times: number[] = [];
        for (let k = 0; k < count; k++) times.push(dayStart + Math.floor(rng.next() * MS_PER_DAY));
        times.sort((a, b) => a - b);
        for (const finished of times) {
          const service = services[Math.floor(rng.next() * services.length)].id;
          const production = rng.next() < 0.8;
          const success = rng.next() < 0.95;
          const hotfix = rng.next() < 0.04;
          const rollback = !hotfix && rng.next() < 0.02;
          const nCommits = rng.weighted([
            [0, 1],
            [1, 3],
            [2, 3],
            [3, 3],
            [4, 2],
            [6, 2],
            [10, 1],
          ] as const);
          const firstCommit = finished - Math.round(Math.exp(leadMedianLog + 1.1 * rng.normal(0, 1)));
          const info = insDeployment.run(
            service,
            production ? "production" : "staging",
            success ? "success" : "failure",
            finished - rng.int(60_000, 20 * 60_000),
            finished,
            nCommits === 0 ? firstCommit : null,
            hotfix ? 1 : 0,
            rollback ? 1 : 0,
            now,
            now,
          );
          const id = Number(info.lastInsertRowid);
          deploymentCount++;
          for (let c = 0; c < nCommits; c++) {
            // Commit ages: log-normal around a few hours; a few committed after the deploy (dropped by the metric).
            const age = c === 0 ? finished - firstCommit : Math.round(Math.exp(leadMedianLog + 1.1 * rng.normal(0, 1)));
            const committedAt = rng.next() < 0.01 ? finished + rng.int(1, 3_600_000) : finished - age;
            commitSeq++;
            insCommit.run(id, commitSeq.toString(16).padStart(40, "0"), committedAt);
            commitCount++;
          }
          if (production && success) {
            const list = prodByService.get(service)!;
            list.finished.push(finished);
            list.ids.push(id);
            if (rng.next() < (spec.incidentsPerDeployment * 0.9) / 0.76) causing.push([id, service, finished]);
          }
        }
      }
    })();
    if (day0 % 365 < batchDays)
      log(`  ${new Date(from + day0 * MS_PER_DAY).toISOString().slice(0, 10)}: ${deploymentCount} deployments, ${commitCount} commits`);
  }

  // Incidents: most follow a causing deployment; some are provider outages with no cause.
  const insIncident = client.prepare(
    `INSERT INTO incidents (service_id, title, severity, started_at, resolved_at, cause_deployment_id, cause_kind, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const latestAtOrBefore = (serviceId: number, at: number): number | null => {
    const list = prodByService.get(serviceId)!;
    let lo = 0;
    let hi = list.finished.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list.finished[mid] <= at) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best < 0 ? null : list.ids[best];
  };
  const severities = [
    ["SEV1", 1],
    ["SEV2", 3],
    ["SEV3", 8],
    ["SEV4", 6],
  ] as const;
  const restoreMedianLog = Math.log(40 * 60_000);
  let incidentCount = 0;
  const addIncident = (serviceId: number, startedAt: number, cause: number | null, kind: "explicit" | "inferred" | "none") => {
    const open = startedAt > end - 2 * MS_PER_DAY && rng.next() < 0.3;
    const duration = Math.max(60_000, Math.round(Math.exp(restoreMedianLog + 1.3 * rng.normal(0, 1))));
    incidentCount++;
    insIncident.run(serviceId, `Incident ${incidentCount}`, rng.weighted(severities), startedAt, open ? null : startedAt + duration, cause, kind, now, now);
  };
  client.transaction(() => {
    for (const [deploymentId, serviceId, finished] of causing) {
      const startedAt = Math.min(end - 1, finished + rng.int(60_000, 6 * MS_PER_HOUR));
      if (rng.next() < 0.4) addIncident(serviceId, startedAt, deploymentId, "explicit");
      else addIncident(serviceId, startedAt, latestAtOrBefore(serviceId, startedAt), "inferred");
    }
    const outages = Math.round(causing.length * 0.11);
    for (let k = 0; k < outages; k++) {
      const serviceId = services[Math.floor(rng.next() * services.length)].id;
      addIncident(serviceId, from + Math.floor(rng.next() * (end - from)), null, "none");
    }
  })();

  client.pragma("synchronous = NORMAL");
  client.exec("ANALYZE");
  return {
    deployments: deploymentCount,
    commits: commitCount,
    incidents: incidentCount,
    services: services.length,
    from,
    to: end,
    seconds: (performance.now() - started) / 1000,
  };
}
