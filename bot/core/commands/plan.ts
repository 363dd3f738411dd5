import { warning } from "../messages.js";
import { formatPlanSummary, PLAN_HELP, parsePlanCommand } from "../plan-command.js";
import type { ChatCommand } from "../registry.js";
import { helpReply, NOT_BOUND } from "./help.js";

/** `/plan …`: the room builds the plan together, so answers are posted for the channel to see. */
export const planCommand: ChatCommand = {
  name: "plan",
  summary: "build the delivery plan together: work packages, dependencies, the critical path",
  help: PLAN_HELP,
  async run(ctx, text, core) {
    const cmd = parsePlanCommand(text);
    if (cmd.kind === "help") return helpReply(core, ctx, "plan");
    if (cmd.kind === "error") return warning(cmd.message);
    const workshop = await core.boundWorkshop(ctx);
    if (!workshop) return warning(NOT_BOUND);
    if (cmd.kind === "show") {
      const current = await core.api.getPlan(workshop.id);
      if (!current)
        return warning('This workshop has no plan yet. Add a work package: `/plan add design "Design" 3d`.');
      const [headline = "", ...lines] = formatPlanSummary(current);
      return { visibility: "channel", text: headline, sections: [{ text: lines.join("\n") }] };
    }
    const updated = await core.api.addWorkPackage(workshop.id, cmd.workPackage, ctx.actor);
    const added = updated.workPackages.find((w) => w.key === cmd.workPackage.key);
    const [headline = "", ...lines] = formatPlanSummary(updated);
    return {
      visibility: "channel",
      text: `${ctx.actor.displayName || ctx.actor.userId} added ${cmd.workPackage.key}${added ? ` (${added.earlyStart} → ${added.earlyFinish})` : ""}. ${headline}`,
      sections: [{ text: lines.join("\n") }],
    };
  },
};
