import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { ItemIdParam, LineItem } from "../schemas/line-item.js";
import { RecordReview, ReviewQueue } from "../schemas/review.js";
import { getReviewQueue, recordReview } from "../services/review.js";

const queue = createRoute({
  method: "get",
  path: "/workshops/{id}/review",
  tags: ["outputs"],
  summary: "The day-2 review: every open assumption and risk, in register order, and the review's progress",
  description:
    "When the review session starts (a session whose title names a review), the relay posts the same list in " +
    "its thread for facilitators to validate, invalidate or defer.",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "What to review", content: { "application/json": { schema: ReviewQueue } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const record = createRoute({
  method: "post",
  path: "/items/{itemId}/review",
  tags: ["outputs"],
  summary: "Record the review's outcome for a line item: validate, invalidate or defer (facilitators)",
  description:
    "Validate and invalidate set the item's status; defer leaves it open. Counted in the outputs' evidence " +
    "(`reviewed`). Audited (`item.review`); the same outcome again changes nothing.",
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: ItemIdParam,
    body: { required: true, content: { "application/json": { schema: RecordReview } } },
  },
  responses: {
    200: { description: "The item after the review", content: { "application/json": { schema: LineItem } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const reviewRoutes = createRouter()
  .openapi(queue, async (c) =>
    c.json(await getReviewQueue(serviceContext(c), { workshopId: c.req.valid("param").id }), 200),
  )
  .openapi(record, async (c) => {
    const body = c.req.valid("json");
    return c.json(
      await recordReview(serviceContext(c, body.actor), { ...body, itemId: c.req.valid("param").itemId }),
      200,
    );
  });
