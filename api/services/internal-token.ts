import { eq } from "drizzle-orm";
import { apiTokens } from "../../db/schema/api-tokens.js";
import type { Db } from "../../db/types.js";
import { generateToken, sha256Hex, tokenPrefix } from "../lib/crypto.js";

const NAME = "in-process bots";

/**
 * The bot token the in-process chat bots use to call the API. A new secret at every start, kept only
 * in memory (the database holds its hash), so nothing to configure and nothing to leak.
 */
export async function rotateInProcessBotToken(db: Db, now: Date): Promise<string> {
  const secret = generateToken();
  const values = {
    role: "bot" as const,
    tokenHash: await sha256Hex(secret),
    prefix: tokenPrefix(secret),
    revokedAt: null,
  };
  const updated = await db
    .update(apiTokens)
    .set(values)
    .where(eq(apiTokens.name, NAME))
    .returning({ id: apiTokens.id });
  if (updated.length === 0)
    await db
      .insert(apiTokens)
      .values({ name: NAME, createdAt: now, ...values })
      .onConflictDoNothing();
  return secret;
}
