import type { NewAgendaItem } from "./api.js";
import { formatMinutes } from "./messages.js";
import type { CoreServices } from "./registry.js";
import type { AgendaActionName, AgendaView, ChatContext, Reply } from "./types.js";

export const DEFAULT_TEMPLATE_NAME = "Event-Driven Architecture workshop";

/**
 * An agenda transition (`/agenda next`, a Next button) for the person asking. The API's message says
 * what changed; pause adds what is left of the session, extend its new end.
 */
export async function agendaAct(
  core: CoreServices,
  ctx: ChatContext,
  workshopId: string,
  action: AgendaActionName,
  extra: { minutes?: number; expectCurrentItemId?: string } = {},
): Promise<Reply> {
  const result = await core.api.agendaAction(workshopId, { action, actor: ctx.actor, ...extra }, ctx.eventId);
  core.changed();
  const more = afterward(action, result.agenda);
  return summaryReply(
    more ? `${result.message} ${more}` : result.message,
    result.agenda,
    result.summaryChanged,
  );
}

/** The action's answer; how late the day runs only when the action changed it (no line after every command). */
export function summaryReply(message: string, agenda: AgendaView, summaryChanged = true): Reply {
  return {
    visibility: "ephemeral",
    text: message,
    sections: summaryChanged ? [{ text: agenda.summary }] : [],
  };
}

/** What a facilitator wants to know right after pausing or extending. */
function afterward(action: AgendaActionName, agenda: AgendaView): string {
  const current = agenda.items.find((i) => i.id === agenda.currentItemId);
  if (!current) return "";
  if (action === "pause" && current.actualStart) {
    // Paused, a session has no end: what is left is its length less the time it ran.
    const ranSeconds =
      (Date.parse(agenda.now) - Date.parse(current.actualStart)) / 1000 - current.pausedSeconds;
    const left = (current.plannedMinutes + current.extendedMinutes) * 60 - ranSeconds;
    return left >= 60
      ? `${formatMinutes(Math.floor(left / 60))} left when you resume.`
      : left >= 0
        ? "Under a minute left when you resume."
        : `It was ${formatMinutes(Math.floor(-left / 60))} over.`;
  }
  if (action === "extend" && current.endsAt)
    return `It now ends at ${localTime(new Date(current.endsAt), agenda.timezone)}.`;
  return "";
}

/** "14:05" in the workshop's time zone. */
export function localTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
}

/** The local calendar date in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/** Three 2-minute sessions from this minute, so a newcomer sees warnings and time's up quickly. */
export function demoWorkshop(at: Date, timezone: string) {
  const parts = localTime(at, timezone).split(":").map(Number);
  const startMin = Math.min((parts[0] ?? 0) * 60 + (parts[1] ?? 0), 24 * 60 - 7);
  const hhmm = (m: number) =>
    `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const agenda: NewAgendaItem[] = ["Demo: introductions", "Demo: the big decision", "Demo: wrap-up"].map(
    (title, i) => ({
      day: 1,
      start: hhmm(startMin + 2 * i),
      end: hhmm(startMin + 2 * i + 2),
      kind: "session",
      title,
    }),
  );
  return { name: `Demo ${hhmm(startMin)}`, timezone, startDate: localDate(at, timezone), agenda };
}
