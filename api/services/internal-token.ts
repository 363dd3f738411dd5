import { hostname } from "node:os";
import { and, eq, isNull, like, lt } from "drizzle-orm";
import { apiTokens } from "../../db/schema/api-tokens.js";
import type { Db } from "../../db/types.js";
import { generateToken, randomSecret, sha256Hex, tokenPrefix } from "../lib/crypto.js";

/** Every process's bot identity is named `in-process bot <host>/<pid>/<random>`. */
export const PROCESS_BOT_PREFIX = "in-process bot ";
/** How long an identity lives without a heartbeat: a process that dies stops working this long after. */
export const DEFAULT_BOT_IDENTITY_TTL_SECONDS = 600;
/** Identities that lapsed this long ago are deleted when another process starts (tidiness, not safety). */
const PRUNE_AFTER_MS = 7 * 24 * 3600 * 1000;

export interface ProcessBotIdentityOptions {
  now?: () => Date;
  /** Lifetime without a heartbeat, in seconds. */
  ttlSeconds?: number;
  /** How often the lifetime is pushed forward, in seconds; a fifth of the lifetime by default. */
  heartbeatSeconds?: number;
  /** Told when a heartbeat fails (the database is away); the next one tries again. */
  onError?: (err: unknown) => void;
}

export interface ProcessBotIdentity {
  /** The bearer secret, kept only in this process's memory. */
  token: string;
  tokenId: string;
  name: string;
  /** Pushes the expiry forward now (the heartbeat calls it). False when the token was revoked meanwhile. */
  renew(): Promise<boolean>;
  /** Stops the heartbeat and revokes the token (a clean shutdown); a crash leaves it to expire. */
  close(): Promise<void>;
}

/**
 * The bot token this process's in-process chat bots and relay use to call the API: one per process,
 * never shared, so N processes on one database started in any order all keep working (starting one
 * never revokes another). A new secret at every start, kept only in memory (the database holds its
 * hash). It expires `ttlSeconds` after its last heartbeat, so a process that dies without a clean
 * shutdown leaves nothing usable behind for long.
 */
export async function startProcessBotIdentity(
  db: Db,
  opts: ProcessBotIdentityOptions = {},
): Promise<ProcessBotIdentity> {
  const now = opts.now ?? (() => new Date());
  const ttlMs = (opts.ttlSeconds ?? DEFAULT_BOT_IDENTITY_TTL_SECONDS) * 1000;
  const heartbeatMs = (opts.heartbeatSeconds ?? ttlMs / 5000) * 1000;
  const secret = generateToken();
  const name = `${PROCESS_BOT_PREFIX}${hostname()}/${process.pid}/${randomSecret().slice(0, 8)}`;
  const started = now();
  // Identities of processes long gone: expired a week ago or more.
  await db
    .delete(apiTokens)
    .where(
      and(
        like(apiTokens.name, `${PROCESS_BOT_PREFIX}%`),
        lt(apiTokens.expiresAt, new Date(started.getTime() - PRUNE_AFTER_MS)),
      ),
    );
  const [row] = await db
    .insert(apiTokens)
    .values({
      name,
      role: "bot",
      // Platform-wide, like the admin: the process's bots serve every organisation's workshops.
      orgId: null,
      tokenHash: await sha256Hex(secret),
      prefix: tokenPrefix(secret),
      createdAt: started,
      expiresAt: new Date(started.getTime() + ttlMs),
    })
    .returning({ id: apiTokens.id });
  if (!row) throw new Error("insert returned no row");
  const tokenId = row.id;

  const renew = async () => {
    const updated = await db
      .update(apiTokens)
      .set({ expiresAt: new Date(now().getTime() + ttlMs) })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    return updated.length > 0;
  };
  let beating = true;
  const timer = setInterval(() => {
    if (!beating) return;
    renew().then(
      (alive) => {
        if (!alive) opts.onError?.(new Error(`the bot identity ${name} was revoked`));
      },
      (err) => opts.onError?.(err),
    );
  }, heartbeatMs);
  timer.unref?.();
  return {
    token: secret,
    tokenId,
    name,
    renew,
    async close() {
      beating = false;
      clearInterval(timer);
      await db
        .update(apiTokens)
        .set({ revokedAt: now() })
        .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)));
    },
  };
}
