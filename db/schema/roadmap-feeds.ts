import { index, pgTable } from "drizzle-orm/pg-core";
import { secretLinkColumns } from "./secret-link.js";

/**
 * Secret links to a workshop's roadmap as iCalendar, for calendar apps that subscribe by URL and
 * cannot send a bearer token.
 */
export const roadmapFeeds = pgTable("roadmap_feeds", secretLinkColumns(), (t) => [
  index("roadmap_feeds_workshop_idx").on(t.workshopId, t.createdAt),
]);

export type RoadmapFeedRow = typeof roadmapFeeds.$inferSelect;
