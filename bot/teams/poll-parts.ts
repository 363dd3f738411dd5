import { encodePollView } from "../core/action-ids.js";
import { type CardOptions, mergeCards, renderPollCards } from "../core/poll-cards.js";
import type { PollView } from "../core/poll-types.js";
import type { Reply } from "../core/types.js";
import { type AdaptiveCard, activityBytes, fullCardBytes } from "./render.js";

export { activityBytes };

/**
 * The bytes a message of a poll is packed to when posted: well under the most a card may be, since
 * its cards grow after posting (voters' names, then the results: about half as much again for the
 * template's scorecard) and are redrawn in the same message. The template's scorecard without views
 * stays one message.
 */
const PACK_BYTES = 50_000;

/** One message of a poll in Teams: which of its cards (by key) it shows. */
export interface PollPart {
  cards: string[];
}

/** Where a poll's messages are in one Teams channel, as the poster records it. */
export interface TeamsPollRef {
  conversationId: string;
  activityId: string;
  /** Only when the poll needed more than one message. */
  parts?: { activityId: string; cards: string[] }[];
}

export function asTeamsPollRef(ref: Record<string, unknown>): TeamsPollRef | null {
  if (typeof ref.conversationId !== "string" || typeof ref.activityId !== "string") return null;
  const parts = Array.isArray(ref.parts)
    ? ref.parts.flatMap((p: unknown) => {
        const part = p as { activityId?: unknown; cards?: unknown };
        return typeof part.activityId === "string" && Array.isArray(part.cards)
          ? [
              {
                activityId: part.activityId,
                cards: part.cards.filter((c): c is string => typeof c === "string"),
              },
            ]
          : [];
      })
    : undefined;
  return { conversationId: ref.conversationId, activityId: ref.activityId, ...(parts ? { parts } : {}) };
}

/**
 * Packs the poll's cards, in order, into as few messages as fit under PACK_BYTES (the room's view
 * measured; a card too large alone still gets a message of its own).
 */
export function packPollCards(poll: PollView, opts: CardOptions = {}): PollPart[] {
  const cards = renderPollCards(poll, { platform: "teams", ...opts });
  // Each card measured alone as a message: their sum bounds the merged message (one envelope each).
  const parts: { cards: string[]; bytes: number }[] = [];
  for (const card of cards) {
    const bytes = fullCardBytes(mergeCards([card], poll.title));
    const last = parts.at(-1);
    if (last && last.bytes + bytes <= PACK_BYTES) {
      last.cards.push(card.key);
      last.bytes += bytes;
    } else parts.push({ cards: [card.key], bytes });
  }
  return parts.map((p) => ({ cards: p.cards }));
}

/**
 * One message of a poll: the given cards (all of them when `cards` is null) merged. A message
 * without the head card says which part it is. With several parts, the card's refresh (a personal
 * view) names its cards, so each person's Teams asks for the same part back.
 */
export function pollPartReply(
  poll: PollView,
  cards: string[] | null,
  opts: CardOptions & { part?: { index: number; of: number } } = {},
): Reply {
  const all = renderPollCards(poll, { platform: "teams", ...opts });
  const chosen = cards ? all.filter((c) => cards.includes(c.key)) : all;
  const part = opts.part;
  const reply = mergeCards(
    chosen,
    `${poll.title}: continued${part ? ` (message ${part.index + 1} of ${part.of})` : ""}`,
  );
  return { ...reply, personalView: encodePollView(poll.id) };
}

/** The refresh data of a part's card: its cards, so a personal view draws the same part. */
export function withPartRefresh(card: AdaptiveCard, cards: string[] | null): AdaptiveCard {
  if (!cards || !card.refresh) return card;
  const action = card.refresh.action;
  return {
    ...card,
    refresh: {
      ...card.refresh,
      action: { ...action, data: { ...(action.data as Record<string, unknown>), cards: cards.join(",") } },
    },
  };
}
