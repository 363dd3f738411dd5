import type { BatonApi } from "./api.js";
import { renderTimerEvent, type TimerExtras } from "./messages.js";
import { chatActor, gatherWrapUp } from "./outputs.js";
import type { PollView } from "./poll-types.js";
import type { Reply, TimerEvent } from "./types.js";

/** Posts one message to one platform and says where it landed (Slack: {channel, ts}). */
export interface Poster {
  post(event: TimerEvent, message: Reply): Promise<Record<string, unknown>>;
  /**
   * Optional: posts a poll as its cards (one message per option) and says where they landed. Without
   * it, the poll is posted as one message (`post` with every card merged).
   */
  postPoll?(event: TimerEvent, poll: PollView): Promise<Record<string, unknown>>;
  /** Optional: updates a poll's cards where `postPoll` put them (after a reveal or a close). */
  updatePoll?(event: TimerEvent, poll: PollView, ref: Record<string, unknown>): Promise<void>;
}

export interface RelayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface RelayOptions {
  api: BatonApi;
  posters: Partial<Record<string, Poster>>;
  logger: RelayLogger;
  now?: () => Date;
  /**
   * The safety net: look for due messages at least this often, whatever the wake-ups say (they
   * cover everything the relay knows of; this covers what it could not hear, e.g. a lost long-poll).
   */
  intervalMs?: number;
  leaseSeconds?: number;
  batchSize?: number;
  /**
   * Long-poll the API for changes (`waitForTimerEvents`): a message written or released wakes the
   * relay at once, and it sets its timer for the next due time. Off: the timer and the safety net only.
   */
  watch?: boolean;
  /** How long one long-poll may wait on the server (seconds). */
  watchSeconds?: number;
  /**
   * Claim messages this many milliseconds before they fall due and hold each until its time, so the
   * claim's round trip and transaction are not part of the lateness.
   */
  aheadMs?: number;
}

/** Default claim-ahead window. */
export const RELAY_AHEAD_MS = 200;

/** Default safety-net interval: wake-ups do the real work. */
export const RELAY_SAFETY_NET_MS = 15_000;

/**
 * Delivers timer messages: claims due ones from the API (leased, so another replica or a restart
 * takes over if this one dies), posts each, then records where it landed. Messages for one channel
 * are posted in order; channels are served in parallel. A failed post is left to its lease, so it is
 * retried; a message cancelled meanwhile is dropped.
 *
 * When to look: each claim answers with the next due time, and the relay sets one timer for it; a
 * long-poll (`waitForTimerEvents`: PostgreSQL LISTEN/NOTIFY behind it, in process on PGlite) wakes it
 * when a transition writes new messages or a delivery releases the ones waiting for it. Polling every
 * `intervalMs` remains only as a safety net. The truth stays in the database: a timer here only decides
 * when to ask.
 *
 * Exactly once: before each post the relay calls `beginTimerPost` with its claim (a fencing token): the
 * API refuses when the lease ran out, so a slow relay never posts a message another one took over, and
 * the recorded attempt tells a later claimer (`attempts` > 0) that the message may already be in the
 * channel, so its poster looks before posting again where the platform lets it.
 */
export class TimerRelay {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the timer fires (epoch ms), while one is set. */
  private timerAt: number | undefined;
  private running = false;
  private stopped = true;
  private again = false;
  /** From the last claim or long-poll: when the next message falls due (epoch ms). */
  private nextDue: number | undefined;
  private watcher: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private readonly platforms: string[];
  /** Per channel, the last message queued: the next one posts after it. */
  private readonly channels = new Map<string, Promise<void>>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly opts: RelayOptions) {
    this.platforms = Object.keys(opts.posters).filter((p) => opts.posters[p]);
  }

  private ahead(): number {
    return this.opts.aheadMs ?? RELAY_AHEAD_MS;
  }

  private now(): number {
    return (this.opts.now ?? (() => new Date()))().getTime();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
    if (this.opts.watch !== false && this.platforms.length > 0) {
      this.abort = new AbortController();
      this.watcher = this.watch(this.abort.signal);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timerAt = undefined;
    this.abort?.abort();
    await this.watcher?.catch(() => {});
    while (this.running) await new Promise((r) => setTimeout(r, 10));
    await Promise.all(this.inFlight);
  }

  /** Look now (after an agenda change) rather than at the next due time. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Sets the one timer, unless it already fires sooner. */
  private wakeIn(ms: number): void {
    if (this.stopped) return;
    const at = Date.now() + Math.max(0, ms);
    if (this.running) {
      // The round in progress sets the timer when it ends: make it consider this time too.
      const due = this.now() + Math.max(0, ms);
      this.nextDue = Math.min(this.nextDue ?? Number.POSITIVE_INFINITY, due);
      return;
    }
    if (this.timerAt !== undefined && this.timerAt <= at) return;
    this.schedule(ms);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    const delay = Math.max(0, ms);
    this.timerAt = Date.now() + delay;
    this.timer = setTimeout(() => {
      this.timerAt = undefined;
      void this.loop();
    }, delay);
    this.timer.unref?.();
  }

  private async loop(): Promise<void> {
    let claimed = 0;
    try {
      claimed = (await this.round()).claimed;
    } catch (err) {
      this.opts.logger.error({ err: errorText(err) }, "timer relay: claim failed");
    }
    if (this.stopped) return;
    const batch = this.opts.batchSize ?? 50;
    // Posts run on while the relay claims again; past two batches in flight, let them drain first.
    if (this.inFlight.size >= 2 * batch) {
      await Promise.race(this.inFlight);
      if (this.stopped) return;
    }
    // A full batch means more may be due: look again at once.
    const soon = claimed >= batch || this.again;
    this.again = false;
    const safety = this.opts.intervalMs ?? RELAY_SAFETY_NET_MS;
    const untilDue = this.nextDue === undefined ? safety : this.nextDue - this.ahead() - this.now();
    this.schedule(soon ? 0 : Math.min(safety, untilDue));
  }

  /** The long-poll: each answer either wakes the relay now (something changed) or sets its timer. */
  private async watch(signal: AbortSignal): Promise<void> {
    let cursor: string | undefined;
    let failures = 0;
    while (!this.stopped) {
      try {
        const answer = await this.opts.api.waitForTimerEvents(
          {
            platforms: this.platforms,
            ...(cursor ? { cursor } : {}),
            timeoutSeconds: this.opts.watchSeconds ?? 25,
          },
          signal,
        );
        if (this.stopped) return;
        failures = 0;
        const changed = cursor !== undefined && answer.cursor !== cursor;
        cursor = answer.cursor;
        // A change may have released messages already due (a poll waiting for its session's start):
        // claim now. Otherwise the next due time is enough.
        if (changed) this.kick();
        else if (answer.nextDueAt) this.wakeIn(Date.parse(answer.nextDueAt) - this.ahead() - this.now());
      } catch (err) {
        if (this.stopped) return;
        failures++;
        if (failures === 1)
          this.opts.logger.warn(
            { err: errorText(err) },
            "timer relay: long-poll failed; relying on the next due time and the safety net",
          );
        const backoff = Math.min(this.opts.intervalMs ?? RELAY_SAFETY_NET_MS, 250 * 2 ** failures);
        await new Promise((r) => setTimeout(r, backoff).unref?.());
      }
    }
  }

  /** One round: claim what is due and post it. Returns how many messages were handled. */
  async tick(): Promise<number> {
    const { claimed, posted } = await this.round();
    await posted;
    return claimed;
  }

  /**
   * Claims what is due (or due within `aheadMs`) and queues each message on its channel: messages for
   * one channel are posted in order, across rounds too; channels in parallel. Resolves once claimed;
   * `posted` once this round's messages are handled.
   */
  private async round(): Promise<{ claimed: number; posted: Promise<unknown> }> {
    if (this.platforms.length === 0) return { claimed: 0, posted: Promise.resolve() };
    this.running = true;
    try {
      const { events, nextDueAt } = await this.opts.api.claimTimerBatch({
        platforms: this.platforms,
        limit: this.opts.batchSize ?? 50,
        leaseSeconds: this.opts.leaseSeconds ?? 30,
        aheadMs: this.ahead(),
      });
      this.nextDue = nextDueAt ? Date.parse(nextDueAt) : undefined;
      const handled = events.map((event) => {
        const key = `${event.platform}:${event.channelId}`;
        const previous = this.channels.get(key) ?? Promise.resolve();
        const mine = previous.then(() => this.postOne(event));
        this.channels.set(key, mine);
        this.inFlight.add(mine);
        void mine.finally(() => {
          this.inFlight.delete(mine);
          if (this.channels.get(key) === mine) this.channels.delete(key);
        });
        return mine;
      });
      return { claimed: events.length, posted: Promise.all(handled) };
    } finally {
      this.running = false;
    }
  }

  /** Fences, posts and records one message. Never throws: a failure is left to the lease. */
  private async postOne(event: TimerEvent): Promise<void> {
    const poster = this.opts.posters[event.platform];
    if (!poster) return;
    // The fence first (the lease is far longer than the claim-ahead window), so its round trip is
    // not part of the lateness; then the message waits for its time.
    try {
      if (!(await this.opts.api.beginTimerPost(event.id, event.claims))) {
        this.opts.logger.info(
          { eventId: event.id, kind: event.kind },
          "timer relay: lease lost before posting (another relay has it, or its session moved on); not posted",
        );
        return;
      }
    } catch (err) {
      this.opts.logger.warn(
        { eventId: event.id, err: errorText(err) },
        "timer relay: could not record the attempt; not posted, it will be retried when its lease runs out",
      );
      return;
    }
    const early = Date.parse(event.dueAt) - this.now();
    if (early > 0) await new Promise((r) => setTimeout(r, early));
    let ref: Record<string, unknown>;
    try {
      ref = await deliver(poster, event, new Date(this.now()), this.opts.api);
    } catch (err) {
      this.opts.logger.warn(
        { eventId: event.id, kind: event.kind, channel: event.channelId, err: errorText(err) },
        "timer relay: post failed; it will be retried when its lease runs out",
      );
      return;
    }
    try {
      const live = await this.opts.api.markDelivered(event.id, ref);
      if (!live)
        this.opts.logger.info(
          { eventId: event.id },
          "timer relay: posted a message its session had just moved past",
        );
    } catch (err) {
      this.opts.logger.warn(
        { eventId: event.id, err: errorText(err) },
        "timer relay: could not record delivery",
      );
    }
  }
}

/** Posts one due message: most are one message; a poll's cards and their updates may be several. */
async function deliver(
  poster: Poster,
  event: TimerEvent,
  now: Date,
  api: BatonApi,
): Promise<Record<string, unknown>> {
  // A poll's cards: posted card by card where the platform can, else as one message.
  if (event.kind === "poll" && event.poll && poster.postPoll) return poster.postPoll(event, event.poll);
  // A reveal or close updates the cards where they are, then says so in the thread.
  if (
    (event.kind === "poll_reveal" || event.kind === "poll_close") &&
    event.poll &&
    event.pollMessageRef &&
    poster.updatePoll
  )
    await poster.updatePoll(event, event.poll, event.pollMessageRef);
  return poster.post(event, renderTimerEvent(event, now, await extrasFor(api, event)));
}

/**
 * What a message shows beyond its event, read when it is posted: a session's outputs on its start,
 * the review's items, the wrap-up's facts and report link (made for the facilitator who ended it),
 * how many already rated a session when its feedback prompt goes out.
 */
async function extrasFor(api: BatonApi, event: TimerEvent): Promise<TimerExtras> {
  switch (event.kind) {
    case "started":
      if (event.item.kind !== "session") return {};
      return {
        outputs: (await api.getOutputs(event.workshop.id)).filter((o) => o.sessionId === event.item.id),
      };
    case "review":
      return { review: await api.getReview(event.workshop.id) };
    case "wrapup":
      return { wrapUp: await gatherWrapUp(api, event.workshop, chatActor(event.actor)) };
    case "feedback": {
      const sessions = await api.getFeedbackSummary(event.workshop.id);
      return { rated: sessions.find((s) => s.sessionId === event.item.id)?.count ?? 0 };
    }
    default:
      return {};
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
