import type { App } from "@slack/bolt";
import type { Core } from "../../core/agenda.js";
import type { ChatContext } from "../../core/types.js";
import { renderBlocks, renderModal } from "../render.js";
import type { SlackListenerDeps } from "./index.js";

/** `/agenda …`: ack at once (Slack's 3 s), then answer through the response URL. */
export function registerCommands(app: App, core: Core, deps: SlackListenerDeps): void {
  app.command("/agenda", async ({ command, ack, respond, client }) => {
    await ack();
    const ctx: ChatContext = {
      actor: { platform: "slack", userId: command.user_id, displayName: command.user_name },
      channel: { platform: "slack", channelId: command.channel_id },
      eventId: `slack:${command.trigger_id}`,
    };
    try {
      if (/^\s*start\b/i.test(command.text)) {
        const tz = await userTimezone(client, command.user_id);
        if (tz) ctx.timezone = tz;
      }
      const reply = await core.handleCommand(command.text, ctx);
      await respond({
        response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral",
        ...renderBlocks(reply),
      });
    } catch (err) {
      deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, "slack: /agenda failed");
      await respond({
        response_type: "ephemeral",
        text: ":warning: Something went wrong on Baton's side; please try again.",
      });
    }
  });
}

/** `/plan …`: answers go to the channel, so the room sees the plan grow. */
export function registerPlanCommand(app: App, core: Core, deps: SlackListenerDeps): void {
  app.command("/plan", async ({ command, ack, respond }) => {
    await ack();
    try {
      const reply = await core.handlePlanCommand(command.text, {
        actor: { platform: "slack", userId: command.user_id, displayName: command.user_name },
        channel: { platform: "slack", channelId: command.channel_id },
        eventId: `slack:${command.trigger_id}`,
      });
      await respond({
        response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral",
        ...renderBlocks(reply),
      });
    } catch (err) {
      deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, "slack: /plan failed");
      await respond({
        response_type: "ephemeral",
        text: ":warning: Something went wrong on Baton's side; please try again.",
      });
    }
  });
}

/**
 * `/capture …` and `/feedback …`: a line item for the channel to see, or feedback only its giver sees;
 * with nothing after the command, a form (modal) opened with the command's trigger id.
 */
export function registerFormCommands(app: App, core: Core, deps: SlackListenerDeps): void {
  for (const name of ["/capture", "/feedback"] as const) {
    app.command(name, async ({ command, ack, respond, client }) => {
      await ack();
      const ctx: ChatContext = {
        actor: { platform: "slack", userId: command.user_id, displayName: command.user_name },
        channel: { platform: "slack", channelId: command.channel_id },
        eventId: `slack:${command.trigger_id}`,
      };
      try {
        const reply =
          name === "/capture"
            ? await core.handleCaptureCommand(command.text, ctx)
            : await core.handleFeedbackCommand(command.text, ctx);
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
        deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, `slack: ${name} failed`);
        await respond({
          response_type: "ephemeral",
          text: ":warning: Something went wrong on Baton's side; please try again.",
        });
      }
    });
  }
}

async function userTimezone(client: App["client"], user: string): Promise<string | undefined> {
  try {
    const info = await client.users.info({ user });
    return info.user?.tz ?? undefined;
  } catch {
    return undefined;
  }
}
