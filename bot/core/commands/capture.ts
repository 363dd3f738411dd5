import { CAPTURE_HELP } from "../capture-command.js";
import { warning } from "../messages.js";
import type { ChatCommand } from "../registry.js";
import { helpReply, NOT_BOUND } from "./help.js";

/** `/capture <kind> <text>`; nothing after it opens the capture form. */
export const captureCommand: ChatCommand = {
  name: "capture",
  summary: "capture a requirement, assumption, risk, decision or gap in the running session",
  help: CAPTURE_HELP,
  async run(ctx, text, core) {
    if (/^(help|\?)$/i.test(text)) return helpReply(core, ctx, "capture");
    const workshop = await core.boundWorkshop(ctx);
    if (!workshop) return warning(NOT_BOUND);
    return core.capture.command(text, ctx, workshop);
  },
};
