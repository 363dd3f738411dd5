import { z } from "@hono/zod-openapi";
import { LINE_ITEM_KINDS, PRIORITIES } from "../../db/schema/line-items.js";
import { Actor, Platform } from "./agenda.js";
import { ExportFormat } from "./common.js";
import { ViewerQuery, Voter } from "./poll.js";

export const LineItemKind = z.enum(LINE_ITEM_KINDS).openapi({ example: "assumption" });
export const Priority = z.enum(PRIORITIES);

const Text = z.string().trim().min(1).max(2000).openapi({ example: "Production runs in two AWS regions" });
const Timeframe = z.string().trim().min(1).max(100).openapi({ example: "Q3 2026" });

export const LineItemSource = z
  .strictObject({
    platform: Platform,
    channelId: z.string().min(1).max(200).optional(),
    messageRef: z.string().min(1).max(200).optional().openapi({ description: "Slack: the message's ts" }),
    url: z.url().max(2000).optional().openapi({ description: "A link back to the message" }),
    author: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "Who wrote the message, `slack:U123`" }),
  })
  .openapi("LineItemSource", { description: "The chat message it was captured from" });

export const CreateLineItem = z
  .strictObject({
    kind: LineItemKind,
    text: Text,
    priority: Priority.optional(),
    timeframe: Timeframe.optional(),
    sessionId: z.uuid().optional().openapi({ description: "Default: the running session, if any" }),
    source: LineItemSource.optional(),
    actor: Actor.optional().openapi({ description: "Required for bot tokens: who captured it" }),
  })
  .openapi("CreateLineItem");
export type CreateLineItem = z.infer<typeof CreateLineItem>;

export const UpdateLineItem = z
  .strictObject({
    kind: LineItemKind.optional(),
    text: Text.optional(),
    priority: Priority.nullable().optional().openapi({ description: "null clears it" }),
    timeframe: Timeframe.nullable().optional().openapi({ description: "null clears it" }),
    actor: Actor.optional().openapi({ description: "Required for bot tokens: its author or a facilitator" }),
  })
  .openapi("UpdateLineItem");
export type UpdateLineItem = z.infer<typeof UpdateLineItem>;

export const ItemRelevance = z
  .object({
    pollId: z.uuid(),
    scale: z.enum(["lmh", "1-5"]),
    mean: z.number().nullable(),
    normalized: z.number().nullable().openapi({ description: "0–1 on either scale" }),
    votes: z.number().int(),
    rank: z.number().int().nullable(),
  })
  .openapi("ItemRelevance", {
    description: "From the latest relevance poll rating this item whose results the caller may see",
  });

export const LineItem = z
  .object({
    id: z.uuid(),
    workshopId: z.uuid(),
    sessionId: z.uuid().nullable(),
    sessionTitle: z.string().nullable(),
    kind: LineItemKind,
    text: z.string(),
    priority: Priority.nullable(),
    timeframe: z.string().nullable(),
    author: Voter,
    source: LineItemSource.nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    relevance: ItemRelevance.nullable(),
  })
  .openapi("LineItem");
export type LineItem = z.infer<typeof LineItem>;

export const ListLineItemsQuery = ViewerQuery.extend({
  format: ExportFormat,
  kind: LineItemKind.optional(),
  sessionId: z.uuid().optional(),
  order: z.enum(["created", "relevance"]).default("created").openapi({
    description:
      "`created`: oldest first; `relevance`: the ranked list — most relevant first, then unrated items oldest first",
  }),
});

export const ItemIdParam = z.object({
  itemId: z.uuid().openapi({ param: { name: "itemId", in: "path" } }),
});
