import { and, asc, eq, isNull } from "drizzle-orm";
import { type RoadmapFeedRow, roadmapFeeds } from "../../db/schema/roadmap-feeds.js";
import { workshops } from "../../db/schema/workshops.js";
import type { Db } from "../../db/types.js";
import { roadmapFileName } from "../domain/roadmap/file-name.js";
import { DomainError } from "../errors.js";
import { randomSecret, sha256Hex } from "../lib/crypto.js";
import { type CreateRoadmapFeed, FeedSecret, type RoadmapFeed } from "../schemas/roadmap-feed.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, onDb, type ServiceContext } from "./context.js";
import { findPlan, roadmapCalendar } from "./plans.js";

export function toRoadmapFeed(row: RoadmapFeedRow): RoadmapFeed {
  return {
    id: row.id,
    workshopId: row.workshopId,
    name: row.name,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The path a feed is read at; its secret is the only credential, so it is never logged or stored. */
export function roadmapFeedPath(secret: string): string {
  return `/feeds/roadmap/${secret}.ics`;
}

/** Creates a feed and returns its secret, the only time the secret exists outside the caller. */
export async function createRoadmapFeed(
  ctx: ServiceContext,
  input: CreateRoadmapFeed & { workshopId: string },
): Promise<{ feed: RoadmapFeed; secret: string }> {
  const { workshopId } = input;
  const { now } = ctx;
  const actor = actorName(ctx);
  const secret = randomSecret();
  const tokenHash = await sha256Hex(secret);
  const row = await ctx.database.db.transaction(async (tx) => {
    await loadWorkshop(onDb(ctx, tx), workshopId);
    const [created] = await tx
      .insert(roadmapFeeds)
      .values({ workshopId, name: input.name ?? null, tokenHash, createdBy: actor, createdAt: now })
      .returning();
    if (!created) throw new Error("insert returned no row");
    await audit(tx, ctx, {
      workshopId,
      action: "roadmap.feed.create",
      entityType: "roadmapFeed",
      entityId: created.id,
      details: { workshopId, name: created.name },
    });
    return created;
  });
  return { feed: toRoadmapFeed(row), secret };
}

/** The workshop's feeds, oldest first, revoked ones included (with `revokedAt`); never their secrets. */
export async function listRoadmapFeeds(
  ctx: ServiceContext,
  input: { workshopId: string },
): Promise<RoadmapFeed[]> {
  const { workshopId } = input;
  await loadWorkshop(ctx, workshopId);
  const rows = await ctx.db
    .select()
    .from(roadmapFeeds)
    .where(eq(roadmapFeeds.workshopId, workshopId))
    .orderBy(asc(roadmapFeeds.createdAt), asc(roadmapFeeds.id));
  return rows.map(toRoadmapFeed);
}

/** Revokes a feed of this workshop: its link answers 404 from now on. Revoking twice is a no-op. */
export async function revokeRoadmapFeed(
  ctx: ServiceContext,
  input: { workshopId: string; feedId: string },
): Promise<void> {
  const { workshopId, feedId } = input;
  const { now } = ctx;
  await ctx.database.db.transaction(async (tx) => {
    await loadWorkshop(onDb(ctx, tx), workshopId);
    const [row] = await tx
      .select({ id: roadmapFeeds.id, revokedAt: roadmapFeeds.revokedAt })
      .from(roadmapFeeds)
      .where(and(eq(roadmapFeeds.id, feedId), eq(roadmapFeeds.workshopId, workshopId)))
      .for("update");
    if (!row) throw new DomainError("NOT_FOUND", `No roadmap feed ${feedId} in workshop ${workshopId}.`);
    if (row.revokedAt) return;
    await tx.update(roadmapFeeds).set({ revokedAt: now }).where(eq(roadmapFeeds.id, feedId));
    await audit(tx, ctx, {
      workshopId,
      action: "roadmap.feed.revoke",
      entityType: "roadmapFeed",
      entityId: feedId,
      details: { workshopId },
    });
  });
}

/**
 * The roadmap calendar a feed's secret opens. The secret is looked up by its SHA-256 through the
 * unique index, so the comparison leaks nothing about stored secrets; an unknown, malformed and
 * revoked secret get the same answer.
 */
export async function readRoadmapFeed(
  db: Db,
  secret: string,
): Promise<{ calendar: string; fileName: string }> {
  const notFound = () =>
    new DomainError("NOT_FOUND", "No roadmap feed at this address: the link is wrong or no longer valid.");
  if (!FeedSecret.safeParse(secret).success) throw notFound();
  const [feed] = await db
    .select({ id: workshops.id, name: workshops.name })
    .from(roadmapFeeds)
    .innerJoin(workshops, eq(workshops.id, roadmapFeeds.workshopId))
    .where(and(eq(roadmapFeeds.tokenHash, await sha256Hex(secret)), isNull(roadmapFeeds.revokedAt)))
    .limit(1);
  if (!feed) throw notFound();
  return {
    calendar: roadmapCalendar(feed, await findPlan(db, feed.id)),
    fileName: roadmapFileName(feed.name, "ics"),
  };
}
