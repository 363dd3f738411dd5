import { FEEDBACK_HELP } from "../feedback.js";
import { warning } from "../messages.js";
import type { ChatCommand } from "../registry.js";
import { helpReply, NOT_BOUND } from "./help.js";

/** `/feedback [1–5] [comment]`; nothing after it opens the feedback form. */
export const feedbackCommand: ChatCommand = {
  name: "feedback",
  summary: "rate a session 1 to 5 and comment on it",
  help: FEEDBACK_HELP,
  async run(ctx, text, core) {
    if (/^(help|\?)$/i.test(text)) return helpReply(core, ctx, "feedback");
    const workshop = await core.boundWorkshop(ctx);
    if (!workshop) return warning(NOT_BOUND);
    return core.feedback.command(text, ctx, workshop);
  },
};
