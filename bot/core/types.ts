/**
 * The core's own view of people, channels, replies and the API data it reads. Adapters map their
 * platform's shapes onto these; the API client maps JSON onto them (tsc checks they agree).
 */

export type Platform = "slack" | "teams" | "console";

export interface Actor {
  platform: Platform;
  userId: string;
  displayName: string;
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

export interface Section {
  title?: string;
  text?: string;
  fields?: Field[];
}

/** A transport-neutral message. Adapters render it as Block Kit, an Adaptive Card or terminal text. */
export interface Reply {
  /** `ephemeral`: only the person who asked sees it; `channel`: everyone in the channel. */
  visibility: "ephemeral" | "channel";
  /** One line that stands alone (notifications, screen readers, plain-text transports). */
  text: string;
  sections?: Section[];
  buttons?: Button[];
  /** A warning or refusal, rendered with a warning mark. */
  tone?: "info" | "warning";
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
  summary: string;
}

export interface WorkshopSummary {
  id: string;
  name: string;
  timezone: string;
  startDate: string;
}

export type TimerKind = "started" | "warning5" | "warning1" | "timeup" | "overrun";

export interface TimerEvent {
  id: string;
  kind: TimerKind;
  seq: number;
  dueAt: string;
  claims: number;
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
}

export type AgendaActionName = "start" | "next" | "back" | "pause" | "resume" | "extend" | "skip";
