import { sql } from "drizzle-orm";
import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { apiTokens } from "./api-tokens.js";
import { orgs } from "./orgs.js";

export const workshops = pgTable(
  "workshops",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** The organisation (client) the workshop belongs to. */
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    /** IANA time zone the agenda's local times are written in. */
    timezone: text("timezone").notNull(),
    /** Local calendar date of day 1. */
    startDate: date("start_date", { mode: "string" }).notNull(),
    /** Template the agenda was copied from; null for a custom agenda. */
    templateId: text("template_id"),
    createdByTokenId: uuid("created_by_token_id").references(() => apiTokens.id, { onDelete: "set null" }),
    /**
     * Client-supplied Idempotency-Key, scoped to the token, and what it was first used for
     * (api/lib/idempotency.ts; null on rows from before that).
     */
    idempotencyKey: text("idempotency_key"),
    requestHash: text("request_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("workshops_org_created_idx").on(t.orgId, t.createdAt),
    uniqueIndex("workshops_idempotency_key_uq")
      .on(t.createdByTokenId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
  ],
);

export type WorkshopRow = typeof workshops.$inferSelect;
