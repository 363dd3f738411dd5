import type { ChatForm } from "../registry.js";

/** The feedback form: `fb:<workshopId>:<itemId>` for one session, `fb:<workshopId>:` to choose it. */
export const feedbackForm: ChatForm = {
  prefix: "fb",
  workshopOf: (formId) => formId.split(":")[1] || undefined,
  submit: (ctx, s, core) => core.feedback.submit(s.formId, s.values, ctx),
};
