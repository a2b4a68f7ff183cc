// `npm run token:create -- --name NAME --scopes a,b [--by email]`: creates an API token in the database
// at DATABASE_PATH (default ./data/tracker.db) and prints its secret ONCE (only a SHA-256 hash is stored).
// Scopes: deployments:write, incidents:write, metrics:read, finance:read, import:write, kpis:write.
// --by names the user the token is recorded as created by (and the audit entry's actor); finance:read
// needs --by a CEO.
import { eq } from "drizzle-orm";
import { z } from "zod";
import { canHoldScope } from "../app/auth/permissions";
import { createApiToken } from "../app/models/tokens.server";
import { openDb, schema } from "../db/client";
import { API_SCOPES } from "../db/schema";
import { failWith, parseCliArgs } from "./lib/user-cli";

const ArgsSchema = z.object({
  name: z.string({ error: "--name is required" }).trim().min(1, "--name must not be empty").max(100, "--name must be at most 100 characters"),
  scopes: z
    .string({ error: "--scopes is required (comma-separated)" })
    .transform((s) => [
      ...new Set(
        s
          .split(",")
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.enum(API_SCOPES, { error: `--scopes: each must be one of ${API_SCOPES.join(", ")}` })).min(1, "--scopes needs at least one scope")),
  by: z.string().trim().toLowerCase().optional(),
});

const fail: (message: string) => never = failWith(
  "Usage: npm run token:create -- --name NAME --scopes deployments:write,incidents:write [--by user@example.com]",
);

// the schema's messages name their option already
const args = parseCliArgs({ name: { type: "string" }, scopes: { type: "string" }, by: { type: "string" } }, ArgsSchema, fail, (i) => i.message);

const db = openDb(process.env.DATABASE_PATH ?? "./data/tracker.db");
try {
  let userId: number | null = null;
  if (args.scopes.includes("finance:read") && args.by === undefined) fail("--scopes: finance:read needs --by <a CEO's email>");
  if (args.by !== undefined) {
    const user = db.select({ id: schema.users.id, role: schema.users.role }).from(schema.users).where(eq(schema.users.email, args.by)).get();
    if (!user) fail(`--by: no user has the email ${args.by}`);
    if (user.role !== "ceo" && user.role !== "cto") fail("--by: only a CEO or a CTO may create tokens");
    const refused = args.scopes.filter((s) => !canHoldScope({ id: user.id, role: user.role, teamId: null }, s));
    if (refused.length > 0) fail(`--scopes: ${args.by} may not grant ${refused.join(", ")}`);
    userId = user.id;
  }
  const { id, token } = createApiToken(db, { name: args.name, scopes: args.scopes, createdByUserId: userId }, userId === null ? null : { userId });
  console.error(`Created API token #${id} "${args.name}" with scopes ${args.scopes.join(", ")}. It is shown once:`);
  console.log(token);
} finally {
  db.$client.close();
}
