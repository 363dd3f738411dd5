/**
 * Relevance of line items, pure: each item is rated L/M/H (1–3) or 1–5 by the room; the ranked list
 * orders items by the mean of their ratings, highest first. Ties on the mean go to the item with more
 * votes, then to the poll's order. Items nobody rated come last, in the poll's order, without a rank.
 * `normalized` puts both scales on 0–1 ((mean − 1) / (top − 1)) so lists from different polls compare.
 */

export type RelevanceScale = "lmh" | "1-5";

export const SCALE_TOP: Readonly<Record<RelevanceScale, number>> = { lmh: 3, "1-5": 5 };
const EPSILON = 1e-9;

export interface RelevanceCount {
  option: string;
  value: number;
  count: number;
}

export interface RankedItem {
  option: string;
  label: string;
  votes: number;
  /** Count per value, "1" … top. */
  counts: Record<string, number>;
  mean: number | null;
  normalized: number | null;
  /** 1 for the most relevant; equal means with equal votes share a rank; null when unrated. */
  rank: number | null;
}

export function rankRelevance(input: {
  options: readonly { key: string; label: string }[];
  scale: RelevanceScale;
  counts: readonly RelevanceCount[];
}): RankedItem[] {
  const top = SCALE_TOP[input.scale];
  const items = input.options.map((o, index) => {
    const counts: Record<string, number> = {};
    for (let v = 1; v <= top; v++) counts[String(v)] = 0;
    let votes = 0;
    let sum = 0;
    for (const c of input.counts) {
      if (c.option !== o.key || c.count <= 0 || c.value < 1 || c.value > top) continue;
      counts[String(c.value)] = (counts[String(c.value)] ?? 0) + c.count;
      votes += c.count;
      sum += c.value * c.count;
    }
    const mean = votes > 0 ? sum / votes : null;
    const item: RankedItem = {
      option: o.key,
      label: o.label,
      votes,
      counts,
      mean,
      normalized: mean === null ? null : (mean - 1) / (top - 1),
      rank: null,
    };
    return { item, index };
  });
  items.sort((a, b) => {
    const am = a.item.mean;
    const bm = b.item.mean;
    if (am === null || bm === null) return am === bm ? a.index - b.index : am === null ? 1 : -1;
    if (Math.abs(am - bm) > EPSILON) return bm - am;
    return b.item.votes - a.item.votes || a.index - b.index;
  });
  let rank = 0;
  let previous: RankedItem | undefined;
  for (const { item } of items) {
    if (item.mean === null) break;
    const same =
      previous?.mean != null &&
      Math.abs(previous.mean - item.mean) <= EPSILON &&
      previous.votes === item.votes;
    rank = same ? rank : rank + 1;
    item.rank = rank;
    previous = item;
  }
  return items.map((i) => i.item);
}
