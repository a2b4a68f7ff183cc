import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { API_SCOPES, type ApiScope } from "../../db/schema";
import { recordAudit, type AuditActor } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";

export { API_SCOPES, type ApiScope };

export const TOKEN_PREFIX = "itk_";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** Creates a token; the secret is returned once and only its hash is stored. */
export function createApiToken(
  db: Db,
  input: { name: string; scopes: ApiScope[]; createdByUserId: number | null },
  actor: AuditActor | null,
): { id: number; token: string } {
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString("base64url");
  return db.transaction((tx) => {
    const row = tx
      .insert(schema.apiTokens)
      .values({
        name: input.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        scopes: [...new Set(input.scopes)].join(","),
        createdByUserId: input.createdByUserId,
      })
      .returning({ id: schema.apiTokens.id })
      .get();
    if (actor) {
      recordAudit(tx, { actor, action: "create", entityType: "api_token", entityId: row.id, after: { name: input.name, scopes: input.scopes } });
    }
    return { id: row.id, token };
  });
}

export type ApiPrincipal = { tokenId: number; name: string; scopes: ApiScope[] };

/**
 * The active token matching a presented secret (and marks it used), or null. A token acts with
 * its creator's rights as they are now: a deactivated creator's tokens stop working, and
 * `finance:read` holds only while the creator is still a CEO. (Tokens made on the server with
 * `npm run token:create` and no `--by` have no creator and cannot hold `finance:read`.)
 */
export function authenticateToken(db: Db, presented: string, now = Date.now()): ApiPrincipal | null {
  if (!presented.startsWith(TOKEN_PREFIX) || presented.length > 200) return null;
  const row = db
    .select({
      id: schema.apiTokens.id,
      name: schema.apiTokens.name,
      scopes: schema.apiTokens.scopes,
      creatorId: schema.apiTokens.createdByUserId,
      creatorActive: schema.users.active,
      creatorRole: schema.users.role,
    })
    .from(schema.apiTokens)
    .leftJoin(schema.users, eq(schema.users.id, schema.apiTokens.createdByUserId))
    .where(and(eq(schema.apiTokens.tokenHash, hashToken(presented)), isNull(schema.apiTokens.revokedAt)))
    .get();
  if (!row) return null;
  if (row.creatorId !== null && row.creatorActive !== true) return null;
  db.update(schema.apiTokens).set({ lastUsedAt: new Date(now) }).where(eq(schema.apiTokens.id, row.id)).run();
  const scopes = row.scopes
    .split(",")
    .filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s))
    .filter((s) => s !== "finance:read" || row.creatorRole === "ceo");
  return { tokenId: row.id, name: row.name, scopes };
}

export function listApiTokens(db: Db) {
  return db
    .select({
      id: schema.apiTokens.id,
      name: schema.apiTokens.name,
      prefix: schema.apiTokens.prefix,
      scopes: schema.apiTokens.scopes,
      lastUsedAt: schema.apiTokens.lastUsedAt,
      revokedAt: schema.apiTokens.revokedAt,
      createdAt: schema.apiTokens.createdAt,
      createdBy: schema.users.name,
    })
    .from(schema.apiTokens)
    .leftJoin(schema.users, eq(schema.users.id, schema.apiTokens.createdByUserId))
    .orderBy(desc(schema.apiTokens.createdAt))
    .all();
}

export function revokeApiToken(db: Db, tokenId: number, actor: AuditActor): boolean {
  return db.transaction((tx) => {
    const res = tx
      .update(schema.apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(schema.apiTokens.id, tokenId), isNull(schema.apiTokens.revokedAt)))
      .run();
    if (res.changes === 0) return false;
    recordAudit(tx, { actor, action: "revoke", entityType: "api_token", entityId: tokenId });
    return true;
  });
}
