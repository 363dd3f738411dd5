import { index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { orgs } from "./orgs.js";

/**
 * Chat workspaces an organisation owns (a Slack `team_id`, a Teams tenant id). A workspace belongs
 * to one organisation at most; a bot acting for a person of another organisation's workspace is
 * refused, as is one whose workspace is not listed when the organisation lists any.
 */
export const orgChatWorkspaces = pgTable(
  "org_chat_workspaces",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    workspaceId: text("workspace_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("org_chat_workspaces_uq").on(t.platform, t.workspaceId),
    index("org_chat_workspaces_org_idx").on(t.orgId),
  ],
);

export type OrgChatWorkspaceRow = typeof orgChatWorkspaces.$inferSelect;
