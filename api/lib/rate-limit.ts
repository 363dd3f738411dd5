import type { Context } from "hono";

/**
 * Failed attempts counted per key (a client's IP and what it guessed at) in a fixed window; once a key
 * reaches `limit` failures it is refused until its window ends. In memory, per process (per isolate on
 * Workers): a guesser spread over many replicas gets `limit` tries on each, which still turns ~1,500
 * guesses a second into a few a minute. No dependency: the libraries for Hono count every request,
 * and this counts only failures, so a busy client that authenticates is never slowed.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { failures: number; resetAt: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Seconds until `key` may try again; 0 when it may now. */
  retryAfterSeconds(key: string): number {
    const w = this.windows.get(key);
    if (!w) return 0;
    const left = w.resetAt - this.now();
    if (left <= 0) {
      this.windows.delete(key);
      return 0;
    }
    return w.failures >= this.limit ? Math.ceil(left / 1000) : 0;
  }

  fail(key: string): void {
    const now = this.now();
    const w = this.windows.get(key);
    if (w && w.resetAt > now) {
      w.failures++;
      return;
    }
    if (this.windows.size >= this.maxKeys) this.evict(now);
    this.windows.set(key, { failures: 1, resetAt: now + this.windowMs });
  }

  private evict(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
    // Still full: the oldest entries go (a Map iterates in insertion order).
    for (const key of this.windows.keys()) {
      if (this.windows.size < this.maxKeys) break;
      this.windows.delete(key);
    }
  }
}

/**
 * The client's address: the first `X-Forwarded-For` hop only behind a trusted proxy (`TRUST_PROXY`),
 * Cloudflare's `CF-Connecting-IP` on Workers, else the socket's peer on Node.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const cf = c.req.header("cf-connecting-ip");
  if (cf && typeof (c.env as { incoming?: unknown } | undefined)?.incoming === "undefined") return cf;
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "unknown";
}
