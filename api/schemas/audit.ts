import { z } from "@hono/zod-openapi";

export const ListAuditQuery = z.object({
  workshopId: z.uuid().optional().openapi({ description: "Only what happened in this workshop" }),
  since: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: "Only entries at or after this instant", example: "2026-03-02T00:00:00Z" }),
  cursor: z.string().max(200).optional().openapi({ description: "`nextCursor` of the previous page" }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type ListAuditQuery = z.infer<typeof ListAuditQuery>;

export const AuditEntry = z
  .object({
    id: z.string().openapi({ description: "Increasing with time of writing" }),
    at: z.iso.datetime(),
    actor: z.string().openapi({
      description:
        'Who, in one word: the person a bot acted for ("slack:U123"), else "token:<id>", or "system"',
      example: "slack:U123",
    }),
    tokenId: z.uuid().nullable().openapi({ description: "The token that made the request" }),
    person: z
      .string()
      .nullable()
      .openapi({ description: "The person it acted for; null when it acted as itself" }),
    action: z.string().openapi({ example: "vote.cast" }),
    entityType: z.string(),
    entityId: z.string(),
    workshopId: z.uuid().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi("AuditEntry");
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z
  .object({
    entries: z.array(AuditEntry),
    nextCursor: z
      .string()
      .nullable()
      .openapi({ description: "Pass as `cursor` for the next page; null at the end" }),
  })
  .openapi("AuditPage");
export type AuditPage = z.infer<typeof AuditPage>;
