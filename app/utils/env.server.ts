import os from "node:os";
import { z } from "zod";

const MiB = 1024 * 1024;
const bytes = (fallback: number) =>
  z.coerce
    .number()
    .int("must be a whole number of bytes")
    .positive()
    .max(1024 * MiB, "must be at most 1 GiB")
    .default(fallback);

/**
 * How many reverse proxies in front of the app to believe: `false`/`0` (default: the peer of the TCP
 * connection is the client; X-Forwarded-* headers are ignored and removed), `true` (= 1) or a hop
 * count. Only then are X-Forwarded-For (client address), X-Forwarded-Host and X-Forwarded-Proto
 * (the app's own origin) used.
 */
const TrustProxySchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(false|true|\d{1,2})$/, "must be false, true or a number of proxy hops (e.g. 1)")
  .transform((v) => (v === "false" ? 0 : v === "true" ? 1 : Number(v)))
  .default(0);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_PATH: z.string().min(1, "must be a file path").default("./data/tracker.db"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** max request body for the API, bytes */
    API_MAX_BODY_BYTES: bytes(5 * MiB),
    /** max request body of a form post (everything but the API and multipart uploads), bytes */
    FORM_MAX_BODY_BYTES: bytes(1 * MiB),
    /** max request body of a multipart/form-data post (the CSV upload pages), bytes */
    UPLOAD_MAX_BODY_BYTES: bytes(6 * MiB),
    TRUST_PROXY: TrustProxySchema,
    /**
     * How many processes serve requests (server.js, node:cluster; docs/decisions/720). Default: the
     * number of CPUs. 1 = a single process without cluster.
     */
    WEB_CONCURRENCY: z.coerce
      .number()
      .int("must be a whole number of processes")
      .min(1, "must be at least 1")
      .max(64, "must be at most 64")
      .default(() => Math.min(64, Math.max(1, os.availableParallelism()))),
    /**
     * One write turn at a time across the workers (server/write-gate.js, docs/decisions/720);
     * "off" lets every worker write whenever a request arrives.
     */
    WRITE_GATE: z.enum(["on", "off"], { message: 'must be "on" or "off"' }).default("on"),
    /**
     * Test-only: the instant the visual regression suite freezes the clock at (read by
     * tests/visual/fixed-clock.mjs, never by the app). Refused in production.
     */
    TRACKER_TEST_NOW: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required when NODE_ENV=production" });
    }
    if (env.NODE_ENV === "production" && env.TRACKER_TEST_NOW !== undefined) {
      ctx.addIssue({ code: "custom", path: ["TRACKER_TEST_NOW"], message: "is a test-only setting (a frozen clock): refused when NODE_ENV=production" });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment; throws an Error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** What server.js needs (reached through the server build: `build.entry.module.serverConfig()`). */
export function serverConfig() {
  const env = getEnv();
  return {
    production: env.NODE_ENV === "production",
    port: env.PORT,
    workers: env.WEB_CONCURRENCY,
    writeGate: env.WRITE_GATE === "on",
    trustProxy: env.TRUST_PROXY,
    maxBodyBytes: { api: env.API_MAX_BODY_BYTES, form: env.FORM_MAX_BODY_BYTES, upload: env.UPLOAD_MAX_BODY_BYTES },
  };
}
export type ServerConfig = ReturnType<typeof serverConfig>;

/** Dev/test only: a fixed secret so sessions survive reloads. Production must set SESSION_SECRET. */
export function sessionSecret(): string {
  return getEnv().SESSION_SECRET ?? "dev-only-session-secret-not-for-production-use";
}
