import type { BotAdapter, ConversationReference } from "botbuilder";
import { postsInThread } from "../core/messages.js";
import type { Poster } from "../core/relay.js";
import type { Reply, TimerEvent } from "../core/types.js";
import { cardAttachment } from "./render.js";
import type { RosterCache } from "./roster.js";
import type { ConversationThrottle } from "./throttle.js";

/**
 * Posts timer messages proactively from the stored ConversationReference, through
 * continueConversationAsync — never through a TurnContext kept past its turn. A session's start
 * message opens a thread in a channel; later messages reply in it. A poll's card gets a `refresh` for
 * per-user views when the channel has at most 60 members (its roster, cached in `roster`).
 */
export function createTeamsPoster(
  adapter: BotAdapter,
  appId: string,
  throttle: ConversationThrottle,
  roster?: RosterCache,
): Poster {
  return {
    async post(event: TimerEvent, message: Reply) {
      const stored = event.conversationRef as Partial<ConversationReference> | null;
      if (!stored?.conversation?.id || !stored.serviceUrl)
        throw new Error("no stored conversation reference for this Teams channel");
      const threadId =
        typeof event.threadRef?.activityId === "string" && postsInThread(event.kind)
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
      // The roster is the channel's (not the thread's): asked in a turn on the channel itself.
      let audience: string[] | null = null;
      if (message.personalView && roster) {
        const channel = {
          ...stored,
          conversation: { ...stored.conversation, id: channelId },
          activityId: undefined,
        };
        await adapter.continueConversationAsync(appId, channel, async (context) => {
          audience = await roster.audience(context);
        });
      }
      let activityId = "";
      await throttle.run(channelId, () =>
        adapter.continueConversationAsync(appId, reference, async (context) => {
          const res = await context.sendActivity({
            attachments: [cardAttachment(message, audience)],
            text: message.text,
          });
          activityId = res?.id ?? "";
        }),
      );
      return { conversationId: channelId, activityId: threadId ?? activityId };
    },
  };
}
