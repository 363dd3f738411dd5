import type { CloudAdapter, ConversationReference } from "botbuilder";
import type { Poster } from "../core/relay.js";
import type { Reply, TimerEvent } from "../core/types.js";
import { cardAttachment } from "./render.js";
import type { ConversationThrottle } from "./throttle.js";

/**
 * Posts timer messages proactively from the stored ConversationReference, through
 * continueConversationAsync — never through a TurnContext kept past its turn. A session's start
 * message opens a thread in a channel; later messages reply in it.
 */
export function createTeamsPoster(
  adapter: CloudAdapter,
  appId: string,
  throttle: ConversationThrottle,
): Poster {
  return {
    async post(event: TimerEvent, message: Reply) {
      const stored = event.conversationRef as Partial<ConversationReference> | null;
      if (!stored?.conversation?.id || !stored.serviceUrl)
        throw new Error("no stored conversation reference for this Teams channel");
      const threadId =
        typeof event.threadRef?.activityId === "string" && event.kind !== "started"
          ? event.threadRef.activityId
          : undefined;
      const channelId = stored.conversation.id.split(";")[0] ?? stored.conversation.id;
      const reference: Partial<ConversationReference> = {
        ...stored,
        conversation: {
          ...stored.conversation,
          id: threadId ? `${channelId};messageid=${threadId}` : channelId,
        },
        activityId: undefined,
      };
      let activityId = "";
      await throttle.run(channelId, () =>
        adapter.continueConversationAsync(appId, reference, async (context) => {
          const res = await context.sendActivity({
            attachments: [cardAttachment(message)],
            text: message.text,
          });
          activityId = res?.id ?? "";
        }),
      );
      return { conversationId: channelId, activityId: threadId ?? activityId };
    },
  };
}
