import type { PollView } from "./poll-types.js";

/**
 * The core's own view of people, channels, replies and the API data it reads. Adapters map their
 * platform's shapes onto these; the API client maps JSON onto them (tsc checks they agree).
 */

export type Platform = "slack" | "teams" | "console";

export interface Actor {
  platform: Platform;
  userId: string;
  displayName: string;
  /** The chat workspace the person is in: Slack's team id, Teams' tenant id, `console` in the terminal. */
  workspaceId?: string;
}

export interface Channel {
  platform: Platform;
  channelId: string;
  /** Teams: the ConversationReference needed to post there later. */
  conversationRef?: Record<string, unknown>;
}

/** Who is asking, where, and (for retries) which platform event this is. */
export interface ChatContext {
  actor: Actor;
  channel: Channel;
  /** The platform's id for this command or click, so a retried delivery is not applied twice. */
  eventId?: string;
  /** The user's IANA time zone, when the platform knows it. */
  timezone?: string;
  /** Asks the platform for the user's time zone (a call, so only made when needed: creating a workshop). */
  lookupTimezone?: () => Promise<string | undefined>;
}

export interface Button {
  label: string;
  /** Encoded with `encodeAction`; adapters pass it back verbatim. */
  actionId: string;
  style?: "primary" | "danger";
}

export interface Field {
  label: string;
  value: string;
}

/** How good a heat-map row reads: adapters colour it (Slack: a coloured square; Teams: a colour). */
export type Heat = "good" | "fair" | "poor" | "none";

/** A small table: a heat map of votes per factor, a ranking. */
export interface Grid {
  columns: string[];
  rows: { label: string; cells: string[]; heat?: Heat; note?: string }[];
}

export interface Section {
  title?: string;
  text?: string;
  fields?: Field[];
  grid?: Grid;
}

/** A labelled row of buttons: one factor's L / M / H, one line item's rating. */
export interface ButtonRow {
  label: string;
  buttons: Button[];
}

/** One input of a form. `choice` offers `options`; `text` is one line, `paragraph` several. */
export interface FormField {
  id: string;
  label: string;
  kind: "text" | "paragraph" | "choice";
  options?: { value: string; label: string }[];
  initial?: string;
  optional?: boolean;
  maxLength?: number;
  placeholder?: string;
}

/** A form to fill in (Slack: a modal; Teams: an Adaptive Card with inputs; console: asked field by field). */
export interface Form {
  /** Encoded by the core; comes back verbatim with the submission. At most 200 characters. */
  formId: string;
  /** At most 24 characters (Slack's modal title limit). */
  title: string;
  submitLabel: string;
  intro?: string;
  fields: FormField[];
  /** Opaque to adapters; comes back with the submission. At most 2,000 characters. */
  state?: string;
}

export interface FormSubmission {
  formId: string;
  /** By field id; a choice's value, or the text typed ("" when left empty). */
  values: Record<string, string>;
  state?: string;
}

/** A submission is accepted (with a reply to show its sender) or refused field by field. */
export type FormResult = { ok: true; reply: Reply } | { ok: false; errors: Record<string, string> };

/** A transport-neutral message. Adapters render it as Block Kit, an Adaptive Card or terminal text. */
export interface Reply {
  /** `ephemeral`: only the person who asked sees it; `channel`: everyone in the channel. */
  visibility: "ephemeral" | "channel";
  /** One line that stands alone (notifications, screen readers, plain-text transports). */
  text: string;
  sections?: Section[];
  /** Labelled rows of buttons, after the sections. */
  rows?: ButtonRow[];
  buttons?: Button[];
  /** A warning or refusal, rendered with a warning mark. */
  tone?: "info" | "warning";
  /** Open this form for the person (instead of, or as well as, showing the text). */
  form?: Form;
  /** This poll's shared cards changed (a vote, a reveal): adapters that posted them update them. */
  refreshPoll?: string;
  /**
   * An action id whose reply is the poll card this message is about, drawn for whoever triggers it:
   * their own votes marked, tallies only if they may see them, Reveal / Close only for facilitators.
   * On a poll's shared card it lets platforms with per-user views (Teams' card refresh) show each
   * person their own; on a vote's confirmation it redraws the clicker's card.
   */
  personalView?: string;
}

/** Someone in a channel, as the platform lists its members. */
export interface Member {
  userId: string;
  displayName: string;
}

/** One of a poll's messages: `key` names it so an adapter can update it in place later. */
export interface PollCard {
  key: string;
  reply: Reply;
}

export type ItemState = "pending" | "running" | "paused" | "done" | "skipped";

export interface AgendaItemView {
  id: string;
  position: number;
  day: number;
  kind: "session" | "break";
  title: string;
  topics: string[];
  outputs: string[];
  localStart: string;
  localEnd: string;
  state: ItemState;
  plannedMinutes: number;
  endsAt: string | null;
  extendedMinutes: number;
  /** When it started; with `pausedSeconds` (time spent paused before now), what is left of a paused session. */
  actualStart: string | null;
  pausedSeconds: number;
  projectedLocalStart: string;
}

export interface AgendaView {
  workshopId: string;
  workshopName: string;
  timezone: string;
  now: string;
  items: AgendaItemView[];
  currentItemId: string | null;
  nextItemId: string | null;
  secondsLeft: number | null;
  behindMinutes: number | null;
  /** Minutes the day's plan moved because its first item started 15 minutes or more late; 0 otherwise. */
  rebasedMinutes: number;
  summary: string;
}

export interface WorkshopSummary {
  id: string;
  name: string;
  timezone: string;
  startDate: string;
}

export type TimerKind =
  | "started"
  | "warning5"
  | "warning1"
  | "timeup"
  | "overrun"
  | "poll"
  | "poll_reveal"
  | "poll_close"
  | "feedback"
  | "review"
  | "wrapup";

export interface TimerEvent {
  id: string;
  kind: TimerKind;
  seq: number;
  dueAt: string;
  /** The claim count this relay holds it with: its fencing token for `beginTimerPost`. */
  claims: number;
  /** Earlier posts begun whose outcome was never recorded: > 0 means it may already be in the channel. */
  attempts: number;
  platform: string;
  channelId: string;
  conversationRef: Record<string, unknown> | null;
  threadRef: Record<string, unknown> | null;
  workshop: { id: string; name: string; timezone: string };
  item: {
    id: string;
    title: string;
    kind: "session" | "break";
    position: number;
    endsAt: string | null;
    plannedMinutes: number;
    extendedMinutes: number;
  };
  next: { title: string; kind: "session" | "break"; localStart: string } | null;
  /** For poll messages: the poll as the room may see it. */
  poll: PollView | null;
  /** For poll_reveal and poll_close: where this channel's cards were posted. */
  pollMessageRef: Record<string, unknown> | null;
  /** For wrapup: the facilitator whose transition ended the workshop (the report link is made for them). */
  actor?: { platform: string; userId: string; displayName: string; workspaceId?: string } | null;
}

export type AgendaActionName = "start" | "next" | "back" | "pause" | "resume" | "extend" | "skip";
