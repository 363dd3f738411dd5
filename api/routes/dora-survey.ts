import { createRoute } from "@hono/zod-openapi";
import { requireRole } from "../auth.js";
import { createRouter } from "../lib/router.js";
import { serviceContext } from "../lib/service-context.js";
import { authErrors, bearer, errors, IdParam } from "../schemas/common.js";
import { SurveyAnswer, SurveyAnswerInput, SurveyBaseline } from "../schemas/dora.js";
import { answerSurvey, getSurveyBaseline } from "../services/dora-survey.js";

const answer = createRoute({
  method: "post",
  path: "/workshops/{id}/dora-survey",
  tags: ["four keys"],
  summary: "Record one stakeholder's DORA quick-check answers (facilitator, bot)",
  description:
    "One set of answers per (workshop, respondent): answering again replaces the questions given and keeps " +
    'the others. Bucket ids are listed by `GET /v1/workshops/{id}/dora-survey`; `unknown` means "I don\'t know".',
  security: bearer,
  middleware: [requireRole("facilitator", "bot")] as const,
  request: {
    params: IdParam,
    body: { required: true, content: { "application/json": { schema: SurveyAnswerInput } } },
  },
  responses: {
    201: {
      description: "First answers of this respondent",
      content: { "application/json": { schema: SurveyAnswer } },
    },
    200: { description: "Answers updated", content: { "application/json": { schema: SurveyAnswer } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

const baseline = createRoute({
  method: "get",
  path: "/workshops/{id}/dora-survey",
  tags: ["four keys"],
  summary: "The room's four-key baseline: median bucket and spread per question (facilitator, bot, pm)",
  description:
    "Also lists every question with its buckets (best first), so a chat client can render the poll from it.",
  security: bearer,
  middleware: [requireRole("facilitator", "bot", "pm")] as const,
  request: { params: IdParam },
  responses: {
    200: { description: "The baseline", content: { "application/json": { schema: SurveyBaseline } } },
    400: errors[400],
    404: errors[404],
    ...authErrors,
  },
});

export const doraSurveyRoutes = createRouter()
  .openapi(answer, async (c) => {
    const { answer: stored, created } = await answerSurvey(serviceContext(c), {
      workshopId: c.req.valid("param").id,
      answer: c.req.valid("json"),
    });
    return created ? c.json(stored, 201) : c.json(stored, 200);
  })
  .openapi(baseline, async (c) =>
    c.json(await getSurveyBaseline(serviceContext(c), { workshopId: c.req.valid("param").id }), 200),
  );
