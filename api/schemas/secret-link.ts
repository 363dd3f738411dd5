import { z } from "@hono/zod-openapi";

/**
 * The parts of a secret, read-only link's API shapes (a share link to the web view, a roadmap
 * calendar feed): each kind names its own OpenAPI components from these.
 */

/** A link's secret: 32 random bytes, base64url without padding. */
export const SecretLinkSecret = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/)
  .openapi({ description: "The link's secret: 43 characters of base64url" });

/** The optional name people tell their links apart by. */
export function secretLinkName(example: string) {
  return z.string().trim().min(1).max(100).optional().openapi({
    example,
    description: "For people to tell their links apart; optional",
  });
}

/** A link as listed: never its secret. */
export const secretLinkFields = {
  id: z.uuid(),
  workshopId: z.uuid(),
  name: z.string().nullable(),
  createdBy: z
    .string()
    .openapi({ description: "Who made it: `token:<id>`, or the chat person a bot acted for" }),
  createdAt: z.iso.datetime(),
  revokedAt: z.iso
    .datetime()
    .nullable()
    .openapi({ description: "Set once revoked; the link then answers 404" }),
};

/** The address with the secret in it, answered once, when the link is made. */
export function secretLinkUrl(example: string, grants: string) {
  return z.url().openapi({
    example,
    description: `${grants} Shown this once; only the secret's hash is stored.`,
  });
}
