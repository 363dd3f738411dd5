import type { BatonApi } from "./api.js";
import { renderTimerEvent } from "./messages.js";
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
  /** How often to look for due messages. Due messages post within about this long. */
  intervalMs?: number;
  leaseSeconds?: number;
  batchSize?: number;
}

/**
 * Delivers timer messages: claims due ones from the API (leased, so another replica or a restart
 * takes over if this one dies), posts each, then records where it landed. Messages for one channel
 * are posted in order; channels are served in parallel. A failed post is left to its lease, so it is
 * retried; a message cancelled meanwhile is dropped. Nothing here depends on an in-memory timer
 * except when to look next: the truth is in the database.
 */
export class TimerRelay {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private stopped = true;
  private again = false;
  private readonly platforms: string[];

  constructor(private readonly opts: RelayOptions) {
    this.platforms = Object.keys(opts.posters).filter((p) => opts.posters[p]);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 10));
  }

  /** Look now (after an agenda change) rather than at the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.schedule(0);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => void this.loop(), ms);
    this.timer.unref?.();
  }

  private async loop(): Promise<void> {
    let posted = 0;
    try {
      posted = await this.tick();
    } catch (err) {
      this.opts.logger.error({ err: errorText(err) }, "timer relay: claim failed");
    }
    if (this.stopped) return;
    // A full batch means more may be due: look again at once.
    const full = posted >= (this.opts.batchSize ?? 50);
    const soon = full || this.again;
    this.again = false;
    this.schedule(soon ? 0 : (this.opts.intervalMs ?? 500));
  }

  /** One round: claim what is due and post it. Returns how many messages were handled. */
  async tick(): Promise<number> {
    if (this.platforms.length === 0) return 0;
    this.running = true;
    try {
      const events = await this.opts.api.claimTimerEvents({
        platforms: this.platforms,
        limit: this.opts.batchSize ?? 50,
        leaseSeconds: this.opts.leaseSeconds ?? 30,
      });
      const byChannel = new Map<string, TimerEvent[]>();
      for (const e of events) {
        const key = `${e.platform}:${e.channelId}`;
        byChannel.set(key, [...(byChannel.get(key) ?? []), e]);
      }
      await Promise.all([...byChannel.values()].map((list) => this.postInOrder(list)));
      return events.length;
    } finally {
      this.running = false;
    }
  }

  private async postInOrder(events: TimerEvent[]): Promise<void> {
    for (const event of events) {
      const poster = this.opts.posters[event.platform];
      if (!poster) continue;
      const now = (this.opts.now ?? (() => new Date()))();
      let ref: Record<string, unknown>;
      try {
        ref = await deliver(poster, event, now);
      } catch (err) {
        this.opts.logger.warn(
          { eventId: event.id, kind: event.kind, channel: event.channelId, err: errorText(err) },
          "timer relay: post failed; it will be retried when its lease runs out",
        );
        continue;
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
}

/** Posts one due message: most are one message; a poll's cards and their updates may be several. */
async function deliver(poster: Poster, event: TimerEvent, now: Date): Promise<Record<string, unknown>> {
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
  return poster.post(event, renderTimerEvent(event, now));
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
