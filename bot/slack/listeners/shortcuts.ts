import type { App, MessageShortcut } from "@slack/bolt";
import type { Core } from "../../core/core.js";
import type { ChatContext } from "../../core/types.js";
import { renderBlocks, renderModal } from "../render.js";
import type { SlackListenerDeps } from "./index.js";

export const CAPTURE_SHORTCUT = "capture_line_item";

/**
 * "Capture as line item" on any message (⋯ → Capture as line item): the capture form with the
 * message's text, keeping a link (its permalink) to it. Acknowledged at once; the modal opens with
 * the shortcut's trigger id.
 */
export function registerShortcuts(app: App, core: Core, deps: SlackListenerDeps): void {
  app.shortcut<MessageShortcut>(
    { type: "message_action", callback_id: CAPTURE_SHORTCUT },
    async ({ ack, shortcut, client }) => {
      await ack();
      const channelId = shortcut.channel.id;
      const ctx: ChatContext = {
        actor: {
          platform: "slack",
          userId: shortcut.user.id,
          displayName: shortcut.user.name ?? shortcut.user.id,
          ...(shortcut.team?.id ? { workspaceId: shortcut.team.id } : {}),
        },
        channel: { platform: "slack", channelId },
        eventId: `slack:${shortcut.trigger_id}`,
      };
      try {
        const link = await client.chat
          .getPermalink({ channel: channelId, message_ts: shortcut.message.ts })
          .then((r) => r.permalink)
          .catch(() => undefined);
        const author = shortcut.message.user;
        const reply = await core.captureFromMessage(
          {
            platform: "slack",
            text: shortcut.message.text ?? "",
            channelId,
            messageRef: shortcut.message.ts,
            ...(link ? { url: link } : {}),
            ...(author ? { author: `slack:${author}` } : {}),
          },
          ctx,
        );
        if (reply.form) {
          await client.views.open({
            trigger_id: shortcut.trigger_id,
            view: renderModal(reply.form, {
              channelId,
              ...(reply.form.state ? { state: reply.form.state } : {}),
            }),
          });
          return;
        }
        await client.chat.postEphemeral({
          channel: channelId,
          user: shortcut.user.id,
          ...renderBlocks(reply),
        });
      } catch (err) {
        deps.logger.error(
          { err: err instanceof Error ? err.message : String(err) },
          "slack: capture shortcut failed",
        );
      }
    },
  );
}
