import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { orgs } from "./orgs.js";

export const ROLES = ["admin", "facilitator", "pm", "bot", "ingest"] as const;
export type Role = (typeof ROLES)[number];

export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  role: text("role", { enum: ROLES }).notNull(),
  /** SHA-256 of the secret, hex. The secret itself is shown once and never stored. */
  tokenHash: text("token_hash").notNull().unique(),
  /** First characters of the secret, so people can tell their tokens apart. */
  prefix: text("prefix").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  /**
   * Refused from this instant on; null: never expires. Set on a process's own bot identity (see
   * api/services/internal-token.ts), which its heartbeat keeps pushing forward while the process lives.
   */
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  /** The organisation the token works in; null for `admin` (platform-wide) and the in-process bots. */
  orgId: uuid("org_id").references(() => orgs.id, { onDelete: "cascade" }),
  /**
   * Narrows the token to one workshop (a client's PM); null: every workshop of its organisation. No
   * foreign key (workshops reference tokens): the token simply finds nothing once the workshop is gone.
   */
  workshopId: uuid("workshop_id"),
});

export type ApiTokenRow = typeof apiTokens.$inferSelect;
