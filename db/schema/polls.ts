import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { ScorecardFactor, ScorecardOption } from "../../api/domain/scorecard/scorecard.js";
import { agendaItems } from "./agenda-items.js";
import { workshops } from "./workshops.js";

export const POLL_KINDS = ["scorecard", "relevance", "choice"] as const;
export type PollKind = (typeof POLL_KINDS)[number];
/** `lmh`: L/M/H stored 1–3; `1-5`: 1–5; `choice`: chosen (1) or not. */
export const POLL_SCALES = ["lmh", "1-5", "choice"] as const;
export type PollScale = (typeof POLL_SCALES)[number];

/**
 * A vote the room takes: a scorecard (options × factors, L/M/H), the relevance of line items, or a
 * single/multiple choice. Its definition (options, factors, views, scale) never changes once created;
 * only `revealedAt` and `closedAt` do. Relevance and choice polls have one implicit factor.
 */
export const polls = pgTable(
  "polls",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    /** The session it was launched in; its messages post in that session's thread. */
    agendaItemId: uuid("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    kind: text("kind", { enum: POLL_KINDS }).notNull(),
    title: text("title").notNull(),
    options: jsonb("options").$type<ScorecardOption[]>().notNull(),
    factors: jsonb("factors").$type<ScorecardFactor[]>().notNull(),
    /** Named views (["production", "pre-prod"]) each vote is also keyed by; [] for one unnamed view. */
    views: jsonb("views").$type<string[]>().notNull().default([]),
    scale: text("scale", { enum: POLL_SCALES }).notNull(),
    /** Choice polls: several options may be chosen. */
    multiple: boolean("multiple").notNull().default(false),
    /** Voters are stored as a keyed hash and never shown; only counts are. */
    anonymous: boolean("anonymous").notNull().default(false),
    /**
     * How an anonymous poll's voter keys are made: 2 = HMAC-SHA-256 with the server's secret
     * (api/services/voter-key.ts); null = polls made before that, bare SHA-256 (kept so their voters
     * still find their own votes). Filled by the app on insert, so the column has no SQL default.
     */
    voterKeyVersion: smallint("voter_key_version").$defaultFn(() => 2),
    /** Tallies are hidden from the room until revealed or closed. */
    blind: boolean("blind").notNull().default(true),
    /** Votes at or after this instant are refused, whether or not a relay has announced the close yet. */
    closesAt: timestamp("closes_at", { withTimezone: true }),
    revealedAt: timestamp("revealed_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** A client's (or chat event's) Idempotency-Key: a retried launch returns the first poll. */
    idempotencyKey: text("idempotency_key"),
    /** What the key was first used for (api/lib/idempotency.ts); null on rows from before it was kept. */
    requestHash: text("request_hash"),
  },
  (t) => [
    index("polls_workshop_idx").on(t.workshopId, t.createdAt),
    uniqueIndex("polls_idempotency_key_uq")
      .on(t.workshopId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
  ],
);

export type PollRow = typeof polls.$inferSelect;
