import { pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Deployment-wide values every replica must agree on, made once by whichever process needs one first
 * (insert … on conflict do nothing, then read): e.g. `voter_key_secret`, when VOTER_KEY_SECRET is unset.
 */
export const settings = pgTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
