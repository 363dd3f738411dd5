import type { Caller } from "../context.js";

/**
 * Resolved bearer tokens, kept for a few seconds so a burst of requests (votes) does not hash and
 * look up the same token each time. Only known, unrevoked tokens are kept. A revocation through this
 * process clears the cache at once; one made elsewhere (another replica) takes effect within `ttlMs`.
 * Real time, not the app's clock: this is an operational delay, not domain time.
 */
export class TokenCache {
  private readonly entries = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly max = 1000,
  ) {}

  get(token: string): Caller | undefined {
    if (this.ttlMs <= 0) return undefined;
    const hit = this.entries.get(token);
    if (!hit) return undefined;
    if (hit.until <= Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return hit.caller;
  }

  set(token: string, caller: Caller): void {
    if (this.ttlMs <= 0) return;
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(token, { caller, until: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
