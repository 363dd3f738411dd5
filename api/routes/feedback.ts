import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { feedbackCsv } from "../domain/export/tables.js";
import { csvAttachment } from "../lib/csv-response.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam, jsonOrCsv } from "../schemas/common.js";
import { FeedbackQuery, FeedbackSummary, MyFeedback, SubmitFeedback } from "../schemas/feedback.js";
import { getFeedbackSummary, submitFeedback } from "../services/feedback.js";

const submit = createRoute({
  method: "post",
  path: "/workshops/{id}/feedback",
  tags: ["feedback"],
  summary:
    "Rate a session 1–5 and/or comment on it (one per session and person; a second replaces the first)",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: SubmitFeedback } } },
  },
  responses: {
    200: { description: "Recorded", content: { "application/json": { schema: MyFeedback } } },
    400: errors[400],
    404: errors[404],
    409: errors[409],
    422: errors[422],
    ...authErrors,
  },
});

const summary = createRoute({
  method: "get",
  path: "/workshops/{id}/feedback",
  tags: ["feedback"],
  summary: "Per session: how many rated it, the mean, the distribution 1–5 and the comments (no names)",
  security: bearer,
  middleware: [requireRole("facilitator", "pm", "bot")] as const,
  request: { params: IdParam, query: FeedbackQuery },
  responses: {
    200: jsonOrCsv(FeedbackSummary, "The summary", "One row per session; comments one per line in one cell"),
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const feedbackRoutes = createRouter()
  .openapi(submit, async (c) => {
    const feedback = c.req.valid("json");
    const mine = await submitFeedback(serviceContext(c, feedback.actor), {
      workshopId: c.req.valid("param").id,
      feedback,
    });
    return c.json(mine, 200);
  })
  .openapi(summary, async (c) => {
    const { id } = c.req.valid("param");
    const { sessionId, format } = c.req.valid("query");
    const result = await getFeedbackSummary(serviceContext(c), { workshopId: id, sessionId });
    if (format === "csv") return csvAttachment(c, id, "feedback", feedbackCsv(result.sessions));
    return c.json(result, 200);
  });
