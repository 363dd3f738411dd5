import type { App } from "@slack/bolt";
import type { Core } from "../../core/agenda.js";
import type { ChatContext, Reply } from "../../core/types.js";
import { renderBlocks, renderModal } from "../render.js";
import type { SlackListenerDeps } from "./index.js";

type Respond = Parameters<Parameters<App["command"]>[1]>[0]["respond"];
type SlashCommand = Parameters<Parameters<App["command"]>[1]>[0]["command"];

function contextOf(command: SlashCommand): ChatContext {
  return {
    actor: { platform: "slack", userId: command.user_id, displayName: command.user_name },
    channel: { platform: "slack", channelId: command.channel_id },
    eventId: `slack:${command.trigger_id}`,
  };
}

/** Answers a command through its response URL: the reply (nothing for null), or an apology if the work failed. */
async function answer(
  respond: Respond,
  deps: SlackListenerDeps,
  name: string,
  work: () => Promise<Reply | null>,
): Promise<void> {
  try {
    const reply = await work();
    if (!reply) return;
    await respond({
      response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral",
      ...renderBlocks(reply),
    });
  } catch (err) {
    deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, `slack: ${name} failed`);
    await respond({
      response_type: "ephemeral",
      text: ":warning: Something went wrong on Baton's side; please try again.",
    });
  }
}

type CommandHandler = (args: {
  command: SlashCommand;
  respond: Respond;
  client: App["client"];
}) => Promise<void>;

/**
 * The slash commands, by name. All are acknowledged at once (Slack's 3 s) and answered through the
 * response URL.
 */
function commandHandlers(core: Core, deps: SlackListenerDeps): Record<string, CommandHandler> {
  /** `/capture …` and `/feedback …`: with nothing after the command, a form (modal) opened with the command's trigger id. */
  const formCommand =
    (name: "/capture" | "/feedback"): CommandHandler =>
    ({ command, respond, client }) =>
      answer(respond, deps, name, async () => {
        const ctx = contextOf(command);
        const reply =
          name === "/capture"
            ? await core.handleCaptureCommand(command.text, ctx)
            : await core.handleFeedbackCommand(command.text, ctx);
        if (!reply.form) return reply;
        await client.views.open({
          trigger_id: command.trigger_id,
          view: renderModal(reply.form, {
            channelId: command.channel_id,
            ...(reply.form.state ? { state: reply.form.state } : {}),
          }),
        });
        return null;
      });
  return {
    "/agenda": ({ command, respond, client }) =>
      answer(respond, deps, "/agenda", async () => {
        const ctx = contextOf(command);
        if (/^\s*start\b/i.test(command.text)) {
          const tz = await userTimezone(client, command.user_id);
          if (tz) ctx.timezone = tz;
        }
        return core.handleCommand(command.text, ctx);
      }),
    // `/plan …`: answers go to the channel, so the room sees the plan grow.
    "/plan": ({ command, respond }) =>
      answer(respond, deps, "/plan", () => core.handlePlanCommand(command.text, contextOf(command))),
    // A line item for the channel to see, or feedback only its giver sees.
    "/capture": formCommand("/capture"),
    "/feedback": formCommand("/feedback"),
  };
}

/**
 * One Bolt listener for every slash command: Bolt runs each registered listener's middleware on every
 * payload, so fewer listeners is less work per click and per command.
 */
export function registerCommands(app: App, core: Core, deps: SlackListenerDeps): void {
  const handlers = commandHandlers(core, deps);
  app.command(/^\/(agenda|plan|capture|feedback)$/, async ({ command, ack, respond, client }) => {
    await ack();
    await handlers[command.command]?.({ command, respond, client });
  });
}

async function userTimezone(client: App["client"], user: string): Promise<string | undefined> {
  try {
    const info = await client.users.info({ user });
    return info.user?.tz ?? undefined;
  } catch {
    return undefined;
  }
}
