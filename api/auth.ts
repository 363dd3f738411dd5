import { and, eq, gt, isNull, or } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { apiTokens, type Role } from "../db/schema/api-tokens.js";
import type { AppEnv, Caller } from "./context.js";
import { DomainError } from "./errors.js";
import { sha256Hex } from "./lib/crypto.js";

/**
 * Resolves `Authorization: Bearer <token>` to a caller, or refuses with 401. A known token is
 * remembered for `tokenCacheSeconds` (see TokenCache), so a burst of requests does not hash and look
 * it up each time.
 */
export const authenticate = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    c.header("WWW-Authenticate", 'Bearer realm="baton"');
    throw new DomainError("UNAUTHORIZED", "Missing bearer token: send `Authorization: Bearer <token>`.");
  }
  const cache = c.get("tokenCache");
  const cached = cache.get(match[1]);
  if (cached) {
    c.set("caller", cached);
    await next();
    return;
  }
  const hash = await sha256Hex(match[1]);
  const [row] = await c
    .get("deps")
    .database.db.select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      orgId: apiTokens.orgId,
      workshopId: apiTokens.workshopId,
    })
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.tokenHash, hash),
        isNull(apiTokens.revokedAt),
        // A process's bot identity lapses on its own once its heartbeat stops (internal-token.ts).
        or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, c.get("deps").now())),
      ),
    )
    .limit(1);
  if (!row) {
    c.header("WWW-Authenticate", 'Bearer realm="baton", error="invalid_token"');
    throw new DomainError("UNAUTHORIZED", "Unknown or revoked token.");
  }
  const caller: Caller = {
    tokenId: row.id,
    name: row.name,
    role: row.role,
    orgId: row.orgId,
    workshopId: row.workshopId,
  };
  cache.set(match[1], caller);
  c.set("caller", caller);
  await next();
});

/** Lets the request through only for the given roles; admin is always allowed. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const role = c.get("caller").role;
    if (role !== "admin" && !roles.includes(role)) {
      throw new DomainError(
        "FORBIDDEN",
        `This needs the role ${["admin", ...roles].join(" or ")}; your token has the role ${role}.`,
      );
    }
    await next();
  });
}
