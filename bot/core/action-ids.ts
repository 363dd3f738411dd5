import type { AgendaActionName } from "./types.js";

/** A button's action, as carried in the platform's action id: `agenda:<action>:<workshopId>:<itemId>[:<minutes>]`. */
export interface AgendaButtonAction {
  action: AgendaActionName;
  workshopId: string;
  itemId: string;
  minutes?: number;
}

const ACTIONS = new Set<string>(["start", "next", "back", "pause", "resume", "extend", "skip"]);

export function encodeAction(a: AgendaButtonAction): string {
  return ["agenda", a.action, a.workshopId, a.itemId, ...(a.minutes ? [String(a.minutes)] : [])].join(":");
}

export function decodeAction(id: string): AgendaButtonAction | null {
  const [prefix, action, workshopId, itemId, minutes] = id.split(":");
  if (prefix !== "agenda" || !action || !ACTIONS.has(action) || !workshopId || !itemId) return null;
  const decoded: AgendaButtonAction = { action: action as AgendaActionName, workshopId, itemId };
  if (minutes !== undefined) {
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < 1) return null;
    decoded.minutes = n;
  }
  return decoded;
}

/**
 * A vote button: `vote:<pollId>:<option>:<factor>:<view>:<value>`. Keys are slugs without colons
 * (≤ 40 characters, views ≤ 20), so the id stays well under Slack's 255. `value`: L, M, H, 1–5, or
 * y / n to choose or withdraw a choice. An empty factor or view is the poll's only one.
 */
export interface VoteButtonAction {
  pollId: string;
  option: string;
  factor: string;
  view: string;
  value: string;
}

const VOTE_VALUES = new Set(["L", "M", "H", "1", "2", "3", "4", "5", "y", "n"]);

export function encodeVote(v: VoteButtonAction): string {
  return ["vote", v.pollId, v.option, v.factor, v.view, v.value].join(":");
}

export function decodeVote(id: string): VoteButtonAction | null {
  const parts = id.split(":");
  if (parts.length !== 6 || parts[0] !== "vote") return null;
  const [, pollId = "", option = "", factor = "", view = "", value = ""] = parts;
  if (!pollId || !option || !VOTE_VALUES.has(value)) return null;
  return { pollId, option, factor, view, value };
}

/** Facilitator controls on a poll's cards: `poll:<reveal|close|peek>:<pollId>`. */
export type PollControl = "reveal" | "close" | "peek";

export function encodePollControl(action: PollControl, pollId: string): string {
  return `poll:${action}:${pollId}`;
}

export function decodePollControl(id: string): { action: PollControl; pollId: string } | null {
  const [prefix, action, pollId, extra] = id.split(":");
  if (prefix !== "poll" || !pollId || extra !== undefined) return null;
  if (action !== "reveal" && action !== "close" && action !== "peek") return null;
  return { action, pollId };
}

/**
 * A poll's cards as the person who asks sees them: `poll:view:<pollId>`. Not a button: platforms with
 * per-user views (Teams' card refresh) send it for each person to redraw the shared card for them.
 */
export function encodePollView(pollId: string): string {
  return `poll:view:${pollId}`;
}

export function decodePollView(id: string): { pollId: string } | null {
  const [prefix, action, pollId, extra] = id.split(":");
  if (prefix !== "poll" || action !== "view" || !pollId || extra !== undefined) return null;
  return { pollId };
}

/** Feedback buttons in a session's thread: `fb:<workshopId>:<itemId>:<1–5 | comment>`. */
export interface FeedbackButtonAction {
  workshopId: string;
  itemId: string;
  rating: number | "comment";
}

export function encodeFeedback(a: FeedbackButtonAction): string {
  return ["fb", a.workshopId, a.itemId, String(a.rating)].join(":");
}

export function decodeFeedback(id: string): FeedbackButtonAction | null {
  const [prefix, workshopId, itemId, rating, extra] = id.split(":");
  if (prefix !== "fb" || !workshopId || !itemId || extra !== undefined) return null;
  if (rating === "comment") return { workshopId, itemId, rating };
  const n = Number(rating);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? { workshopId, itemId, rating: n } : null;
}
