import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { idempotencyOf } from "../lib/idempotency.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { AgendaActionRequest, AgendaActionResult, AgendaView } from "../schemas/agenda.js";
import { AddFacilitator, Facilitators } from "../schemas/channel.js";
import { authErrors, bearer, errors, IdParam, idempotencyHeader } from "../schemas/common.js";
import { getAgendaView, performAgendaAction } from "../services/agenda.js";
import { addFacilitator, listFacilitators } from "../services/facilitators.js";

const IdempotencyHeader = idempotencyHeader(
  "A retry with the same key is answered again instead of applied twice (bots pass the chat event's id)",
);

const view = createRoute({
  method: "get",
  path: "/workshops/{id}/agenda",
  tags: ["agenda"],
  summary: "The agenda: planned, actual and projected times, what runs now, how late the day runs",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "The agenda", content: { "application/json": { schema: AgendaView } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const act = createRoute({
  method: "post",
  path: "/workshops/{id}/agenda/actions",
  tags: ["agenda"],
  summary: "Move the agenda: start, next, back, pause, resume, extend, skip (facilitators)",
  description:
    "States: pending → running ⇄ paused → done | skipped. `start` runs the first pending item; `next` finishes the " +
    "current one and starts the next pending one; `back` reopens the previous item with a fresh timebox; `extend` " +
    "adds `minutes` to the current item; `skip` skips the next pending item. Each transition rewrites the item's " +
    "timer messages (5 and 1 minute warnings, time's up, overrun reminders every 5 minutes) in the same transaction. " +
    "A refusal (nothing to resume, nothing after the last item, …) is a 409 with a sentence to show.",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: IdParam,
    headers: IdempotencyHeader,
    body: { required: true, content: { "application/json": { schema: AgendaActionRequest } } },
  },
  responses: {
    200: {
      description: "Done; the agenda after it",
      content: { "application/json": { schema: AgendaActionResult } },
    },
    400: errors[400],
    404: errors[404],
    409: errors[409],
    422: errors[422],
    ...authErrors,
  },
});

const facilitators = createRoute({
  method: "get",
  path: "/workshops/{id}/facilitators",
  tags: ["agenda"],
  summary: "Who may drive the agenda",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "Facilitators", content: { "application/json": { schema: Facilitators } } },
    404: errors[404],
    ...authErrors,
  },
});

const addFacilitatorRoute = createRoute({
  method: "post",
  path: "/workshops/{id}/facilitators",
  tags: ["agenda"],
  summary: "Add a facilitator (a facilitator token, or a bot acting for an existing facilitator)",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: AddFacilitator } } },
  },
  responses: {
    200: { description: "Facilitators now", content: { "application/json": { schema: Facilitators } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const agendaRoutes = createRouter()
  .openapi(view, async (c) =>
    c.json(await getAgendaView(serviceContext(c), { workshopId: c.req.valid("param").id }), 200),
  )
  .openapi(act, async (c) => {
    const request = c.req.valid("json");
    const result = await performAgendaAction(serviceContext(c, request.actor), {
      workshopId: c.req.valid("param").id,
      request,
      idempotency: await idempotencyOf(c, request),
    });
    return c.json(result, 200);
  })
  .openapi(facilitators, async (c) =>
    c.json(
      { facilitators: await listFacilitators(serviceContext(c), { workshopId: c.req.valid("param").id }) },
      200,
    ),
  )
  .openapi(addFacilitatorRoute, async (c) => {
    const body = c.req.valid("json");
    const facilitators = await addFacilitator(serviceContext(c, body.actor), {
      workshopId: c.req.valid("param").id,
      facilitator: body.facilitator,
    });
    return c.json({ facilitators }, 200);
  });
