import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { Costs, PutCosts, PutSkills, Skills } from "../schemas/skills-costs.js";
import { getCosts, getSkills, putCosts, putSkills } from "../services/skills-costs.js";

const ok = <T>(schema: T, description: string) => ({
  200: { description, content: { "application/json": { schema } } },
  400: errors[400],
  404: errors[404],
  ...authErrors,
});

const putSkillsRoute = createRoute({
  method: "put",
  path: "/workshops/{id}/skills",
  tags: ["outputs"],
  summary: "Replace the skills matrix: people × skills at levels 0–3 against a target (facilitators)",
  description:
    "The answer has a gap per skill: max(0, target − the best level anyone has), with who falls short. With " +
    "`trainingWorkPackages`, each gap becomes (or links) plan work package `training-<skill>`. Audited.",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: PutSkills } } },
  },
  responses: { ...ok(Skills, "The matrix and its gaps"), 409: errors[409], 422: errors[422] },
});

const getSkillsRoute = createRoute({
  method: "get",
  path: "/workshops/{id}/skills",
  tags: ["outputs"],
  summary: "The skills matrix and its gaps per skill",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam },
  responses: ok(Skills, "The matrix and its gaps"),
});

const putCostsRoute = createRoute({
  method: "put",
  path: "/workshops/{id}/costs",
  tags: ["outputs"],
  summary: "Replace the monthly costs per scorecard option and environment (facilitators)",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: PutCosts } } },
  },
  responses: ok(Costs, "The costs, their totals and the room's Cost votes"),
});

const getCostsRoute = createRoute({
  method: "get",
  path: "/workshops/{id}/costs",
  tags: ["outputs"],
  summary: "Costs with totals per option and environment, beside the room's Cost votes",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam },
  responses: ok(Costs, "The costs, their totals and the room's Cost votes"),
});

export const skillsCostsRoutes = createRouter()
  .openapi(putSkillsRoute, async (c) => {
    const body = c.req.valid("json");
    return c.json(
      await putSkills(serviceContext(c, body.actor), { ...body, workshopId: c.req.valid("param").id }),
      200,
    );
  })
  .openapi(getSkillsRoute, async (c) =>
    c.json(await getSkills(serviceContext(c), { workshopId: c.req.valid("param").id }), 200),
  )
  .openapi(putCostsRoute, async (c) => {
    const body = c.req.valid("json");
    return c.json(
      await putCosts(serviceContext(c, body.actor), { ...body, workshopId: c.req.valid("param").id }),
      200,
    );
  })
  .openapi(getCostsRoute, async (c) =>
    c.json(await getCosts(serviceContext(c), { workshopId: c.req.valid("param").id }), 200),
  );
