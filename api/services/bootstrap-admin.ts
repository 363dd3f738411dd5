import { and, eq, isNull } from "drizzle-orm";
import { apiTokens } from "../../db/schema/api-tokens.js";
import { DEFAULT_ORG_NAME, orgs } from "../../db/schema/orgs.js";
import type { Database } from "../../db/types.js";
import { sha256Hex } from "../lib/crypto.js";
import { systemContext } from "./context.js";
import { createToken } from "./tokens.js";

export const BOOTSTRAP_TOKEN_NAME = "bootstrap-admin";
const ENV_TOKEN_NAME = "admin (ADMIN_TOKEN)";

export type BootstrapResult =
  | { kind: "env" }
  | { kind: "existing" }
  /** A token was generated now; its secret must be shown to the operator once and never again. */
  | { kind: "generated"; token: string };

/**
 * Makes sure an admin can get in, and that there is an organisation to work in: the first start of an
 * empty deployment makes the `default` one (the migrations make it too, for data older than orgs).
 * - `ADMIN_TOKEN` set: that secret is (re)registered as an admin token (only its hash is stored).
 * - unset, and no active admin token exists: one is generated and returned for printing once.
 * - unset, and an admin token exists: nothing to do; the generated secret is never shown again.
 */
export async function bootstrapAdmin(
  database: Database,
  envToken: string | undefined,
  now: Date,
): Promise<BootstrapResult> {
  const { db } = database;
  const ctx = systemContext(database, now);
  const [anyOrg] = await db.select({ id: orgs.id }).from(orgs).limit(1);
  if (!anyOrg) await db.insert(orgs).values({ name: DEFAULT_ORG_NAME, createdAt: now }).onConflictDoNothing();
  if (envToken) {
    const hash = await sha256Hex(envToken);
    const [known] = await db
      .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, hash));
    if (known?.revokedAt) {
      // The operator's configuration wins over an earlier revocation.
      await db.update(apiTokens).set({ revokedAt: null }).where(eq(apiTokens.id, known.id));
    } else if (!known) {
      // ADMIN_TOKEN changed since the last start: the previous one stops working but stays on record.
      await db
        .update(apiTokens)
        .set({ revokedAt: now, name: `${ENV_TOKEN_NAME} replaced ${now.toISOString()}` })
        .where(eq(apiTokens.name, ENV_TOKEN_NAME));
      await createToken(ctx, { name: ENV_TOKEN_NAME, role: "admin", secret: envToken });
    }
    return { kind: "env" };
  }
  const [admin] = await db
    .select({ id: apiTokens.id })
    .from(apiTokens)
    .where(and(eq(apiTokens.role, "admin"), isNull(apiTokens.revokedAt)))
    .limit(1);
  if (admin) return { kind: "existing" };
  const name = `${BOOTSTRAP_TOKEN_NAME}-${now.toISOString().slice(0, 19).replace(/[-:T]/g, "")}`;
  const created = await createToken(ctx, { name, role: "admin" });
  return { kind: "generated", token: created.token };
}
