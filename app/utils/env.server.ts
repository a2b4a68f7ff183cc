import { z } from "zod";

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_PATH: z.string().min(1, "must be a file path").default("./data/tracker.db"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** max request body for the API, bytes */
    API_MAX_BODY_BYTES: z.coerce.number().int().positive().default(5 * 1024 * 1024),
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

/** Dev/test only: a fixed secret so sessions survive reloads. Production must set SESSION_SECRET. */
export function sessionSecret(): string {
  return getEnv().SESSION_SECRET ?? "dev-only-session-secret-not-for-production-use";
}
