import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { Core } from "../../core/agenda.js";
import { renderBlocks } from "../render.js";
import type { SlackListenerDeps } from "./index.js";

/** Buttons on Baton's messages (Next, +5 min, Pause): answered to the clicker only. */
export function registerActions(app: App, core: Core, deps: SlackListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(/^agenda:/, async ({ action, body, ack, respond }) => {
    await ack();
    const channelId = body.channel?.id ?? body.container?.channel_id;
    if (!channelId) return;
    try {
      const reply = await core.handleAction(action.action_id, {
        actor: {
          platform: "slack",
          userId: body.user.id,
          displayName: body.user.name ?? body.user.username ?? body.user.id,
        },
        channel: { platform: "slack", channelId },
        eventId: `slack:${action.action_ts}`,
      });
      if (reply)
        await respond({ response_type: "ephemeral", replace_original: false, ...renderBlocks(reply) });
    } catch (err) {
      deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, "slack: button failed");
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: ":warning: Something went wrong on Baton's side.",
      });
    }
  });
}
