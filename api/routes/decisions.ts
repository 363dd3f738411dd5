import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { Decision, DecisionFormatQuery, DecisionList, PutDecision, ViewParam } from "../schemas/decision.js";
import { decisionMarkdown, getDecision, listDecisions, recordDecision } from "../services/decisions.js";

const DecisionParams = IdParam.extend(ViewParam.shape);

const put = createRoute({
  method: "put",
  path: "/workshops/{id}/decisions/{view}",
  tags: ["outputs"],
  summary:
    "Record the room's decision for a scorecard view: option, rationale, conditions, mitigations (facilitators)",
  description:
    "`view` is a view of the scorecard (`production`, `pre-prod`) or `default` for a scorecard without views. " +
    "The answer carries the scorecard's `recommended` option(s) at this moment and `accepted` (the chosen " +
    "option is recommended). A mitigation's `workPackage` links that plan work package, adding it when the " +
    "plan lacks it. A second PUT replaces the decision. Audited (`decision.record`).",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: DecisionParams,
    body: { required: true, content: { "application/json": { schema: PutDecision } } },
  },
  responses: {
    200: { description: "The decision", content: { "application/json": { schema: Decision } } },
    400: errors[400],
    404: errors[404],
    409: errors[409],
    422: errors[422],
    ...authErrors,
  },
});

const list = createRoute({
  method: "get",
  path: "/workshops/{id}/decisions",
  tags: ["outputs"],
  summary: "The decisions recorded, one per scorecard view",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "Decisions", content: { "application/json": { schema: DecisionList } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const get = createRoute({
  method: "get",
  path: "/workshops/{id}/decisions/{view}",
  tags: ["outputs"],
  summary: "One view's decision, as JSON or as a MADR architecture decision record (`?format=md`)",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: DecisionParams, query: DecisionFormatQuery },
  responses: {
    200: {
      description: "The decision",
      content: {
        "application/json": { schema: Decision },
        "text/markdown": { schema: { type: "string" } },
      },
    },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const decisionRoutes = createRouter()
  .openapi(put, async (c) => {
    const body = c.req.valid("json");
    const { id, view } = c.req.valid("param");
    return c.json(
      await recordDecision(serviceContext(c, body.actor), { ...body, workshopId: id, view }),
      200,
    );
  })
  .openapi(list, async (c) =>
    c.json(
      { decisions: await listDecisions(serviceContext(c), { workshopId: c.req.valid("param").id }) },
      200,
    ),
  )
  .openapi(get, async (c) => {
    const { id, view } = c.req.valid("param");
    const ctx = serviceContext(c);
    if (c.req.valid("query").format === "md") {
      const md = await decisionMarkdown(ctx, { workshopId: id, view });
      return c.body(md, 200, { "Content-Type": "text/markdown; charset=utf-8" });
    }
    return c.json(await getDecision(ctx, { workshopId: id, view }), 200);
  });
