import type { webApi } from "@slack/bolt";
import type { BatonApi } from "../core/api.js";
import { renderPollCards } from "../core/poll-cards.js";
import type { PollView } from "../core/poll-types.js";
import type { RelayLogger } from "../core/relay.js";
import type { TimerEvent } from "../core/types.js";
import type { SlackMembers } from "./members.js";
import { renderBlocks } from "./render.js";

const METADATA_TYPE = "baton_poll_card";

/** Where a poll's cards are in one channel: the header card's ts, and every card's by its key. */
export interface CardsRef {
  channel: string;
  ts: string;
  cards: Record<string, string>;
}

function asCardsRef(ref: Record<string, unknown>): CardsRef | null {
  const cards = ref.cards;
  if (typeof ref.channel !== "string" || !cards || typeof cards !== "object") return null;
  const entries = Object.entries(cards as Record<string, unknown>).filter(
    (e): e is [string, string] => typeof e[1] === "string",
  );
  return {
    channel: ref.channel,
    ts: typeof ref.ts === "string" ? ref.ts : "",
    cards: Object.fromEntries(entries),
  };
}

export interface SlackPollCardsOptions {
  /** The poll as the room sees it, for refreshes. */
  api: Pick<BatonApi, "getPoll">;
  members: Pick<SlackMembers, "list">;
  logger: RelayLogger;
  /** Fewest milliseconds between two updates of one message (Slack: about one per second). */
  minIntervalMs?: number;
  now?: () => number;
}

/**
 * A poll's cards in Slack: posted one message per card in the session's thread, and kept up to date
 * with chat.update as votes come in. Updates are coalesced: however many votes arrive, a poll is
 * re-read and its changed cards updated at most once per `minIntervalMs`, and no message is updated
 * more often than that (a card whose content did not change is not updated at all).
 */
export class SlackPollCards {
  private readonly lastUpdate = new Map<string, number>();
  private readonly lastContent = new Map<string, string>();
  private readonly lastRefresh = new Map<string, number>();
  /** Per poll, a refresh scheduled or running; `dirty` once something changed after it started reading. */
  private readonly pending = new Map<string, { started: boolean; dirty: boolean }>();
  private readonly interval: number;

  constructor(
    private readonly client: webApi.WebClient,
    private readonly opts: SlackPollCardsOptions,
  ) {
    this.interval = opts.minIntervalMs ?? 1000;
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  /** Posts every card in the thread; after a crash mid-post (`attempts` > 0), only those not found there. */
  async post(event: TimerEvent, poll: PollView): Promise<CardsRef> {
    const threadTs = typeof event.threadRef?.ts === "string" ? event.threadRef.ts : undefined;
    const refs: Record<string, string> =
      event.attempts > 0 && threadTs ? await this.posted(event, threadTs) : {};
    const members = await this.opts.members.list(event.channelId);
    let channel = event.channelId;
    for (const card of renderPollCards(poll, { members, platform: "slack" })) {
      if (refs[card.key]) continue;
      const { text, blocks } = renderBlocks(card.reply);
      const res = await this.client.chat.postMessage({
        channel: event.channelId,
        text,
        blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
        metadata: { event_type: METADATA_TYPE, event_payload: { event_id: event.id, card: card.key } },
        unfurl_links: false,
      });
      channel = res.channel ?? channel;
      const ts = res.ts ?? "";
      refs[card.key] = ts;
      this.lastContent.set(`${channel}:${ts}`, JSON.stringify(blocks));
      this.lastUpdate.set(`${channel}:${ts}`, this.now());
    }
    return { channel, ts: refs.head ?? "", cards: refs };
  }

  private async posted(event: TimerEvent, threadTs: string): Promise<Record<string, string>> {
    try {
      const res = await this.client.conversations.replies({
        channel: event.channelId,
        ts: threadTs,
        limit: 200,
        include_all_metadata: true,
      });
      const found: Record<string, string> = {};
      for (const m of res.messages ?? []) {
        const meta = (
          m as { metadata?: { event_type?: string; event_payload?: { event_id?: string; card?: string } } }
        ).metadata;
        if (
          meta?.event_type === METADATA_TYPE &&
          meta.event_payload?.event_id === event.id &&
          meta.event_payload.card &&
          m.ts
        )
          found[meta.event_payload.card] = m.ts;
      }
      return found;
    } catch {
      return {};
    }
  }

  /**
   * Updates the cards of one channel to this state of the poll. A card updated less than
   * `minIntervalMs` ago is left for the next refresh, which is scheduled.
   */
  async update(poll: PollView, rawRef: Record<string, unknown>): Promise<void> {
    const ref = asCardsRef(rawRef);
    if (!ref) return;
    const members = await this.opts.members.list(ref.channel);
    let deferred = false;
    for (const card of renderPollCards(poll, { members, platform: "slack" })) {
      const ts = ref.cards[card.key];
      if (!ts) continue;
      const key = `${ref.channel}:${ts}`;
      const { text, blocks } = renderBlocks(card.reply);
      const content = JSON.stringify(blocks);
      if (this.lastContent.get(key) === content) continue;
      if (this.now() - (this.lastUpdate.get(key) ?? Number.NEGATIVE_INFINITY) < this.interval) {
        deferred = true;
        continue;
      }
      this.lastUpdate.set(key, this.now());
      await this.client.chat.update({ channel: ref.channel, ts, text, blocks });
      this.lastContent.set(key, content);
    }
    if (deferred) this.touch(poll.id);
  }

  /** Something changed (a vote): the poll's cards are refreshed within `minIntervalMs`, once for many votes. */
  touch(pollId: string): void {
    const pending = this.pending.get(pollId);
    if (pending) {
      // Not read yet: the scheduled refresh will see this change too.
      if (pending.started) pending.dirty = true;
      return;
    }
    const entry = { started: false, dirty: false };
    this.pending.set(pollId, entry);
    const since = this.now() - (this.lastRefresh.get(pollId) ?? Number.NEGATIVE_INFINITY);
    const timer = setTimeout(() => void this.refresh(pollId, entry), Math.max(0, this.interval - since));
    timer.unref?.();
  }

  private async refresh(pollId: string, entry: { started: boolean; dirty: boolean }): Promise<void> {
    entry.started = true;
    this.lastRefresh.set(pollId, this.now());
    try {
      const poll = await this.opts.api.getPoll(pollId);
      for (const m of poll.messages) if (m.platform === "slack") await this.update(poll, m.ref);
    } catch (err) {
      this.opts.logger.warn(
        { pollId, err: err instanceof Error ? err.message : String(err) },
        "slack: could not update a poll's cards",
      );
    } finally {
      this.pending.delete(pollId);
      if (entry.dirty) this.touch(pollId);
    }
  }

  /** Tests and shutdown: whether a refresh is waiting or running. */
  get idle(): boolean {
    return this.pending.size === 0;
  }
}
