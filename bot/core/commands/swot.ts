import { warning } from "../messages.js";
import type { ChatCommand, CoreServices } from "../registry.js";
import {
  matchOption,
  parseSwotCommand,
  QUADRANT_TITLE,
  SWOT_HELP,
  SWOT_QUADRANTS,
  swotForm,
} from "../swot.js";
import type { ChatContext, Reply, WorkshopSummary } from "../types.js";
import { helpReply, NOT_BOUND } from "./help.js";

/** `/swot …`: strengths, weaknesses, opportunities and threats of the scorecard's options. */
export const swotCommand: ChatCommand = {
  name: "swot",
  summary: "strengths, weaknesses, opportunities and threats of each option",
  help: SWOT_HELP,
  async run(ctx, text, core) {
    const cmd = parseSwotCommand(text);
    if (cmd.kind === "help") return helpReply(core, ctx, "swot");
    if (cmd.kind === "error") return warning(cmd.message);
    const workshop = await core.boundWorkshop(ctx);
    if (!workshop) return warning(NOT_BOUND);
    const swot = await core.api.getSwot(workshop.id);
    if (cmd.kind === "show") return showSwot(swot, workshop);
    if (cmd.kind === "form") return swotForm(workshop.id, swot.options);
    const match = matchOption(cmd.option, swot.options);
    if (!match.ok) return warning(match.message);
    return addSwot(core, ctx, workshop.id, { ...cmd, option: match.option, label: match.label });
  },
};

/** Adds an entry and tells the channel. */
export async function addSwot(
  core: CoreServices,
  ctx: ChatContext,
  workshopId: string,
  entry: { option: string; label: string; quadrant: (typeof SWOT_QUADRANTS)[number]; text: string },
): Promise<Reply> {
  const added = await core.api.addSwot(workshopId, {
    option: entry.option,
    quadrant: entry.quadrant,
    text: entry.text,
    actor: ctx.actor,
  });
  return {
    visibility: "channel",
    text: `🧭 ${ctx.actor.displayName || ctx.actor.userId} added a ${added.quadrant} of ${entry.label}: "${added.text}".`,
  };
}

/** The SWOT grouped by option, then quadrant. */
function showSwot(
  swot: Awaited<ReturnType<CoreServices["api"]["getSwot"]>>,
  workshop: WorkshopSummary,
): Reply {
  const filled = swot.options.filter((o) => SWOT_QUADRANTS.some((q) => o[q].length > 0));
  if (filled.length === 0)
    return {
      visibility: "ephemeral",
      text: `No SWOT yet for "${workshop.name}". Add one: \`/swot strength ${swot.options[0]?.option ?? "msk"}: <text>\`.`,
    };
  return {
    visibility: "ephemeral",
    text: `SWOT of ${filled.length === 1 ? "1 option" : `${filled.length} options`} in "${workshop.name}":`,
    sections: filled.map((o) => ({
      title: o.label,
      text: SWOT_QUADRANTS.filter((q) => o[q].length > 0)
        .map((q) => `*${QUADRANT_TITLE[q]}*\n${o[q].map((e) => `• ${e.text}`).join("\n")}`)
        .join("\n"),
    })),
  };
}
