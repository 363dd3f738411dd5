import type { App, ViewSubmitAction } from "@slack/bolt";
import type { Core } from "../../core/core.js";
import type { ChatContext } from "../../core/types.js";
import { type ModalMetadata, modalValues, renderBlocks } from "../render.js";
import type { SlackListenerDeps } from "./index.js";

/**
 * A modal sent back, forwarded to the core unfiltered (the registry's forms; others are acknowledged). Not acknowledged early (the receiver only does that
 * for commands and clicks): the answer to a submission is the acknowledgement itself — errors next to
 * the fields, or nothing, which closes the modal. The confirmation then goes to the channel the modal
 * was opened from: for the whole channel or, for feedback, to the person only.
 */
export function registerViews(app: App, core: Core, deps: SlackListenerDeps): void {
  app.view<ViewSubmitAction>(
    { type: "view_submission", callback_id: /.*/ },
    async ({ ack, body, view, client }) => {
      let meta: ModalMetadata = {};
      try {
        meta = JSON.parse(view.private_metadata || "{}") as ModalMetadata;
      } catch {
        meta = {};
      }
      const ctx: ChatContext = {
        actor: {
          platform: "slack",
          userId: body.user.id,
          displayName: body.user.name ?? body.user.id,
          ...(body.team?.id ? { workspaceId: body.team.id } : {}),
        },
        channel: { platform: "slack", channelId: meta.channelId ?? "" },
        eventId: `slack:view:${view.id}`,
      };
      try {
        const result = await core.handleSubmit(
          {
            formId: view.callback_id,
            values: modalValues(view.state),
            ...(meta.state ? { state: meta.state } : {}),
          },
          ctx,
        );
        if (!result) {
          await ack();
          return;
        }
        if (!result.ok) {
          await ack({ response_action: "errors", errors: result.errors });
          return;
        }
        await ack();
        if (!meta.channelId) return;
        const { text, blocks } = renderBlocks(result.reply);
        if (result.reply.visibility === "channel")
          await client.chat.postMessage({ channel: meta.channelId, text, blocks });
        else await client.chat.postEphemeral({ channel: meta.channelId, user: body.user.id, text, blocks });
      } catch (err) {
        deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, "slack: form failed");
        await ack({
          response_action: "errors",
          errors: {
            [view.blocks.find((b) => b.type === "input")?.block_id ?? "text"]:
              "Something went wrong on Baton's side; please try again.",
          },
        });
      }
    },
  );
}
