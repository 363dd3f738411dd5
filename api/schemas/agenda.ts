import { z } from "@hono/zod-openapi";
import { Actor } from "./actor.js";
import { AgendaItem } from "./workshop.js";

export { Actor, Platform } from "./actor.js";

export const AGENDA_ACTIONS = ["start", "next", "back", "pause", "resume", "extend", "skip"] as const;

export const AgendaActionRequest = z
  .strictObject({
    action: z.enum(AGENDA_ACTIONS),
    minutes: z
      .number()
      .int()
      .min(1, { message: "must be at least 1 minute (an extension cannot shorten a session)" })
      .max(240)
      .optional()
      .openapi({ description: "For `extend`: minutes to add, 1–240" }),
    actor: Actor.optional().openapi({ description: "Required for bot tokens: the chat user acting" }),
    expectCurrentItemId: z.uuid().optional().openapi({
      description: "Refuse (409) unless this item is the current one — for buttons on old messages",
    }),
  })
  .superRefine((body, ctx) => {
    if (body.action === "extend" && body.minutes === undefined) {
      ctx.addIssue({ code: "custom", path: ["minutes"], message: "required for extend" });
    }
    if (body.action !== "extend" && body.minutes !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["minutes"],
        message: `only extend takes minutes, not ${body.action}`,
      });
    }
  })
  .openapi("AgendaActionRequest");
export type AgendaActionRequest = z.infer<typeof AgendaActionRequest>;

export const RunningItem = AgendaItem.extend({
  state: z.enum(["pending", "running", "paused", "done", "skipped"]),
  plannedMinutes: z.number().int(),
  actualStart: z.iso.datetime().nullable(),
  actualEnd: z.iso.datetime().nullable(),
  endsAt: z.iso
    .datetime()
    .nullable()
    .openapi({ description: "When the running item ends: start + planned + extensions + paused" }),
  extendedMinutes: z.number().int(),
  pausedSeconds: z.number().int(),
  projectedStart: z.iso.datetime(),
  projectedEnd: z.iso.datetime(),
  projectedLocalStart: z.string().openapi({ example: "12:12" }),
}).openapi("RunningItem");
export type RunningItem = z.infer<typeof RunningItem>;

export const AgendaView = z
  .object({
    workshopId: z.uuid(),
    workshopName: z.string(),
    timezone: z.string(),
    now: z.iso.datetime(),
    items: z.array(RunningItem),
    currentItemId: z.uuid().nullable(),
    nextItemId: z.uuid().nullable(),
    secondsLeft: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Of the current item; negative when overrunning" }),
    behindMinutes: z.number().int().nullable(),
    rebasedMinutes: z
      .number()
      .int()
      .openapi({
        description:
          "How far the current day's plan moved because its first item started that much later " +
          "than planned (15 minutes or more); 0 otherwise. `behindMinutes` counts from the moved plan.",
      }),
    summary: z.string().openapi({
      example: 'Running 12 min behind: "Lunch break" moves to 12:12 unless a session is cut short.',
    }),
  })
  .openapi("AgendaView");
export type AgendaView = z.infer<typeof AgendaView>;

export const AgendaActionResult = z
  .object({
    action: z.enum(AGENDA_ACTIONS),
    message: z.string(),
    agenda: AgendaView,
    summaryChanged: z.boolean().openapi({
      description:
        "Whether this action changed how far behind or ahead the day runs (or re-based it), so chat repeats " +
        "`agenda.summary` only when there is news",
    }),
  })
  .openapi("AgendaActionResult");
export type AgendaActionResult = z.infer<typeof AgendaActionResult>;
