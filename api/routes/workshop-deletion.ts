import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { deleteWorkshop } from "../services/workshop-deletion.js";

const remove = createRoute({
  method: "delete",
  path: "/workshops/{id}",
  tags: ["workshops"],
  summary: "Delete a workshop and everything in it (admin, facilitator)",
  description:
    "Agenda, timers, channel bindings, polls and votes, feedback, line items, plan, roadmap feeds (their " +
    "links answer 404), facilitators, quick-check answers and the workshop's audit entries. Audited " +
    "(`workshop.delete`). Not undoable.",
  security: bearer,
  middleware: [requireRole("facilitator")] as const,
  request: { params: IdParam },
  responses: { 204: { description: "Deleted" }, 400: errors[400], 404: errors[404], ...authErrors },
});

export const workshopDeletionRoutes = createRouter().openapi(remove, async (c) => {
  await deleteWorkshop(serviceContext(c), { workshopId: c.req.valid("param").id });
  return c.body(null, 204);
});
