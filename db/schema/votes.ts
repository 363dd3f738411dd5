import { pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { polls } from "./polls.js";

/**
 * One vote per (poll, view, option, factor, voter): a second vote replaces the first (upsert), so a
 * retried delivery counts once. Written only while the poll is open (see services/votes.ts for how
 * a vote and a close never race).
 */
export const votes = pgTable(
  "votes",
  {
    pollId: uuid("poll_id")
      .notNull()
      .references(() => polls.id, { onDelete: "cascade" }),
    /** "" when the poll has no named views. */
    view: text("view").notNull().default(""),
    optionKey: text("option_key").notNull(),
    factorKey: text("factor_key").notNull(),
    /** "slack:U123"; in an anonymous poll a keyed SHA-256 ("anon:…") that no route ever returns. */
    voter: text("voter").notNull(),
    /** Display name at the time of voting; "" in anonymous polls. */
    voterName: text("voter_name").notNull().default(""),
    /** L/M/H as 1–3, a 1–5 rating, or 1 for a chosen option. */
    value: smallint("value").notNull(),
    votedAt: timestamp("voted_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.view, t.optionKey, t.factorKey, t.voter] })],
);

export type VoteRow = typeof votes.$inferSelect;
