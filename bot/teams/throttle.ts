/**
 * Teams' published limits for a bot posting into one conversation: 7 messages per second, 8 per 2 s,
 * 60 per 30 s, 1800 per hour. Sends wait their turn per conversation, and a send refused with
 * 429, 412, 502 or 504 is retried with exponential backoff and jitter (honouring Retry-After).
 */
export const TEAMS_WINDOWS: readonly { ms: number; max: number }[] = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1800 },
];

const RETRYABLE = new Set([412, 429, 502, 504]);

export interface ThrottleOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  maxRetries?: number;
  baseDelayMs?: number;
}

function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } } | null;
  const s = e?.statusCode ?? e?.status ?? e?.response?.status;
  return typeof s === "number" ? s : undefined;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?(n: string): string | null | undefined } } } | null)
    ?.response?.headers;
  const value = headers?.get?.("retry-after");
  const seconds = value ? Number(value) : Number.NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

export class ConversationThrottle {
  private readonly sent = new Map<string, number[]>();
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly opts: ThrottleOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = opts.random ?? Math.random;
  }

  /** Runs `send` for `conversationId` once the limits allow, retrying transient refusals. */
  run<T>(conversationId: string, send: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(conversationId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.attempt(conversationId, send));
    this.tails.set(conversationId, next);
    void next
      .finally(() => {
        if (this.tails.get(conversationId) === next) this.tails.delete(conversationId);
      })
      .catch(() => undefined);
    return next;
  }

  private async attempt<T>(conversationId: string, send: () => Promise<T>): Promise<T> {
    const maxRetries = this.opts.maxRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      await this.waitForSlot(conversationId);
      try {
        return await send();
      } catch (err) {
        const status = statusOf(err);
        if (status === undefined || !RETRYABLE.has(status) || attempt >= maxRetries) throw err;
        const backoff = (this.opts.baseDelayMs ?? 500) * 2 ** attempt;
        // Full jitter, but never sooner than the service asked.
        await this.sleep(Math.max(retryAfterMs(err) ?? 0, Math.round(this.random() * backoff)));
      }
    }
  }

  private async waitForSlot(conversationId: string): Promise<void> {
    for (;;) {
      const now = this.now();
      const times = (this.sent.get(conversationId) ?? []).filter((t) => now - t < 3_600_000);
      let wait = 0;
      for (const w of TEAMS_WINDOWS) {
        const inWindow = times.filter((t) => now - t < w.ms);
        if (inWindow.length >= w.max)
          wait = Math.max(wait, (inWindow[inWindow.length - w.max] ?? now) + w.ms - now);
      }
      if (wait <= 0) {
        times.push(now);
        this.sent.set(conversationId, times);
        return;
      }
      await this.sleep(wait);
    }
  }
}
