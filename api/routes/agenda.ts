import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { AgendaActionRequest, AgendaActionResult, AgendaView } from "../schemas/agenda.js";
import { AddFacilitator, Facilitators } from "../schemas/channel.js";
import { authErrors, bearer, errors, IdParam, idempotencyHeader } from "../schemas/common.js";
import { getAgendaView, performAgendaAction } from "../services/agenda.js";
import { auditBy } from "../services/audit.js";
import {
  addFacilitator,
  assertCanFacilitate,
  auditFacilitatorAdded,
  listFacilitators,
} from "../services/facilitators.js";
import { getWorkshop } from "../services/workshops.js";

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
  .openapi(view, async (c) => {
    const { deps } = c.var;
    return c.json(await getAgendaView(deps.database.db, c.req.valid("param").id, deps.now()), 200);
  })
  .openapi(act, async (c) => {
    const { deps, caller } = c.var;
    const result = await performAgendaAction(deps.database.db, c.req.valid("param").id, c.req.valid("json"), {
      caller,
      now: deps.now(),
      idempotencyKey: c.req.valid("header")["idempotency-key"],
    });
    return c.json(result, 200);
  })
  .openapi(facilitators, async (c) => {
    const { db } = c.var.deps.database;
    const workshop = await getWorkshop(db, c.req.valid("param").id);
    return c.json({ facilitators: await listFacilitators(db, workshop.id) }, 200);
  })
  .openapi(addFacilitatorRoute, async (c) => {
    const { deps, caller } = c.var;
    const { db } = deps.database;
    const workshop = await getWorkshop(db, c.req.valid("param").id);
    const body = c.req.valid("json");
    await assertCanFacilitate(db, workshop.id, caller, body.actor);
    await db.transaction(async (tx) => {
      await addFacilitator(tx, workshop.id, body.facilitator, deps.now());
      await auditFacilitatorAdded(tx, workshop.id, body.facilitator, auditBy(caller, body.actor), deps.now());
    });
    return c.json({ facilitators: await listFacilitators(db, workshop.id) }, 200);
  });
