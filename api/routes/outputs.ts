import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { Output, OutputIdParam, OutputList, UpdateOutput } from "../schemas/output.js";
import { listOutputs, updateOutput } from "../services/outputs.js";

const list = createRoute({
  method: "get",
  path: "/workshops/{id}/outputs",
  tags: ["outputs"],
  summary: "What each session must produce: its outputs, their status and the evidence feeding them",
  description:
    "In agenda order. Evidence: line items captured, polls launched and decisions recorded in the output's " +
    "session; the plan's work packages for outputs about a plan, timeline or dependencies; use cases for " +
    "outputs about use cases or data flows.",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "The outputs", content: { "application/json": { schema: OutputList } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const update = createRoute({
  method: "patch",
  path: "/outputs/{outputId}",
  tags: ["outputs"],
  summary: "Set an output's status: open, draft or done (facilitators)",
  description:
    "Bots pass the facilitator as `actor`. Audited (`output.update`); the same status again is a no-op.",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: OutputIdParam,
    body: { required: true, content: { "application/json": { schema: UpdateOutput } } },
  },
  responses: {
    200: { description: "The output after the change", content: { "application/json": { schema: Output } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const outputRoutes = createRouter()
  .openapi(list, async (c) =>
    c.json({ outputs: await listOutputs(serviceContext(c), { workshopId: c.req.valid("param").id }) }, 200),
  )
  .openapi(update, async (c) => {
    const body = c.req.valid("json");
    const output = await updateOutput(serviceContext(c, body.actor), {
      ...body,
      outputId: c.req.valid("param").outputId,
    });
    return c.json(output, 200);
  });
