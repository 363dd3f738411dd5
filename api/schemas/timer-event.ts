import { z } from "@hono/zod-openapi";
import { TIMER_KINDS } from "../../db/schema/timer-events.js";
import { Actor } from "./actor.js";
import { Poll } from "./poll.js";

export const ClaimTimerEvents = z
  .strictObject({
    limit: z.number().int().min(1).max(500).default(50),
    leaseSeconds: z.number().int().min(5).max(600).default(30),
    aheadMs: z
      .number()
      .int()
      .min(0)
      .max(2000)
      .default(0)
      .openapi({
        description:
          "Also claim messages due within this many milliseconds; the relay posts each at its due time (the claim's " +
          "cost then adds nothing to their lateness)",
      }),
    platforms: z
      .array(z.enum(["slack", "teams", "console"]))
      .min(1)
      .openapi({ description: "The platforms this relay posts to" }),
  })
  .openapi("ClaimTimerEvents");
export type ClaimTimerEvents = z.infer<typeof ClaimTimerEvents>;

export const ClaimedTimerEvent = z
  .object({
    id: z.uuid(),
    kind: z.enum(TIMER_KINDS).openapi({
      description:
        "The session's own: started, warning5, warning1, timeup, overrun. About it: poll (post the poll's cards), " +
        "poll_reveal and poll_close (update them to the results), feedback (ask how useful the session was), " +
        "review (the day-2 review's open assumptions and risks), wrapup (the workshop's summary when its last session ends)",
    }),
    seq: z.number().int(),
    dueAt: z.iso.datetime(),
    claims: z
      .number()
      .int()
      .openapi({ description: "How many times it has been claimed; > 1 means a relay died or failed" }),
    attempts: z
      .number()
      .int()
      .openapi({
        description:
          "Posts begun by earlier claims whose outcome was never recorded (a relay died or lost its answer " +
          "between posting and recording): when > 0 the message may already be in the channel",
      }),
    platform: z.string(),
    channelId: z.string(),
    conversationRef: z.record(z.string(), z.unknown()).nullable(),
    threadRef: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: "The session's start message in this channel, to reply in its thread" }),
    workshop: z.object({ id: z.uuid(), name: z.string(), timezone: z.string() }),
    item: z.object({
      id: z.uuid(),
      title: z.string(),
      kind: z.enum(["session", "break"]),
      position: z.number().int(),
      endsAt: z.iso.datetime().nullable(),
      plannedMinutes: z.number().int(),
      extendedMinutes: z.number().int(),
    }),
    next: z
      .object({ title: z.string(), kind: z.enum(["session", "break"]), localStart: z.string() })
      .nullable(),
    poll: Poll.nullable().openapi({ description: "For poll messages: the poll as the room may see it" }),
    pollMessageRef: z
      .record(z.string(), z.unknown())
      .nullable()
      .openapi({ description: "For poll_reveal and poll_close: where this channel's cards were posted" }),
    actor: Actor.nullable().openapi({
      description:
        "For wrapup: the facilitator whose transition ended the workshop; the bot creates the report's share link for them",
    }),
  })
  .openapi("ClaimedTimerEvent");
export type ClaimedTimerEvent = z.infer<typeof ClaimedTimerEvent>;

export const DeliveredTimerEvent = z
  .strictObject({
    messageRefs: z
      .array(z.record(z.string(), z.unknown()))
      .max(10)
      .openapi({ description: "Where it was posted, e.g. Slack `{channel, ts}`" }),
  })
  .openapi("DeliveredTimerEvent");

export const TimerEventAttempt = z
  .strictObject({
    claim: z
      .number()
      .int()
      .min(1)
      .openapi({ description: "The `claims` count the message was claimed with: the relay's fencing token" }),
  })
  .openapi("TimerEventAttempt");
export type TimerEventAttempt = z.infer<typeof TimerEventAttempt>;

export const WaitTimerEvents = z
  .strictObject({
    platforms: ClaimTimerEvents.shape.platforms,
    cursor: z.string().max(100).optional().openapi({
      description: "The cursor of the previous answer; without one the answer comes at once",
    }),
    timeoutSeconds: z.number().int().min(0).max(60).default(25),
  })
  .openapi("WaitTimerEvents");
export type WaitTimerEvents = z.infer<typeof WaitTimerEvents>;

export const TimerEventsWake = z
  .object({
    cursor: z.string(),
    nextDueAt: z.iso.datetime().nullable().openapi({
      description:
        "When the next message on these platforms falls due (or a lease runs out); null: none waits",
    }),
  })
  .openapi("TimerEventsWake");
export type TimerEventsWake = z.infer<typeof TimerEventsWake>;
