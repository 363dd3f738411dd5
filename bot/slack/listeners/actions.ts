import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { Core } from "../../core/core.js";
import type { ChatContext } from "../../core/types.js";
import { renderBlocks, renderModal } from "../render.js";
import { postToResponseUrl } from "../respond.js";
import type { SlackListenerDeps } from "./index.js";

/**
 * Every button click, forwarded to the core unfiltered (the core's registry knows Baton's kinds and
 * ignores the rest), answered to the clicker only. A click that asks for a form (Add a comment) opens
 * it as a modal with the click's trigger id; a vote refreshes the poll's cards (coalesced).
 */
export function registerActions(app: App, core: Core, deps: SlackListenerDeps): void {
  app.action<BlockAction<ButtonAction>>(/.*/, async ({ action, body, ack, client }) => {
    const respond = (message: object) => postToResponseUrl(body.response_url, message);
    await ack();
    const channelId = body.channel?.id ?? body.container?.channel_id;
    if (!channelId) return;
    const ctx: ChatContext = {
      actor: {
        platform: "slack",
        userId: body.user.id,
        displayName: body.user.name ?? body.user.username ?? body.user.id,
        ...(body.team?.id ? { workspaceId: body.team.id } : {}),
      },
      channel: { platform: "slack", channelId },
      eventId: `slack:${action.action_ts}`,
    };
    try {
      const reply = await core.handleAction(action.action_id, ctx);
      if (!reply) return;
      if (reply.refreshPoll) deps.polls?.touch(reply.refreshPoll);
      if (reply.form) {
        await client.views.open({
          trigger_id: body.trigger_id,
          view: renderModal(reply.form, {
            channelId,
            ...(reply.form.state ? { state: reply.form.state } : {}),
          }),
        });
        return;
      }
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
