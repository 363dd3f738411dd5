import { and, eq, isNull } from "drizzle-orm";
import { type RoadmapFeedRow, roadmapFeeds } from "../../db/schema/roadmap-feeds.js";
import { workshops } from "../../db/schema/workshops.js";
import type { Db } from "../../db/types.js";
import { roadmapFileName } from "../domain/roadmap/file-name.js";
import { DomainError } from "../errors.js";
import { sha256Hex } from "../lib/crypto.js";
import { type CreateRoadmapFeed, FeedSecret, type RoadmapFeed } from "../schemas/roadmap-feed.js";
import type { ServiceContext } from "./context.js";
import { findPlan, roadmapCalendar } from "./plans.js";
import {
  createSecretLink,
  listSecretLinks,
  revokeSecretLink,
  type SecretLinkKind,
  toSecretLinkView,
} from "./secret-links.js";

export const toRoadmapFeed: (row: RoadmapFeedRow) => RoadmapFeed = toSecretLinkView;

const ROADMAP_FEEDS: SecretLinkKind = {
  table: roadmapFeeds,
  entityType: "roadmapFeed",
  action: "roadmap.feed",
  noun: "roadmap feed",
};

/** The path a feed is read at; its secret is the only credential, so it is never logged or stored. */
export function roadmapFeedPath(secret: string): string {
  return `/feeds/roadmap/${secret}.ics`;
}

/** Creates a feed and returns its secret, the only time the secret exists outside the caller. */
export async function createRoadmapFeed(
  ctx: ServiceContext,
  input: CreateRoadmapFeed & { workshopId: string },
): Promise<{ feed: RoadmapFeed; secret: string }> {
  const { link, secret } = await createSecretLink(ctx, ROADMAP_FEEDS, input);
  return { feed: link, secret };
}

/** The workshop's feeds, oldest first, revoked ones included (with `revokedAt`); never their secrets. */
export async function listRoadmapFeeds(
  ctx: ServiceContext,
  input: { workshopId: string },
): Promise<RoadmapFeed[]> {
  return listSecretLinks(ctx, ROADMAP_FEEDS, input.workshopId);
}

/** Revokes a feed of this workshop: its link answers 404 from now on. Revoking twice is a no-op. */
export async function revokeRoadmapFeed(
  ctx: ServiceContext,
  input: { workshopId: string; feedId: string },
): Promise<void> {
  return revokeSecretLink(ctx, ROADMAP_FEEDS, { workshopId: input.workshopId, linkId: input.feedId });
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
