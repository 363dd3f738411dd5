import type { App } from "@slack/bolt";
import type { Core } from "../../core/core.js";
import type { ChatContext } from "../../core/types.js";
import { renderBlocks, renderModal } from "../render.js";
import type { SlackListenerDeps } from "./index.js";

type SlashCommand = Parameters<Parameters<App["command"]>[1]>[0]["command"];

function contextOf(command: SlashCommand, client: App["client"]): ChatContext {
  return {
    actor: {
      platform: "slack",
      userId: command.user_id,
      displayName: command.user_name,
      ...(command.team_id ? { workspaceId: command.team_id } : {}),
    },
    channel: { platform: "slack", channelId: command.channel_id },
    eventId: `slack:${command.trigger_id}`,
    lookupTimezone: () => userTimezone(client, command.user_id),
  };
}

/**
 * Every slash command, forwarded to the core by name (one Bolt listener: Bolt runs each listener's
 * middleware on every payload). Acknowledged at once (Slack's 3 s) and answered through the response
 * URL; a reply that is a form opens as a modal with the command's trigger id.
 */
export function registerCommands(app: App, core: Core, deps: SlackListenerDeps): void {
  app.command(/.*/, async ({ command, ack, respond, client }) => {
    await ack();
    try {
      const reply = await core.command(command.command, command.text, contextOf(command, client));
      if (reply.form) {
        await client.views.open({
          trigger_id: command.trigger_id,
          view: renderModal(reply.form, {
            channelId: command.channel_id,
            ...(reply.form.state ? { state: reply.form.state } : {}),
          }),
        });
        return;
      }
      await respond({
        response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral",
        ...renderBlocks(reply),
      });
    } catch (err) {
      deps.logger.error(
        { err: err instanceof Error ? err.message : String(err) },
        `slack: ${command.command} failed`,
      );
      await respond({
        response_type: "ephemeral",
        text: ":warning: Something went wrong on Baton's side; please try again.",
      });
    }
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
