import { and, asc, eq, isNull } from "drizzle-orm";
import type { Logger } from "pino";
import { type ShareLinkRow, shareLinks } from "../../db/schema/share-links.js";
import { type WorkshopRow, workshops } from "../../db/schema/workshops.js";
import type { Database } from "../../db/types.js";
import { DomainError } from "../errors.js";
import { randomSecret, sha256Hex } from "../lib/crypto.js";
import { type CreateShareLink, type ShareLink, ShareSecret } from "../schemas/share-link.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, onDb, type ServiceContext } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";

export function toShareLink(row: ShareLinkRow): ShareLink {
  return {
    id: row.id,
    workshopId: row.workshopId,
    name: row.name,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The web view's path; its secret is the only credential, so it is never logged or stored. */
export function shareLinkPath(secret: string): string {
  return `/w/${secret}`;
}

/**
 * Creates a link and returns its secret, the only time the secret exists outside the caller. A bot
 * creates one only for a facilitator of the workshop it names (`/agenda report`, the wrap-up).
 */
export async function createShareLink(
  ctx: ServiceContext,
  input: Omit<CreateShareLink, "actor"> & { workshopId: string },
): Promise<{ link: ShareLink; secret: string }> {
  const { workshopId } = input;
  const { now } = ctx;
  const actor = actorName(ctx);
  const secret = randomSecret();
  const tokenHash = await sha256Hex(secret);
  const row = await ctx.database.db.transaction(async (tx) => {
    const tctx = onDb(ctx, tx);
    await loadWorkshop(tctx, workshopId);
    if (ctx.caller.role === "bot") await assertCanFacilitate(tctx, workshopId);
    const [created] = await tx
      .insert(shareLinks)
      .values({ workshopId, name: input.name ?? null, tokenHash, createdBy: actor, createdAt: now })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await audit(tx, ctx, {
      workshopId,
      action: "share-link.create",
      entityType: "shareLink",
      entityId: created.id,
      details: { workshopId, name: created.name },
    });
    return created;
  });
  return { link: toShareLink(row), secret };
}

/** The workshop's links, oldest first, revoked ones included (with `revokedAt`); never their secrets. */
export async function listShareLinks(
  ctx: ServiceContext,
  input: { workshopId: string },
): Promise<ShareLink[]> {
  await loadWorkshop(ctx, input.workshopId);
  const rows = await ctx.db
    .select()
    .from(shareLinks)
    .where(eq(shareLinks.workshopId, input.workshopId))
    .orderBy(asc(shareLinks.createdAt), asc(shareLinks.id));
  return rows.map(toShareLink);
}

/** Revokes a link of this workshop: its pages answer 404 from now on. Revoking twice is a no-op. */
export async function revokeShareLink(
  ctx: ServiceContext,
  input: { workshopId: string; linkId: string },
): Promise<void> {
  const { workshopId, linkId } = input;
  const { now } = ctx;
  const _actor = actorName(ctx);
  await ctx.database.db.transaction(async (tx) => {
    await loadWorkshop(onDb(ctx, tx), workshopId);
    const [row] = await tx
      .select({ id: shareLinks.id, revokedAt: shareLinks.revokedAt })
      .from(shareLinks)
      .where(and(eq(shareLinks.id, linkId), eq(shareLinks.workshopId, workshopId)))
      .for("update");
    if (!row) throw new DomainError("NOT_FOUND", `No share link ${linkId} in workshop ${workshopId}.`);
    if (row.revokedAt) return;
    await tx.update(shareLinks).set({ revokedAt: now }).where(eq(shareLinks.id, linkId));
    await audit(tx, ctx, {
      workshopId,
      action: "share-link.revoke",
      entityType: "shareLink",
      entityId: linkId,
      details: { workshopId },
    });
  });
}

/**
 * The workshop a link's secret opens, and a read-only service context to read it with. The secret is
 * looked up by its SHA-256 through the unique index; an unknown, malformed and revoked secret get the
 * same 404. The context reads as the room sees it (a `pm` role that cannot peek at blind polls),
 * scoped to the link's workshop and its organisation: `loadWorkshop` lets it reach that workshop and
 * no other.
 */
export async function openShareLink(
  deps: { database: Database; now: Date; log: Logger },
  secret: string,
): Promise<{ workshop: WorkshopRow; ctx: ServiceContext; linkId: string }> {
  const notFound = () => new DomainError("NOT_FOUND", "Nothing here: the link is wrong or no longer valid.");
  if (!ShareSecret.safeParse(secret).success) throw notFound();
  const [found] = await deps.database.db
    .select({ workshop: workshops, linkId: shareLinks.id })
    .from(shareLinks)
    .innerJoin(workshops, eq(workshops.id, shareLinks.workshopId))
    .where(and(eq(shareLinks.tokenHash, await sha256Hex(secret)), isNull(shareLinks.revokedAt)))
    .limit(1);
  if (!found) throw notFound();
  const ctx: ServiceContext = {
    db: deps.database.db,
    database: deps.database,
    caller: {
      tokenId: found.linkId,
      name: "share-link",
      role: "pm",
      orgId: found.workshop.orgId,
      workshopId: found.workshop.id,
    },
    actor: null,
    now: deps.now,
    log: deps.log,
  };
  return { workshop: found.workshop, ctx, linkId: found.linkId };
}
