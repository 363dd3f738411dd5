import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { CreateSwotEntry, Swot, SwotEntry } from "../schemas/swot.js";
import { addSwotEntry, getSwot } from "../services/swot.js";

const create = createRoute({
  method: "post",
  path: "/workshops/{id}/swot",
  tags: ["outputs"],
  summary: "Add a strength, weakness, opportunity or threat of a scorecard option (anyone in the room)",
  description:
    "`option` is a key of the workshop's scorecard options (its latest scorecard poll, else the template's); " +
    "an unknown one is refused naming `option`. Bots pass the person as `actor`. Audited (`swot.create`).",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: CreateSwotEntry } } },
  },
  responses: {
    201: { description: "Added", content: { "application/json": { schema: SwotEntry } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const get = createRoute({
  method: "get",
  path: "/workshops/{id}/swot",
  tags: ["outputs"],
  summary: "The SWOT of every scorecard option, grouped by option then quadrant",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "The SWOT", content: { "application/json": { schema: Swot } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const swotRoutes = createRouter()
  .openapi(create, async (c) => {
    const body = c.req.valid("json");
    const entry = await addSwotEntry(serviceContext(c, body.actor), {
      ...body,
      workshopId: c.req.valid("param").id,
    });
    return c.json(entry, 201);
  })
  .openapi(get, async (c) =>
    c.json(await getSwot(serviceContext(c), { workshopId: c.req.valid("param").id }), 200),
  );
