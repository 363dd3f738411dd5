import type { webApi } from "@slack/bolt";
import { postsInThread } from "../core/messages.js";
import type { Poster } from "../core/relay.js";
import type { Reply, TimerEvent } from "../core/types.js";
import type { SlackPollCards } from "./poll-cards.js";
import { renderBlocks } from "./render.js";

const METADATA_TYPE = "baton_timer_event";

/**
 * Posts timer messages with chat.postMessage: a session's start at the top of the channel, the rest in
 * its thread (a poll's cards through `cards`, one message per card). Each message carries the event id
 * as Slack message metadata. When an earlier post of it was begun but never recorded (`attempts` > 0:
 * a relay died, or lost Slack's answer, between posting and recording), the channel's recent history
 * (or the thread's replies) is searched for that id first, so the retry records the message already
 * there instead of posting it twice. chat.postMessage takes no idempotency key, and reading history
 * needs `channels:history` (`groups:history` in private channels): without it the message is posted
 * again — at least once, never lost — and only a crash in the few milliseconds between Slack's answer
 * and the record can then show it twice (docs/slack.md measures that window).
 */
export function createSlackPoster(client: webApi.WebClient, cards?: SlackPollCards): Poster {
  return {
    ...(cards
      ? {
          // A poll's cards go one per message into the session's thread, and are updated in place.
          postPoll: async (event, poll) => ({ ...(await cards.post(event, poll)) }),
          updatePoll: (_event, poll, ref) => cards.update(poll, ref),
        }
      : {}),
    async post(event: TimerEvent, message: Reply) {
      const threadTs =
        typeof event.threadRef?.ts === "string" && postsInThread(event.kind) ? event.threadRef.ts : undefined;
      if (event.attempts > 0) {
        const found = await findPosted(client, event, threadTs);
        if (found) return found;
      }
      const { text, blocks } = renderBlocks(message);
      const res = await client.chat.postMessage({
        channel: event.channelId,
        text,
        blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        metadata: { event_type: METADATA_TYPE, event_payload: { event_id: event.id } },
        unfurl_links: false,
      });
      return { channel: res.channel ?? event.channelId, ts: res.ts ?? "" };
    },
  };
}

/** How early before its due time a message may have been posted (clock skew between relay and Slack). */
const SKEW_SECONDS = 120;
/** Pages of 200 messages read at most: a thread or channel busier than that since the due time is not searched further. */
const MAX_PAGES = 5;

/**
 * The message a previous attempt posted, found by its event id in the metadata: the thread's replies
 * (or the channel's history) since shortly before the event fell due, oldest first, page by page, so a
 * long thread's later replies are searched too.
 */
async function findPosted(client: webApi.WebClient, event: TimerEvent, threadTs: string | undefined) {
  const oldest = String(Math.max(0, Math.floor(Date.parse(event.dueAt) / 1000) - SKEW_SECONDS));
  try {
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const common = {
        channel: event.channelId,
        oldest,
        limit: 200,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      };
      const res = threadTs
        ? await client.conversations.replies({ ...common, ts: threadTs })
        : await client.conversations.history(common);
      const hit = res.messages?.find((m) => {
        const meta = (m as { metadata?: { event_type?: string; event_payload?: { event_id?: string } } })
          .metadata;
        return meta?.event_type === METADATA_TYPE && meta.event_payload?.event_id === event.id;
      });
      if (hit?.ts) return { channel: event.channelId, ts: hit.ts };
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return null;
    }
    return null;
  } catch {
    // No history scope (missing_scope) or a transient failure: post (a rare duplicate beats a lost message).
    return null;
  }
}
