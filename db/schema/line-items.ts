import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { agendaItems } from "./agenda-items.js";
import { workshops } from "./workshops.js";

export const LINE_ITEM_KINDS = [
  "requirement",
  "assumption",
  "risk",
  "decision",
  "gap",
  "issue",
  "dependency",
] as const;
export type LineItemKind = (typeof LINE_ITEM_KINDS)[number];
export const PRIORITIES = ["low", "medium", "high"] as const;
export type Priority = (typeof PRIORITIES)[number];
/** The RAID register's life cycle of an item (DESIGN §10): validated/invalidated by the day-2 review. */
export const ITEM_STATUSES = ["open", "validated", "invalidated", "mitigated", "closed"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
/** What the day-2 review made of an item: `deferred` leaves it open for a later review. */
export const REVIEW_OUTCOMES = ["validated", "invalidated", "deferred"] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** Where a line item was captured from: a chat message, with a link back to it. */
export interface LineItemSource {
  platform: string;
  channelId?: string;
  messageRef?: string;
  url?: string;
  /** The message's author, "slack:U123". */
  author?: string;
}

/** What the room captured: requirements, assumptions, risks, decisions and gaps, per session. */
export const lineItems = pgTable(
  "line_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    /** The session it was captured in (the one running at the time, unless given). */
    agendaItemId: uuid("agenda_item_id").references(() => agendaItems.id, { onDelete: "set null" }),
    kind: text("kind", { enum: LINE_ITEM_KINDS }).notNull(),
    text: text("text").notNull(),
    priority: text("priority", { enum: PRIORITIES }),
    /** Free text: "Q3 2026", "before go-live". */
    timeframe: text("timeframe"),
    /** "slack:U123" or "token:<id>". */
    author: text("author").notNull(),
    authorName: text("author_name").notNull().default(""),
    source: jsonb("source").$type<LineItemSource>(),
    idempotencyKey: text("idempotency_key"),
    /** What the key was first used for (api/lib/idempotency.ts); null on rows from before it was kept. */
    requestHash: text("request_hash"),
    /** RAID register: who owns it (free text: a name, a team). */
    owner: text("owner"),
    /** RAID register: due by this local date (YYYY-MM-DD). */
    dueDate: date("due_date", { mode: "string" }),
    status: text("status", { enum: ITEM_STATUSES }).notNull().default("open"),
    /** Risks only: 1 (rare) … 5 (almost certain) and 1 (minor) … 5 (severe); exposure is their product. */
    likelihood: integer("likelihood"),
    impact: integer("impact"),
    /** Keys of the plan work packages that carry it (not checked against the plan: it may come later). */
    workPackages: jsonb("work_packages").$type<string[]>().notNull().default([]),
    reviewOutcome: text("review_outcome", { enum: REVIEW_OUTCOMES }),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: text("reviewed_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("line_items_workshop_idx").on(t.workshopId, t.createdAt),
    uniqueIndex("line_items_idempotency_key_uq")
      .on(t.workshopId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
  ],
);

export type LineItemRow = typeof lineItems.$inferSelect;
