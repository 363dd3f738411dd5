import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { type ApiTokenRow, apiTokens, type Role } from "../../db/schema/api-tokens.js";
import { workshops } from "../../db/schema/workshops.js";
import { DomainError, isUniqueViolation } from "../errors.js";
import { generateToken, sha256Hex, tokenPrefix } from "../lib/crypto.js";
import type { CreatedToken, Token } from "../schemas/token.js";
import { audit } from "./audit.js";
import { resolveOrgId, type ServiceContext } from "./context.js";

export function toToken(row: ApiTokenRow): Token {
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    orgId: row.orgId,
    workshopId: row.workshopId,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

export interface CreateTokenInput {
  name: string;
  role: Role;
  /** Omitted: the only organisation (400 when there are several); null: platform-wide (admin, bot). */
  orgId?: string | null | undefined;
  workshopId?: string | undefined;
  /** A known secret (ADMIN_TOKEN); generated when omitted. */
  secret?: string;
}

/** Where a new token works: admin everywhere; a bot with `orgId: null` in every organisation; else one. */
async function tokenScope(
  ctx: ServiceContext,
  input: CreateTokenInput,
): Promise<{ orgId: string | null; workshopId: string | null }> {
  if (input.role === "admin") {
    if (input.orgId || input.workshopId) {
      const path = input.orgId ? "orgId" : "workshopId";
      throw new DomainError("VALIDATION", `${path}: an admin token is platform-wide; leave it out`, [
        { path, message: "not for role admin" },
      ]);
    }
    return { orgId: null, workshopId: null };
  }
  if (input.orgId === null && input.role === "bot" && !input.workshopId)
    return { orgId: null, workshopId: null };
  if (input.orgId === null) {
    throw new DomainError("VALIDATION", "orgId: only admin and bot tokens may be platform-wide", [
      { path: "orgId", message: "required for this role" },
    ]);
  }
  let orgId = input.orgId;
  if (input.workshopId && !orgId) {
    const [w] = await ctx.db
      .select({ orgId: workshops.orgId })
      .from(workshops)
      .where(eq(workshops.id, input.workshopId));
    orgId = w?.orgId;
  }
  const resolved = await resolveOrgId(ctx, orgId);
  if (input.workshopId) {
    const [w] = await ctx.db
      .select({ id: workshops.id })
      .from(workshops)
      .where(and(eq(workshops.id, input.workshopId), eq(workshops.orgId, resolved)));
    if (!w) {
      throw new DomainError("NOT_FOUND", `No workshop ${input.workshopId} in this organisation.`, [
        { path: "workshopId", message: "no such workshop in the organisation" },
      ]);
    }
  }
  return { orgId: resolved, workshopId: input.workshopId ?? null };
}

/** Creates a token and returns its secret, the only time the secret exists outside the caller. */
export async function createToken(ctx: ServiceContext, input: CreateTokenInput): Promise<CreatedToken> {
  const secret = input.secret ?? generateToken();
  const scope = await tokenScope(ctx, input);
  try {
    const row = await ctx.database.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(apiTokens)
        .values({
          name: input.name,
          role: input.role,
          ...scope,
          tokenHash: await sha256Hex(secret),
          prefix: tokenPrefix(secret),
          createdAt: ctx.now,
        })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await audit(tx, ctx, {
        workshopId: null,
        action: "token.create",
        entityType: "token",
        entityId: created.id,
        details: { name: input.name, role: input.role, ...scope },
      });
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

export async function listTokens(ctx: ServiceContext): Promise<Token[]> {
  const rows = await ctx.db.select().from(apiTokens).orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
  return rows.map(toToken);
}

/** Revokes a token. Revoking twice is a no-op; the last active admin token cannot be revoked. */
export async function revokeToken(ctx: ServiceContext, id: string): Promise<Token> {
  return ctx.database.db.transaction(async (tx) => {
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
      .set({ revokedAt: ctx.now })
      .where(eq(apiTokens.id, id))
      .returning();
    await audit(tx, ctx, { workshopId: null, action: "token.revoke", entityType: "token", entityId: id });
    return toToken(updated ?? row);
  });
}
