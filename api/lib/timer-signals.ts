import type { Database } from "../../db/types.js";

/** The channel the `timer_events` trigger notifies (migration timer_events_notify). */
export const TIMER_EVENTS_CHANNEL = "baton_timer_events";

/**
 * Tells waiting relays that timer messages changed: one LISTEN per database per process (PostgreSQL:
 * a dedicated connection; PGlite: in process), turned into a cursor that long-polls compare against.
 * A cursor is `<boot>:<count>`; one from another process (or an earlier boot) is simply out of date,
 * so a relay that moves between API replicas gets one spurious wake-up, never a missed one.
 * Listening starts with the first wait, so a process without relays never holds the connection.
 */
export class TimerSignals {
  private readonly boot = crypto.randomUUID().slice(0, 8);
  private count = 0;
  private readonly waiters = new Set<() => void>();
  private listening: Promise<void> | undefined;

  constructor(private readonly database: Database) {}

  get cursor(): string {
    return `${this.boot}:${this.count}`;
  }

  /** Something changed (a NOTIFY, or the listen connection came back and may have missed some). */
  signal(): void {
    this.count++;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /**
   * Resolves with the current cursor once it differs from `since`, or after `timeoutMs`, or when
   * `abort` fires (the client went away). Without `since`, at once.
   */
  async wait(since: string | undefined, timeoutMs: number, abort?: AbortSignal): Promise<string> {
    await this.listen();
    if (since === undefined || since !== this.cursor || abort?.aborted) return this.cursor;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref?.();
      this.waiters.add(done);
      abort?.addEventListener("abort", done, { once: true });
    });
    return this.cursor;
  }

  private listen(): Promise<void> {
    this.listening ??= this.database
      .listen(
        TIMER_EVENTS_CHANNEL,
        () => this.signal(),
        () => this.signal(),
      )
      .then(
        () => undefined,
        () => {
          // No LISTEN (e.g. the database is down): waits time out and relays fall back to their safety
          // net; the next wait tries again.
          this.listening = undefined;
        },
      );
    return this.listening;
  }
}

const byDatabase = new WeakMap<Database, TimerSignals>();

/** The one TimerSignals of this database in this process. */
export function timerSignalsFor(database: Database): TimerSignals {
  let signals = byDatabase.get(database);
  if (!signals) {
    signals = new TimerSignals(database);
    byDatabase.set(database, signals);
  }
  return signals;
}
