import { z } from "@hono/zod-openapi";
import { Actor } from "./agenda.js";
import { ExportFormat } from "./common.js";

export const SubmitFeedback = z
  .strictObject({
    sessionId: z.uuid(),
    rating: z.number().int().min(1).max(5).optional().openapi({ description: "How useful it was, 1–5" }),
    comment: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .openapi({ description: "An empty string clears an earlier comment" }),
    actor: Actor.optional().openapi({ description: "Required for bot tokens: whose feedback it is" }),
  })
  .superRefine((body, ctx) => {
    if (body.rating === undefined && body.comment === undefined)
      ctx.addIssue({ code: "custom", path: ["rating"], message: "give a rating, a comment, or both" });
  })
  .openapi("SubmitFeedback");
export type SubmitFeedback = z.infer<typeof SubmitFeedback>;

export const MyFeedback = z
  .object({
    sessionId: z.uuid(),
    sessionTitle: z.string(),
    rating: z.number().int().nullable(),
    comment: z.string().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("MyFeedback", {
    description: "The feedback this person has given on the session, after the change",
  });
export type MyFeedback = z.infer<typeof MyFeedback>;

export const SessionFeedbackSummary = z
  .object({
    sessionId: z.uuid(),
    title: z.string(),
    state: z.enum(["pending", "running", "paused", "done", "skipped"]),
    count: z.number().int().openapi({ description: "Ratings given" }),
    mean: z.number().nullable(),
    distribution: z.object({
      "1": z.number().int(),
      "2": z.number().int(),
      "3": z.number().int(),
      "4": z.number().int(),
      "5": z.number().int(),
    }),
    comments: z
      .array(z.object({ text: z.string(), at: z.iso.datetime() }))
      .openapi({ description: "Oldest first, without their authors" }),
  })
  .openapi("SessionFeedbackSummary");

export const FeedbackSummary = z
  .object({ workshopId: z.uuid(), sessions: z.array(SessionFeedbackSummary) })
  .openapi("FeedbackSummary");
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;

export const FeedbackQuery = z.object({
  format: ExportFormat,
  sessionId: z
    .uuid()
    .optional()
    .openapi({ param: { name: "sessionId", in: "query" }, description: "One session only" }),
});
