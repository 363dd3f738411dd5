import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { type ApiTokenRow, apiTokens, type Role } from "../../db/schema/api-tokens.js";
import type { Db } from "../../db/types.js";
import { DomainError, isUniqueViolation } from "../errors.js";
import { generateToken, sha256Hex, tokenPrefix } from "../lib/crypto.js";
import type { CreatedToken, Token } from "../schemas/token.js";
import { audit } from "./audit.js";

export function toToken(row: ApiTokenRow): Token {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/** Creates a token and returns its secret, the only time the secret exists outside the caller. */
export async function createToken(
  db: Db,
  input: { name: string; role: Role; secret?: string },
  actor: string,
  now: Date,
): Promise<CreatedToken> {
  const secret = input.secret ?? generateToken();
  try {
    const row = await db.transaction(async (tx) => {
      const [created] = await tx
        .insert(apiTokens)
        .values({
          name: input.name,
          role: input.role,
          tokenHash: await sha256Hex(secret),
          prefix: tokenPrefix(secret),
          createdAt: now,
        })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await audit(
        tx,
        {
          actor,
          action: "token.create",
          entityType: "token",
          entityId: created.id,
          details: { name: input.name, role: input.role },
        },
        now,
      );
      return created;
    });
    return { ...toToken(row), token: secret };
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new DomainError("CONFLICT", `A token named "${input.name}" already exists.`, [
        { path: "name", message: "already taken" },
      ]);
    }
    throw err;
  }
}

export async function listTokens(db: Db): Promise<Token[]> {
  const rows = await db.select().from(apiTokens).orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
  return rows.map(toToken);
}

/** Revokes a token. Revoking twice is a no-op; the last active admin token cannot be revoked. */
export async function revokeToken(db: Db, id: string, actor: string, now: Date): Promise<Token> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(apiTokens).where(eq(apiTokens.id, id)).for("update");
    if (!row) throw new DomainError("NOT_FOUND", `No token ${id}.`);
    if (row.revokedAt) return toToken(row);
    if (row.role === "admin") {
      const others = await tx
        .select({ id: apiTokens.id })
        .from(apiTokens)
        .where(and(eq(apiTokens.role, "admin"), isNull(apiTokens.revokedAt), ne(apiTokens.id, id)))
        .limit(1);
      if (others.length === 0) {
        throw new DomainError(
          "CONFLICT",
          "This is the last active admin token; create another admin token first.",
        );
      }
    }
    const [updated] = await tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(eq(apiTokens.id, id))
      .returning();
    await audit(tx, { actor, action: "token.revoke", entityType: "token", entityId: id }, now);
    return toToken(updated ?? row);
  });
}
