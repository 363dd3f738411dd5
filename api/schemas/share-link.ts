import { z } from "@hono/zod-openapi";
import { Actor } from "./actor.js";

export { FeedSecret as ShareSecret } from "./roadmap-feed.js";

export const CreateShareLink = z
  .strictObject({
    name: z.string().trim().min(1).max(100).optional().openapi({
      example: "Steering committee",
      description: "For people to tell their links apart; optional",
    }),
    actor: Actor.optional().openapi({
      description: "Required for bot tokens: a facilitator of the workshop (`/agenda report` in chat)",
    }),
  })
  .openapi("CreateShareLink");
export type CreateShareLink = z.infer<typeof CreateShareLink>;

export const ShareLink = z
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
  .openapi("ShareLink");
export type ShareLink = z.infer<typeof ShareLink>;

export const CreatedShareLink = ShareLink.extend({
  url: z.url().openapi({
    example: "https://baton.example.com/w/3q2-7wEXAMPLEq0cT9l4m1sQ0Zp8b6Yv5n4x2w1k9aU",
    description:
      "The web view's address with the link's secret in it. Shown this once; only the secret's hash is " +
      "stored. Anyone with it can read the workshop's pages and report until the link is revoked.",
  }),
}).openapi("CreatedShareLink");
export type CreatedShareLink = z.infer<typeof CreatedShareLink>;

export const ShareLinkList = z.object({ links: z.array(ShareLink) }).openapi("ShareLinkList");
export type ShareLinkList = z.infer<typeof ShareLinkList>;
