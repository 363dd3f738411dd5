import { integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/** The name of the organisation the first start (and the migration of older data) creates. */
export const DEFAULT_ORG_NAME = "default";

/**
 * A client of the deployment. Workshops, tokens (except `admin`), DORA records and chat workspaces
 * belong to one; another organisation's rows behave as if they did not exist.
 */
export const orgs = pgTable("orgs", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  /** Workshops that ended longer ago than this many days are purged; null keeps them. */
  retentionDays: integer("retention_days"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type OrgRow = typeof orgs.$inferSelect;
