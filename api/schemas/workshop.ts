import { z } from "@hono/zod-openapi";
import { checkAgenda } from "../domain/agenda/agenda.js";
import { DEFAULT_TEMPLATE_ID, TEMPLATE_IDS } from "../domain/templates/index.js";
import { canonicalTimeZone } from "../domain/time/zoned.js";
import { Actor } from "./actor.js";

const LocalTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "must be a local time HH:MM (00:00–23:59)" })
  .openapi({ example: "09:30" });

export const AgendaItemInput = z
  .strictObject({
    day: z.number().int().min(1).max(31).openapi({ description: "Day of the workshop, 1 = startDate" }),
    start: LocalTime,
    end: LocalTime,
    kind: z.enum(["session", "break"]),
    title: z.string().trim().min(1).max(300),
    topics: z.array(z.string().max(1000)).max(100).optional(),
    outputs: z.array(z.string().max(1000)).max(100).optional(),
  })
  .openapi("AgendaItemInput");
export type AgendaItemInput = z.infer<typeof AgendaItemInput>;

export const CreateWorkshop = z
  .strictObject({
    name: z.string().trim().min(1).max(200).openapi({ example: "Acme EDA workshop" }),
    timezone: z
      .string()
      .refine((tz) => canonicalTimeZone(tz) !== null, {
        error: (iss) => `unknown IANA time zone ${JSON.stringify(iss.input)} (e.g. "Europe/London")`,
      })
      .openapi({ example: "Europe/London", description: "IANA time zone the agenda's times are local to" }),
    startDate: z.iso.date().openapi({ example: "2026-03-28", description: "Local date of day 1" }),
    template: z
      .enum(TEMPLATE_IDS)
      .optional()
      .openapi({ description: `Agenda template; \`${DEFAULT_TEMPLATE_ID}\` when no agenda is given` }),
    agenda: z
      .array(AgendaItemInput)
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "A custom agenda instead of a template: ordered, non-overlapping items" }),
    orgId: z
      .uuid()
      .optional()
      .openapi({
        description:
          "The organisation it belongs to. Tokens of an organisation always create in their own; admin may " +
          "leave it out while there is only one organisation.",
      }),
    actor: Actor.optional().openapi({
      description: "Bots: the chat person creating it, who becomes its first facilitator",
    }),
  })
  .superRefine((body, ctx) => {
    if (body.template && body.agenda) {
      ctx.addIssue({
        code: "custom",
        path: ["agenda"],
        message: "give either a template or an agenda, not both",
      });
    }
    // Malformed times are already reported by the item schema.
    for (const p of body.agenda ? checkAgenda(body.agenda).filter((p) => p.kind !== "format") : []) {
      ctx.addIssue({ code: "custom", path: ["agenda", p.index, p.field], message: p.message });
    }
  })
  .openapi("CreateWorkshop");
export type CreateWorkshop = z.infer<typeof CreateWorkshop>;

export const AgendaItem = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    day: z.number().int(),
    kind: z.enum(["session", "break"]),
    title: z.string(),
    topics: z.array(z.string()),
    outputs: z.array(z.string()),
    localStart: z.string().openapi({ example: "09:30" }),
    localEnd: z.string().openapi({ example: "10:00" }),
    plannedStart: z.iso.datetime().openapi({ example: "2026-03-28T09:30:00.000Z" }),
    plannedEnd: z.iso.datetime(),
  })
  .openapi("AgendaItem");
export type AgendaItem = z.infer<typeof AgendaItem>;

export const Workshop = z
  .object({
    id: z.uuid(),
    name: z.string(),
    orgId: z.uuid().openapi({ description: "The organisation it belongs to" }),
    timezone: z.string(),
    startDate: z.iso.date(),
    templateId: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi("Workshop");
export type Workshop = z.infer<typeof Workshop>;

export const WorkshopWithAgenda = Workshop.extend({ agenda: z.array(AgendaItem) }).openapi(
  "WorkshopWithAgenda",
);
export type WorkshopWithAgenda = z.infer<typeof WorkshopWithAgenda>;

export const WorkshopList = z
  .object({
    workshops: z.array(Workshop),
    nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page" }),
  })
  .openapi("WorkshopList");

export const ListWorkshopsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  name: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Only workshops with this name (case-insensitive)" }),
  cursor: z.string().max(200).optional(),
});
