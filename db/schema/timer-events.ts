import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Actor } from "../../api/schemas/actor.js";
import { agendaItems } from "./agenda-items.js";
import { channelBindings } from "./channel-bindings.js";
import { polls } from "./polls.js";
import { workshops } from "./workshops.js";

/** A session's own messages, written and cancelled by agenda transitions. */
export const AGENDA_TIMER_KINDS = ["started", "warning5", "warning1", "timeup", "overrun"] as const;
/**
 * Messages about a session that outlive its transitions: a poll's cards (`poll`), the news that its
 * tallies were revealed (`poll_reveal`) or that it closed (`poll_close`, also at its `closesAt`), and
 * the feedback prompt when the session ends (`feedback`), and the day-2 review of open assumptions
 * and risks when the review session starts (`review`), and the workshop's wrap-up when its last session
 * ends (`wrapup`: what was decided, the counts and the report link; one per channel and workshop).
 */
export const POLL_EVENT_KINDS = ["poll", "poll_reveal", "poll_close"] as const;
export type PollEventKind = (typeof POLL_EVENT_KINDS)[number];
export const SESSION_NOTE_KINDS = [...POLL_EVENT_KINDS, "feedback", "review", "wrapup"] as const;
export const TIMER_KINDS = [...AGENDA_TIMER_KINDS, ...SESSION_NOTE_KINDS] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];
export const TIMER_STATUSES = ["pending", "claimed", "delivered", "cancelled"] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

/**
 * One message due in one channel. Written by agenda transitions in their transaction (one row per
 * bound channel), claimed by bot relays with a lease (FOR UPDATE SKIP LOCKED), delivered once.
 */
export const timerEvents = pgTable(
  "timer_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    agendaItemId: uuid("agenda_item_id")
      .notNull()
      .references(() => agendaItems.id, { onDelete: "cascade" }),
    bindingId: uuid("binding_id")
      .notNull()
      .references(() => channelBindings.id, { onDelete: "cascade" }),
    /** For `poll` and `poll_close`: the poll. */
    pollId: uuid("poll_id").references(() => polls.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    kind: text("kind", { enum: TIMER_KINDS }).notNull(),
    /** Overrun reminders are numbered 1, 2, …; 0 for the other kinds. */
    seq: integer("seq").notNull().default(0),
    /** The agenda item's version this event was written for; 0 for a feedback prompt (one per session). */
    itemVersion: integer("item_version").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: TIMER_STATUSES }).notNull().default("pending"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    claims: integer("claims").notNull().default(0),
    /**
     * Posts begun (`POST …/attempt`, recorded just before each platform call). Non-zero when a later
     * relay claims the message means an earlier post's outcome was never recorded: the message may
     * already be in the channel, so the poster looks for it before posting again.
     */
    attempts: integer("attempts").notNull().default(0),
    attemptedAt: timestamp("attempted_at", { withTimezone: true }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** Where it was posted (Slack: {channel, ts}); a session's `started` message roots its thread. */
    messageRef: jsonb("message_ref").$type<Record<string, unknown>>(),
    /**
     * For `wrapup`: the verified chat person whose transition ended the workshop, so the relay can
     * create the report's share link acting for that facilitator. Null otherwise.
     */
    actor: jsonb("actor").$type<Actor>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("timer_events_due_idx").on(t.dueAt).where(sql`${t.status} in ('pending', 'claimed')`),
    index("timer_events_item_idx").on(t.agendaItemId, t.bindingId),
    uniqueIndex("timer_events_once_uq")
      .on(t.agendaItemId, t.bindingId, t.itemVersion, t.kind, t.seq)
      .where(sql`${t.pollId} is null`),
    uniqueIndex("timer_events_poll_once_uq")
      .on(t.pollId, t.bindingId, t.kind)
      .where(sql`${t.pollId} is not null`),
  ],
);

export type TimerEventRow = typeof timerEvents.$inferSelect;
