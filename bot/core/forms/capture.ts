import type { ChatForm } from "../registry.js";

/** The capture form: `cap:<workshopId>`, its state the source message (when captured from one). */
export const captureForm: ChatForm = {
  prefix: "cap",
  workshopOf: (formId) => formId.split(":")[1] || undefined,
  submit: (ctx, s, core) => core.capture.submit(s.formId, s.values, s.state, ctx),
};
