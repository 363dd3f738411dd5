import { index, pgTable } from "drizzle-orm/pg-core";
import { secretLinkColumns } from "./secret-link.js";

/**
 * Secret, read-only links to a workshop's web view (`/w/<secret>`) for people without an API token:
 * the client's leadership, the room on a projector.
 */
export const shareLinks = pgTable("share_links", secretLinkColumns(), (t) => [
  index("share_links_workshop_idx").on(t.workshopId, t.createdAt),
]);

export type ShareLinkRow = typeof shareLinks.$inferSelect;
