import { z } from "@hono/zod-openapi";
import { Actor } from "./actor.js";
import { SecretLinkSecret, secretLinkFields, secretLinkName, secretLinkUrl } from "./secret-link.js";

export const ShareSecret = SecretLinkSecret;

export const CreateShareLink = z
  .strictObject({
    name: secretLinkName("Steering committee"),
    actor: Actor.optional().openapi({
      description: "Required for bot tokens: a facilitator of the workshop (`/agenda report` in chat)",
    }),
  })
  .openapi("CreateShareLink");
export type CreateShareLink = z.infer<typeof CreateShareLink>;

export const ShareLink = z.object(secretLinkFields).openapi("ShareLink");
export type ShareLink = z.infer<typeof ShareLink>;

export const CreatedShareLink = ShareLink.extend({
  url: secretLinkUrl(
    "https://baton.example.com/w/3q2-7wEXAMPLEq0cT9l4m1sQ0Zp8b6Yv5n4x2w1k9aU",
    "The web view's address with the link's secret in it. Anyone with it can read the workshop's pages and report until the link is revoked.",
  ),
}).openapi("CreatedShareLink");
export type CreatedShareLink = z.infer<typeof CreatedShareLink>;

export const ShareLinkList = z.object({ links: z.array(ShareLink) }).openapi("ShareLinkList");
export type ShareLinkList = z.infer<typeof ShareLinkList>;
