import { and, eq, isNull } from "drizzle-orm";
import type { Logger } from "pino";
import { type ShareLinkRow, shareLinks } from "../../db/schema/share-links.js";
import { type WorkshopRow, workshops } from "../../db/schema/workshops.js";
import type { Database } from "../../db/types.js";
import { DomainError } from "../errors.js";
import { sha256Hex } from "../lib/crypto.js";
import { type CreateShareLink, type ShareLink, ShareSecret } from "../schemas/share-link.js";
import type { ServiceContext } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";
import {
  createSecretLink,
  listSecretLinks,
  revokeSecretLink,
  type SecretLinkKind,
  toSecretLinkView,
} from "./secret-links.js";

export const toShareLink: (row: ShareLinkRow) => ShareLink = toSecretLinkView;

const SHARE_LINKS: SecretLinkKind = {
  table: shareLinks,
  entityType: "shareLink",
  action: "share-link",
  noun: "share link",
};

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
  return createSecretLink(ctx, SHARE_LINKS, input, async (tctx) => {
    if (ctx.caller.role === "bot") await assertCanFacilitate(tctx, input.workshopId);
  });
}

/** The workshop's links, oldest first, revoked ones included (with `revokedAt`); never their secrets. */
export async function listShareLinks(
  ctx: ServiceContext,
  input: { workshopId: string },
): Promise<ShareLink[]> {
  return listSecretLinks(ctx, SHARE_LINKS, input.workshopId);
}

/** Revokes a link of this workshop: its pages answer 404 from now on. Revoking twice is a no-op. */
export async function revokeShareLink(
  ctx: ServiceContext,
  input: { workshopId: string; linkId: string },
): Promise<void> {
  return revokeSecretLink(ctx, SHARE_LINKS, input);
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
