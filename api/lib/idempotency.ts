import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import { DomainError } from "../errors.js";
import { canonicalJson } from "./canonical-json.js";
import { sha256Hex } from "./crypto.js";

/**
 * A client's `Idempotency-Key` and what the request asked for. The services that take one keep both
 * in the row the request wrote, in the same transaction, so a crash cannot separate the write from
 * its key. A retry with the same key and request is answered with the first result; the same key
 * for anything else is refused (422), never answered with the first request's result.
 */
export interface Idempotency {
  key: string;
  /** SHA-256 of the method, the route and the validated body as canonical JSON (key order ignored). */
  requestHash: string;
}

/** The request's `Idempotency-Key` with its request hash; undefined when it carries none. */
export async function idempotencyOf(c: Context<AppEnv>, body: unknown): Promise<Idempotency | undefined> {
  const key = c.req.header("idempotency-key");
  if (!key) return undefined;
  const what = `${c.req.method} ${c.req.routePath}\n${canonicalJson(body)}`;
  return { key, requestHash: await sha256Hex(what) };
}

/**
 * Throws the 422 when a key is reused for a different request. `storedHash` null: a row written
 * before hashes were kept, taken as the same request (nothing better is known).
 */
export function assertSameRequest(storedHash: string | null, idempotency: Idempotency): void {
  if (storedHash === null || storedHash === idempotency.requestHash) return;
  throw new DomainError(
    "UNPROCESSABLE",
    "This Idempotency-Key was already used for a different request; send a new key with a new request.",
    [{ path: "Idempotency-Key", message: "already used with a different body (or route)" }],
  );
}
