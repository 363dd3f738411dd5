import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workshops } from "./workshops.js";

/** A chat channel (Slack channel, Teams conversation, console) following one workshop. */
export const channelBindings = pgTable(
  "channel_bindings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    channelId: text("channel_id").notNull(),
    /** What the platform needs to post there later (Teams: a ConversationReference). */
    conversationRef: jsonb("conversation_ref").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: text("created_by").notNull(),
  },
  (t) => [
    uniqueIndex("channel_bindings_channel_uq").on(t.platform, t.channelId),
    index("channel_bindings_workshop_idx").on(t.workshopId),
  ],
);

export type ChannelBindingRow = typeof channelBindings.$inferSelect;
