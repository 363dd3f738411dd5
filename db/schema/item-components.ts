import { index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { lineItems } from "./line-items.js";
import { workshops } from "./workshops.js";

/**
 * Which environment components a line item (a captured ops need) maps onto: "map onto the
 * recommended ecosystem". `component` is `<environment>.<component>` or a bare component key, which
 * means that component in every environment that has it. Kept apart from `line_items` so the links
 * can be replaced without touching the items.
 */
export const itemComponents = pgTable(
  "item_components",
  {
    itemId: uuid("item_id")
      .notNull()
      .references(() => lineItems.id, { onDelete: "cascade" }),
    workshopId: uuid("workshop_id")
      .notNull()
      .references(() => workshops.id, { onDelete: "cascade" }),
    component: text("component").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.itemId, t.component] }),
    index("item_components_workshop_idx").on(t.workshopId),
  ],
);

export type ItemComponentRow = typeof itemComponents.$inferSelect;
