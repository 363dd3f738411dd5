import { z } from "@hono/zod-openapi";
import { SecretLinkSecret, secretLinkFields, secretLinkName, secretLinkUrl } from "./secret-link.js";

export const FeedSecret = SecretLinkSecret;

export const CreateRoadmapFeed = z
  .strictObject({ name: secretLinkName("Platform team calendar") })
  .openapi("CreateRoadmapFeed");
export type CreateRoadmapFeed = z.infer<typeof CreateRoadmapFeed>;

export const RoadmapFeed = z.object(secretLinkFields).openapi("RoadmapFeed");
export type RoadmapFeed = z.infer<typeof RoadmapFeed>;

export const CreatedRoadmapFeed = RoadmapFeed.extend({
  url: secretLinkUrl(
    "https://baton.example.com/feeds/roadmap/3q2-7wEXAMPLEq0cT9l4m1sQ0Zp8b6Yv5n4x2w1k9aU.ics",
    "The subscription URL with the feed's secret in it. Anyone with it can read the roadmap until the feed is revoked.",
  ),
}).openapi("CreatedRoadmapFeed");
export type CreatedRoadmapFeed = z.infer<typeof CreatedRoadmapFeed>;

export const RoadmapFeedList = z.object({ feeds: z.array(RoadmapFeed) }).openapi("RoadmapFeedList");
export type RoadmapFeedList = z.infer<typeof RoadmapFeedList>;
