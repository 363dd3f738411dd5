import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** GitHub webhook deliveries already processed, by `X-GitHub-Delivery`: a redelivery changes nothing. */
export const githubDeliveries = pgTable("github_deliveries", {
  id: text("id").primaryKey(),
  event: text("event").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  /** What the delivery did, as answered to GitHub. */
  outcome: jsonb("outcome").$type<Record<string, unknown>>().notNull().default({}),
});
