import type { BotAdapter, ConversationReference } from "botbuilder";
import { postsInThread } from "../core/messages.js";
import type { PollView } from "../core/poll-types.js";
import type { Poster } from "../core/relay.js";
import type { Reply, TimerEvent } from "../core/types.js";
import {
  asTeamsPollRef,
  packPollCards,
  pollPartReply,
  type TeamsPollRef,
  withPartRefresh,
} from "./poll-parts.js";
import { renderCard } from "./render.js";
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
  /** Where a timer message goes: the channel, or the session's thread (every message but a session's start). */
  function target(event: TimerEvent) {
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
    const channel: Partial<ConversationReference> = {
      ...stored,
      conversation: { ...stored.conversation, id: channelId },
      activityId: undefined,
    };
    return { channelId, threadId, reference, channel };
  }

  /** The channel's members for per-user views (the roster is the channel's, asked in a turn on it). */
  async function audienceOf(channel: Partial<ConversationReference>): Promise<string[] | null> {
    if (!roster) return null;
    let audience: string[] | null = null;
    await adapter.continueConversationAsync(appId, channel, async (context) => {
      audience = await roster.audience(context);
    });
    return audience;
  }

  async function send(
    channelId: string,
    reference: Partial<ConversationReference>,
    message: Reply,
    audience: string[] | null,
    cards: string[] | null = null,
  ): Promise<string> {
    let activityId = "";
    await throttle.run(channelId, () =>
      adapter.continueConversationAsync(appId, reference, async (context) => {
        const res = await context.sendActivity({
          attachments: [
            {
              contentType: "application/vnd.microsoft.card.adaptive",
              content: withPartRefresh(renderCard(message, audience), cards),
            },
          ],
          text: message.text,
        });
        activityId = res?.id ?? "";
      }),
    );
    return activityId;
  }

  return {
    async post(event: TimerEvent, message: Reply) {
      const { channelId, threadId, reference, channel } = target(event);
      const audience = message.personalView ? await audienceOf(channel) : null;
      const activityId = await send(channelId, reference, message, audience);
      return { conversationId: channelId, activityId: threadId ?? activityId };
    },

    /**
     * A poll as few messages as keep each under Teams' size limit (one, for most polls): each a card
     * of several of the poll's cards, refreshed per person for that part.
     */
    async postPoll(event: TimerEvent, poll: PollView) {
      const { channelId, threadId, reference, channel } = target(event);
      const audience = await audienceOf(channel);
      const parts = packPollCards(poll);
      const posted: { activityId: string; cards: string[] }[] = [];
      for (const [index, part] of parts.entries()) {
        const cards = parts.length > 1 ? part.cards : null;
        const reply = pollPartReply(poll, cards, { part: { index, of: parts.length } });
        posted.push({
          activityId: await send(channelId, reference, reply, audience, cards),
          cards: part.cards,
        });
      }
      const ref: TeamsPollRef = {
        conversationId: channelId,
        activityId: threadId ?? posted[0]?.activityId ?? "",
        ...(parts.length > 1 ? { parts: posted } : {}),
      };
      return { ...ref };
    },

    /** After a reveal or a close: every message of the poll redrawn in place. */
    async updatePoll(event: TimerEvent, poll: PollView, rawRef: Record<string, unknown>) {
      const ref = asTeamsPollRef(rawRef);
      if (!ref?.parts) return; // one message: the reveal's note and each person's refresh show the results
      const { channelId, reference, channel } = target(event);
      const audience = await audienceOf(channel);
      for (const [index, part] of ref.parts.entries()) {
        const reply = pollPartReply(poll, part.cards, { part: { index, of: ref.parts.length } });
        await throttle.run(channelId, () =>
          adapter.continueConversationAsync(appId, reference, async (context) => {
            await context.updateActivity({
              id: part.activityId,
              type: "message",
              attachments: [
                {
                  contentType: "application/vnd.microsoft.card.adaptive",
                  content: withPartRefresh(renderCard(reply, audience), part.cards),
                },
              ],
              text: reply.text,
            });
          }),
        );
      }
    },
  };
}
