import { decodeFeedback, type FeedbackButtonAction } from "../action-ids.js";
import { defineAction } from "../registry.js";

/** The 1–5 and "Add a comment" buttons of a session's feedback prompt: `fb:<workshopId>:<itemId>:<1–5 | comment>`. */
export const feedbackAction = defineAction<FeedbackButtonAction>({
  prefix: "fb",
  decode: decodeFeedback,
  workshopOf: (a) => a.workshopId,
  run: (ctx, a, core) =>
    a.rating === "comment"
      ? core.feedback.form(a.workshopId, a.itemId)
      : core.feedback.rate(ctx, a.workshopId, a.itemId, a.rating),
});
