import crypto from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { canHoldScope, type Actor } from "~/auth/permissions";
import { recordAudit, type AuditActor } from "~/models/audit.server";
import { schema, type Db } from "~/utils/db.server";
import { API_SCOPES, type ApiScope } from "../../db/schema";

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

export type ApiPrincipal = {
  tokenId: number;
  name: string;
  /** the scopes this request may use */
  scopes: ApiScope[];
  /** scopes the token was given but its creator may no longer hold (403 with that reason) */
  lapsedScopes: ApiScope[];
};

function scopesOf(stored: string): ApiScope[] {
  return stored.split(",").filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));
}

/**
 * The active token matching a presented secret (and marks it used), or null. A token acts with
 * its creator's rights as they are NOW, re-checked on every request (canHoldScope): a deactivated
 * creator's tokens stop working, a creator demoted to viewer keeps only metrics:read, and
 * finance:read holds only while the creator is a CEO. Tokens made on the server with
 * `npm run token:create` and no `--by` have no creator: every scope but finance:read.
 */
/** How stale a token's "last used" instant may be: it is written at most once a minute. */
export const LAST_USED_PRECISION_MS = 60_000;

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
      creatorTeamId: schema.users.teamId,
      lastUsedAt: schema.apiTokens.lastUsedAt,
    })
    .from(schema.apiTokens)
    .leftJoin(schema.users, eq(schema.users.id, schema.apiTokens.createdByUserId))
    .where(and(eq(schema.apiTokens.tokenHash, hashToken(presented)), isNull(schema.apiTokens.revokedAt)))
    .get();
  if (!row) return null;
  if (row.creatorId !== null && row.creatorActive !== true) return null;
  // "Last used" to the minute: a read through the API writes nothing more often than that (a write
  // per request took the database's write lock, and an fsync, for every GET under load).
  if (row.lastUsedAt === null || now - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    db.update(schema.apiTokens)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(schema.apiTokens.id, row.id))
      .run();
  }
  const creator: Actor | null =
    row.creatorId !== null && row.creatorRole !== null ? { id: row.creatorId, role: row.creatorRole, teamId: row.creatorTeamId } : null;
  const holds = (s: ApiScope) => (creator ? canHoldScope(creator, s) : s !== "finance:read");
  const given = scopesOf(row.scopes);
  return { tokenId: row.id, name: row.name, scopes: given.filter(holds), lapsedScopes: given.filter((s) => !holds(s)) };
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

export type RevokeOutcome = "revoked" | "not-found" | "forbidden";

/**
 * Revokes an active token, if `by` may: a user revokes only tokens whose every scope they could
 * grant themselves (a CTO cannot revoke the CEO's finance:read token; a CEO can revoke any).
 */
export function revokeApiToken(db: Db, tokenId: number, by: Actor): RevokeOutcome {
  return db.transaction((tx) => {
    const token = tx
      .select({ scopes: schema.apiTokens.scopes })
      .from(schema.apiTokens)
      .where(and(eq(schema.apiTokens.id, tokenId), isNull(schema.apiTokens.revokedAt)))
      .get();
    if (!token) return "not-found";
    if (!mayRevoke(by, token.scopes)) return "forbidden";
    tx.update(schema.apiTokens).set({ revokedAt: new Date() }).where(eq(schema.apiTokens.id, tokenId)).run();
    recordAudit(tx, { actor: { userId: by.id }, action: "revoke", entityType: "api_token", entityId: tokenId });
    return "revoked";
  });
}

/** The revocation rule of revokeApiToken, for the list page to show the button only where it works. */
export function mayRevoke(by: Actor, storedScopes: string): boolean {
  return scopesOf(storedScopes).every((s) => canHoldScope(by, s));
}
