import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { idempotencyOf } from "../lib/idempotency.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam, idempotencyHeader } from "../schemas/common.js";
import {
  CreateWorkshop,
  ListWorkshopsQuery,
  Workshop,
  WorkshopList,
  WorkshopWithAgenda,
} from "../schemas/workshop.js";
import { createWorkshop, getWorkshop, listWorkshops } from "../services/workshops.js";

const IdempotencyHeaders = idempotencyHeader(
  "Retry safely: the same key and body return the first workshop (200) instead of creating another",
);

const create = createRoute({
  method: "post",
  path: "/workshops",
  tags: ["workshops"],
  summary: "Create a workshop from a template or a custom agenda (admin, facilitator, bot)",
  description:
    "Agenda times are local to `timezone`; day 1 is `startDate`, day N the (N−1)th calendar day after it. " +
    "A local time that clocks skip moves forward by the gap; one that occurs twice is the earlier instant.",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    headers: IdempotencyHeaders,
    body: { required: true, content: { "application/json": { schema: CreateWorkshop } } },
  },
  responses: {
    201: { description: "Created", content: { "application/json": { schema: WorkshopWithAgenda } } },
    200: {
      description: "Replayed: this Idempotency-Key already created this workshop",
      content: { "application/json": { schema: WorkshopWithAgenda } },
    },
    400: errors[400],
    404: errors[404],
    409: errors[409],
    413: errors[413],
    422: errors[422],
    ...authErrors,
  },
});

const list = createRoute({
  method: "get",
  path: "/workshops",
  tags: ["workshops"],
  summary: "List workshops, newest first",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { query: ListWorkshopsQuery },
  responses: {
    200: { description: "A page of workshops", content: { "application/json": { schema: WorkshopList } } },
    400: errors[400],
    ...authErrors,
  },
});

const get = createRoute({
  method: "get",
  path: "/workshops/{id}",
  tags: ["workshops"],
  summary: "One workshop",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "The workshop", content: { "application/json": { schema: Workshop } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const workshopRoutes = createRouter()
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const { actor, ...workshop } = body;
    const result = await createWorkshop(serviceContext(c, actor), {
      workshop,
      idempotency: await idempotencyOf(c, body),
    });
    c.header("Location", `/v1/workshops/${result.workshop.id}`);
    if (result.replayed) {
      c.header("Idempotent-Replayed", "true");
      return c.json(result.workshop, 200);
    }
    return c.json(result.workshop, 201);
  })
  .openapi(list, async (c) => c.json(await listWorkshops(serviceContext(c), c.req.valid("query")), 200))
  .openapi(get, async (c) => c.json(await getWorkshop(serviceContext(c), c.req.valid("param").id), 200));
