import { and, asc, eq } from "drizzle-orm";
import type { roadmapFeeds } from "../../db/schema/roadmap-feeds.js";
import type { shareLinks } from "../../db/schema/share-links.js";
import { DomainError } from "../errors.js";
import { randomSecret, sha256Hex } from "../lib/crypto.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, onDb, type ServiceContext } from "./context.js";

/** A table of secret links: the columns of db/schema/secret-link.ts. */
export type SecretLinkTable = typeof shareLinks | typeof roadmapFeeds;
export type SecretLinkRow = typeof shareLinks.$inferSelect;

/** One kind of secret link: its table, what its audit entries and errors call it. */
export interface SecretLinkKind {
  table: SecretLinkTable;
  /** The audit entries' entity type ("shareLink") and action prefix ("share-link" → share-link.create). */
  entityType: string;
  action: string;
  /** In an error: "share link", "roadmap feed". */
  noun: string;
}

/** A link as the API lists it: never its secret. */
export interface SecretLinkView {
  id: string;
  workshopId: string;
  name: string | null;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

export function toSecretLinkView(row: SecretLinkRow): SecretLinkView {
  return {
    id: row.id,
    workshopId: row.workshopId,
    name: row.name,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/**
 * The kinds share one shape, so one table's typed query builder serves both; the table object passed
 * is the kind's own (drizzle builds its SQL from the object, not the type).
 */
const same = (kind: SecretLinkKind) => kind.table as typeof shareLinks;

/**
 * Makes a link and returns its secret, the only time the secret exists outside the caller. `check`
 * runs in the transaction after the workshop is loaded (who may make one).
 */
export async function createSecretLink(
  ctx: ServiceContext,
  kind: SecretLinkKind,
  input: { workshopId: string; name?: string | undefined },
  check?: (tctx: ServiceContext) => Promise<void>,
): Promise<{ link: SecretLinkView; secret: string }> {
  const { workshopId } = input;
  const table = same(kind);
  const secret = randomSecret();
  const tokenHash = await sha256Hex(secret);
  const row = await ctx.database.db.transaction(async (tx) => {
    const tctx = onDb(ctx, tx);
    await loadWorkshop(tctx, workshopId);
    await check?.(tctx);
    const [created] = await tx
      .insert(table)
      .values({
        workshopId,
        name: input.name ?? null,
        tokenHash,
        createdBy: actorName(ctx),
        createdAt: ctx.now,
      })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await audit(tx, ctx, {
      workshopId,
      action: `${kind.action}.create`,
      entityType: kind.entityType,
      entityId: created.id,
      details: { workshopId, name: created.name },
    });
    return created;
  });
  return { link: toSecretLinkView(row), secret };
}

/** The workshop's links of this kind, oldest first, revoked ones included (with `revokedAt`). */
export async function listSecretLinks(
  ctx: ServiceContext,
  kind: SecretLinkKind,
  workshopId: string,
): Promise<SecretLinkView[]> {
  await loadWorkshop(ctx, workshopId);
  const table = same(kind);
  const rows = await ctx.db
    .select()
    .from(table)
    .where(eq(table.workshopId, workshopId))
    .orderBy(asc(table.createdAt), asc(table.id));
  return rows.map(toSecretLinkView);
}

/** Revokes a link of this workshop: it answers 404 from now on. Revoking twice is a no-op. */
export async function revokeSecretLink(
  ctx: ServiceContext,
  kind: SecretLinkKind,
  input: { workshopId: string; linkId: string },
): Promise<void> {
  const { workshopId, linkId } = input;
  const table = same(kind);
  await ctx.database.db.transaction(async (tx) => {
    await loadWorkshop(onDb(ctx, tx), workshopId);
    const [row] = await tx
      .select({ id: table.id, revokedAt: table.revokedAt })
      .from(table)
      .where(and(eq(table.id, linkId), eq(table.workshopId, workshopId)))
      .for("update");
    if (!row) throw new DomainError("NOT_FOUND", `No ${kind.noun} ${linkId} in workshop ${workshopId}.`);
    if (row.revokedAt) return;
    await tx.update(table).set({ revokedAt: ctx.now }).where(eq(table.id, linkId));
    await audit(tx, ctx, {
      workshopId,
      action: `${kind.action}.revoke`,
      entityType: kind.entityType,
      entityId: linkId,
      details: { workshopId },
    });
  });
}
