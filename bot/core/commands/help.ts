import type { CoreServices } from "../registry.js";
import type { ChatContext, Platform, Reply } from "../types.js";

export const NOT_BOUND = "No workshop runs in this channel yet. Start one with `/agenda start`.";

/** What only one platform adds to the help: how its own chat works. */
const PLATFORM_HELP: Record<Platform, readonly string[]> = {
  slack: ["On any message, ⋯ → *Capture as line item* captures it with a link to it."],
  teams: ["Type the commands with or without the slash, or after @Baton."],
  console: [
    "Type a button's number to press it; a form asks one field per line (`/cancel` closes it).",
    "`/quit` — leave the terminal chat",
  ],
};

/**
 * The help, generated from the registry: the asked command's own lines (when there is one), then
 * every command with its one-line summary, then what the platform adds.
 */
export function helpReply(core: CoreServices, ctx: ChatContext, focus?: string): Reply {
  const { commands } = core.registry;
  const own = commands.find((c) => c.name === focus);
  const all = commands.map(
    (c) => `\`/${c.name}\` — ${c.summary}${c.name === focus ? "" : ` (\`/${c.name} help\`)`}`,
  );
  return {
    visibility: "ephemeral",
    text: "Baton runs the workshop from here:",
    sections: [
      ...(own ? [{ title: `/${own.name}`, text: own.help.join("\n") }] : []),
      { title: "Every command", text: [...all, ...PLATFORM_HELP[ctx.actor.platform]].join("\n") },
    ],
  };
}
