import { sha256Hex } from "../lib/crypto.js";
import type { VoteValue } from "../schemas/poll.js";

/**
 * The `voter` column for a person (`slack:U123`, `token:<id>`) in a poll. In an anonymous poll it is
 * `anon:` and a SHA-256 keyed by the poll, so a person still has one vote per cell (and can change it,
 * or be shown their own) but no route can ever say who they are.
 */
export async function voterKey(poll: { id: string; anonymous: boolean }, label: string): Promise<string> {
  return poll.anonymous ? `anon:${(await sha256Hex(`${poll.id}:${label}`)).slice(0, 40)}` : label;
}

/** A stored vote value as the API shows it: L/M/H, 1–5, or true for a chosen option. */
export function shownValue(scale: "lmh" | "1-5" | "choice", stored: number): VoteValue {
  if (scale === "lmh") return (["L", "M", "H"] as const)[stored - 1] ?? "M";
  if (scale === "1-5") return stored;
  return stored === 1;
}
