import { z } from "@hono/zod-openapi";
import { ITEM_STATUSES, LINE_ITEM_KINDS, PRIORITIES, REVIEW_OUTCOMES } from "../../db/schema/line-items.js";
import { Actor, Platform } from "./agenda.js";
import { ExportFormat, HttpUrl } from "./common.js";
import { WorkPackageKey } from "./plan.js";
import { ViewerQuery, Voter } from "./poll.js";

export const LineItemKind = z.enum(LINE_ITEM_KINDS).openapi({ example: "assumption" });
export const Priority = z.enum(PRIORITIES);
export const ItemStatus = z.enum(ITEM_STATUSES).openapi({ example: "open" });
export const ReviewOutcome = z.enum(REVIEW_OUTCOMES);

const Owner = z.string().trim().min(1).max(200).openapi({ example: "Platform team" });
const DueDate = z.iso.date().openapi({
  example: "2026-04-30",
  description: "A local date, YYYY-MM-DD; a past one is accepted and flagged `overdue`",
});
const DuePhrase = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .openapi({
    example: "end of April",
    description:
      "A due date as people say it, resolved in the workshop's time zone: `2027-03-31`, `end of April`, " +
      "`next Friday`, `in 2 weeks`, `Q3`, `end of month`. Sets `dueDate`; not with `dueDate`.",
  });
const Level = (what: string) =>
  z
    .number()
    .int()
    .min(1)
    .max(5)
    .openapi({ description: `Risks only: ${what}, 1–5` });
const WorkPackageKeys = z
  .array(WorkPackageKey)
  .max(50)
  .openapi({ description: "Keys of the plan's work packages that carry it", example: ["design"] });

/** The RAID register's fields, shared by capture and edit. */
const raidFields = {
  owner: Owner.optional(),
  dueDate: DueDate.optional(),
  by: DuePhrase.optional(),
  likelihood: Level("how likely, 1 rare … 5 almost certain").optional(),
  impact: Level("how bad, 1 minor … 5 severe").optional(),
  workPackages: WorkPackageKeys.optional(),
};

const Text = z.string().trim().min(1).max(2000).openapi({ example: "Production runs in two AWS regions" });
const Timeframe = z.string().trim().min(1).max(100).openapi({ example: "Q3 2026" });

export const LineItemSource = z
  .strictObject({
    platform: Platform,
    channelId: z.string().min(1).max(200).optional(),
    messageRef: z.string().min(1).max(200).optional().openapi({ description: "Slack: the message's ts" }),
    url: HttpUrl.optional().openapi({ description: "A link back to the message" }),
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
    ...raidFields,
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
    owner: Owner.nullable().optional().openapi({ description: "null clears it" }),
    dueDate: DueDate.nullable().optional().openapi({ description: "null clears it" }),
    by: raidFields.by,
    likelihood: raidFields.likelihood.unwrap().nullable().optional(),
    impact: raidFields.impact.unwrap().nullable().optional(),
    workPackages: raidFields.workPackages,
    status: ItemStatus.optional().openapi({ description: "Facilitators only" }),
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
    owner: z.string().nullable(),
    dueDate: z.iso.date().nullable(),
    overdue: z
      .boolean()
      .openapi({ description: "Due before today (the workshop's zone) and still open or validated" }),
    status: ItemStatus,
    likelihood: z.number().int().nullable(),
    impact: z.number().int().nullable(),
    exposure: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "likelihood × impact, 1–25; null unless both are set" }),
    workPackages: z.array(z.string()),
    review: z
      .object({ outcome: ReviewOutcome, at: z.iso.datetime(), by: z.string() })
      .nullable()
      .openapi({ description: "What the day-2 review made of it" }),
  })
  .openapi("LineItem");
export type LineItem = z.infer<typeof LineItem>;

export const ListLineItemsQuery = ViewerQuery.extend({
  format: ExportFormat,
  kind: LineItemKind.optional(),
  status: ItemStatus.optional(),
  sessionId: z.uuid().optional(),
  order: z
    .enum(["created", "relevance", "register"])
    .default("created")
    .openapi({
      description:
        "`created`: oldest first; `relevance`: the ranked list — most relevant first, then unrated items oldest first; " +
        "`register`: by due date (none last), then exposure (highest first), then oldest first",
    }),
});

export const ItemIdParam = z.object({
  itemId: z.uuid().openapi({ param: { name: "itemId", in: "path" } }),
});
