import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { timerSignalsFor } from "../lib/timer-signals.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import {
  ClaimedTimerEvent,
  ClaimTimerEvents,
  DeliveredTimerEvent,
  TimerEventAttempt,
  TimerEventsWake,
  WaitTimerEvents,
} from "../schemas/timer-event.js";
import { claimTimers, markDelivered } from "../services/outbox.js";
import { nextDueAt, recordAttempt } from "../services/timer-delivery.js";

const claim = createRoute({
  method: "post",
  path: "/timer-events/claim",
  tags: ["timers"],
  summary: "Claim due timer messages for a bot relay (bot)",
  description:
    "Atomically leases up to `limit` due messages for `leaseSeconds` (row locks with SKIP LOCKED, so relays never " +
    "share one). A lease that runs out is claimed again. Messages whose session moved on are cancelled, not returned.",
  security: bearer,
  middleware: [requireRole("bot")] as const,
  request: { body: { required: true, content: { "application/json": { schema: ClaimTimerEvents } } } },
  responses: {
    200: {
      description: "Claimed messages, oldest first, and when to look next",
      content: {
        "application/json": {
          schema: z.object({
            events: z.array(ClaimedTimerEvent),
            nextDueAt: TimerEventsWake.shape.nextDueAt,
          }),
        },
      },
    },
    400: errors[400],
    ...authErrors,
  },
});

const delivered = createRoute({
  method: "post",
  path: "/timer-events/{id}/delivered",
  tags: ["timers"],
  summary: "Record where a claimed message was posted (bot)",
  description: "Idempotent. 409 when the message was cancelled meanwhile.",
  security: bearer,
  middleware: [requireRole("bot")] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: DeliveredTimerEvent } } },
  },
  responses: {
    200: {
      description: "Delivered",
      content: { "application/json": { schema: z.object({ id: z.uuid(), status: z.literal("delivered") }) } },
    },
    400: errors[400],
    404: errors[404],
    409: errors[409],
    ...authErrors,
  },
});

const attempt = createRoute({
  method: "post",
  path: "/timer-events/{id}/attempt",
  tags: ["timers"],
  summary: "Say a claimed message is about to be posted (bot)",
  description:
    "Call just before the platform call. Records the attempt (a later claimer sees `attempts` > 0 and looks for " +
    "the message before posting again) and checks the caller still holds the claim: 409 when its lease ran out " +
    "or the message was cancelled or delivered meanwhile — then do not post.",
  security: bearer,
  middleware: [requireRole("bot")] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: TimerEventAttempt } } },
  },
  responses: {
    200: {
      description: "Go ahead and post",
      content: { "application/json": { schema: z.object({ id: z.uuid(), attempt: z.number().int() }) } },
    },
    400: errors[400],
    404: errors[404],
    409: errors[409],
    ...authErrors,
  },
});

const wait = createRoute({
  method: "post",
  path: "/timer-events/wait",
  tags: ["timers"],
  summary: "Wait until timer messages change (bot long-poll)",
  description:
    "Answers when a timer message was written or delivered since `cursor` (PostgreSQL LISTEN/NOTIFY; in process " +
    "on PGlite), or after `timeoutSeconds`, with a new cursor and the next due time. A relay sets its timer for " +
    "`nextDueAt` and calls again with the cursor. Without a cursor it answers at once.",
  security: bearer,
  middleware: [requireRole("bot")] as const,
  request: { body: { required: true, content: { "application/json": { schema: WaitTimerEvents } } } },
  responses: {
    200: {
      description: "Changed, or timed out",
      content: { "application/json": { schema: TimerEventsWake } },
    },
    400: errors[400],
    ...authErrors,
  },
});

export const timerEventRoutes = createRouter()
  .openapi(claim, async (c) => {
    const ctx = serviceContext(c);
    const input = c.req.valid("json");
    const events = await claimTimers(ctx, input);
    // After what it could claim now: a message held back inside the window is not a reason to look again.
    const next = await nextDueAt(ctx, {
      platforms: input.platforms,
      after: new Date(ctx.now.getTime() + input.aheadMs),
    });
    return c.json({ events, nextDueAt: next?.toISOString() ?? null }, 200);
  })
  .openapi(wait, async (c) => {
    const { deps } = c.var;
    const input = c.req.valid("json");
    const cursor = await timerSignalsFor(deps.database).wait(
      input.cursor,
      input.timeoutSeconds * 1000,
      c.req.raw.signal,
    );
    // The clock after the wait, and only the caller's organisation's messages.
    const ctx = serviceContext(c);
    const next = await nextDueAt(ctx, { platforms: input.platforms, after: ctx.now });
    return c.json({ cursor, nextDueAt: next?.toISOString() ?? null }, 200);
  })
  .openapi(attempt, async (c) => {
    const result = await recordAttempt(serviceContext(c), {
      id: c.req.valid("param").id,
      claim: c.req.valid("json").claim,
    });
    return c.json(result, 200);
  })
  .openapi(delivered, async (c) => {
    const result = await markDelivered(serviceContext(c), {
      id: c.req.valid("param").id,
      messageRefs: c.req.valid("json").messageRefs,
    });
    return c.json(result, 200);
  });
