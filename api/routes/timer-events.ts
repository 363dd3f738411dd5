import { createRoute, z } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { ClaimedTimerEvent, ClaimTimerEvents, DeliveredTimerEvent } from "../schemas/timer-event.js";
import { claimTimers, markDelivered } from "../services/timers.js";

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
      description: "Claimed messages, oldest first",
      content: { "application/json": { schema: z.object({ events: z.array(ClaimedTimerEvent) }) } },
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

export const timerEventRoutes = createRouter()
  .openapi(claim, async (c) => {
    return c.json({ events: await claimTimers(serviceContext(c), c.req.valid("json")) }, 200);
  })
  .openapi(delivered, async (c) => {
    const result = await markDelivered(serviceContext(c), {
      id: c.req.valid("param").id,
      messageRefs: c.req.valid("json").messageRefs,
    });
    return c.json(result, 200);
  });
