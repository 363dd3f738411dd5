import { z } from "@hono/zod-openapi";

/** A feed's secret: 32 random bytes, base64url without padding. */
export const FeedSecret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/)
  .openapi({ description: "The feed's secret: 43 characters of base64url" });

export const CreateRoadmapFeed = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional().openapi({
      example: "Platform team calendar",
      description: "For people to tell their links apart; optional",
    }),
  })
  .openapi("CreateRoadmapFeed");
export type CreateRoadmapFeed = z.infer<typeof CreateRoadmapFeed>;

export const RoadmapFeed = z
  .object({
    id: z.uuid(),
    workshopId: z.uuid(),
    name: z.string().nullable(),
    createdBy: z.string().openapi({ description: "Who made it: `token:<id>`" }),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso
      .datetime()
      .nullable()
      .openapi({ description: "Set once revoked; the link then answers 404" }),
  })
  .openapi("RoadmapFeed");
export type RoadmapFeed = z.infer<typeof RoadmapFeed>;

export const CreatedRoadmapFeed = RoadmapFeed.extend({
  url: z.url().openapi({
    example: "https://baton.example.com/feeds/roadmap/3q2-7wEXAMPLEq0cT9l4m1sQ0Zp8b6Yv5n4x2w1k9aU.ics",
    description:
      "The subscription URL with the feed's secret in it. Shown this once; only the secret's hash is stored. " +
      "Anyone with it can read the roadmap until the feed is revoked.",
  }),
}).openapi("CreatedRoadmapFeed");
export type CreatedRoadmapFeed = z.infer<typeof CreatedRoadmapFeed>;

export const RoadmapFeedList = z.object({ feeds: z.array(RoadmapFeed) }).openapi("RoadmapFeedList");
export type RoadmapFeedList = z.infer<typeof RoadmapFeedList>;
