import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workshops } from "./workshops.js";

/**
 * Who changed what. Written in the same transaction as the change it records.
 * `actor` is a token ("token:<id>"), a chat user ("slack:U123") or "system"; `token_id` and `person`
 * say the same apart: the token that made the request (no foreign key, so a deleted token's history
 * stays) and the person it acted for (null when the token acted as itself). `workshop_id` is the
 * workshop the change belongs to, when there is one: its rows go when the workshop is deleted.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    tokenId: uuid("token_id"),
    person: text("person"),
    workshopId: uuid("workshop_id").references(() => workshops.id, { onDelete: "cascade" }),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_workshop_idx").on(t.workshopId, t.id),
  ],
);

export type AuditLogRow = typeof auditLog.$inferSelect;
