import { encodeAction, encodeFeedback } from "./action-ids.js";
import { outputRows, outputsSections, reviewReply, type WrapUpFacts, wrapUpReply } from "./outputs.js";
import type { OutputView, ReviewQueueView } from "./outputs-types.js";
import { mergeCards, renderPollCards, resultSections } from "./poll-cards.js";
import type { AgendaView, Button, Reply, TimerEvent, TimerKind } from "./types.js";

/**
 * What some timer messages show beyond the event itself, read from the API when posted: a session's
 * expected outputs (`started`), the review's items (`review`), the workshop's wrap-up (`wrapup`).
 */
export interface TimerExtras {
  outputs?: readonly OutputView[];
  review?: ReviewQueueView;
  wrapUp?: WrapUpFacts;
  /** How many had already rated the session when its feedback prompt is posted (`/feedback` before it). */
  rated?: number;
}

/** Whether a timer message goes in its session's thread: all but the start (which roots it) and the wrap-up. */
export function postsInThread(kind: TimerKind): boolean {
  return kind !== "started" && kind !== "wrapup";
}

/** "12 min", "1 h 05 min". */
export function formatMinutes(minutes: number): string {
  const m = Math.abs(Math.round(minutes));
  return m >= 60 ? `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, "0")} min` : `${m} min`;
}

/**
 * "1 h 54 min left", "4 min left", "under a minute left", "3 min over": whole minutes, as every other
 * chat message counts time (a countdown's seconds are stale by the time anyone reads them).
 */
export function formatTimeLeft(seconds: number): string {
  const minutes = Math.floor(Math.abs(seconds) / 60);
  const text = minutes === 0 ? "under a minute" : formatMinutes(minutes);
  return seconds >= 0 ? `${text} left` : `${text} over`;
}

/** Facilitator buttons on a session's messages; they carry the item so a stale click is refused. */
export function sessionButtons(workshopId: string, itemId: string, withPause = true): Button[] {
  return [
    { label: "Next", actionId: encodeAction({ action: "next", workshopId, itemId }), style: "primary" },
    { label: "+5 min", actionId: encodeAction({ action: "extend", workshopId, itemId, minutes: 5 }) },
    ...(withPause
      ? [{ label: "Pause", actionId: encodeAction({ action: "pause", workshopId, itemId }) }]
      : []),
  ];
}

function nextLine(next: TimerEvent["next"]): string {
  return next ? `Next: ${next.title} (planned ${next.localStart}).` : "That is the last item on the agenda.";
}

/**
 * The channel message for a due timer event. Countdown texts are computed when posted, so a message
 * delivered late still tells the truth.
 */
export function renderTimerEvent(event: TimerEvent, now: Date, extras: TimerExtras = {}): Reply {
  const { item, workshop } = event;
  const title = item.title;
  const endsAt = item.endsAt ? new Date(item.endsAt) : null;
  const buttons = sessionButtons(workshop.id, item.id);
  switch (event.kind) {
    case "started": {
      const minutes = item.plannedMinutes + item.extendedMinutes;
      const icon = item.kind === "break" ? "☕" : "▶️";
      const outputs = extras.outputs ?? [];
      return {
        visibility: "channel",
        text: `${icon} Now: ${title} — ${formatMinutes(minutes)}. Replies in this thread belong to this ${item.kind}.`,
        sections: [
          { text: nextLine(event.next) },
          ...(outputs.length
            ? [{ title: "This session must produce", text: "Facilitators mark each output done below." }]
            : []),
        ],
        ...(outputs.length ? { rows: outputRows(workshop.id, outputs) } : {}),
        buttons,
      };
    }
    case "warning5":
    case "warning1": {
      const left = endsAt
        ? Math.max(1, Math.round((endsAt.getTime() - now.getTime()) / 60_000))
        : event.kind === "warning5"
          ? 5
          : 1;
      return {
        visibility: "channel",
        text: `⏳ ${left === 1 ? "1 minute" : `${left} minutes`} left in ${title}.`,
        buttons: sessionButtons(workshop.id, item.id, false),
      };
    }
    case "timeup":
      return {
        visibility: "channel",
        text: `⏰ Time's up for ${title} — \`/agenda next\` or extend.`,
        sections: [{ text: nextLine(event.next) }],
        buttons: sessionButtons(workshop.id, item.id, false),
      };
    case "overrun": {
      const over = endsAt
        ? Math.max(1, Math.round((now.getTime() - endsAt.getTime()) / 60_000))
        : 5 * event.seq;
      return {
        visibility: "channel",
        text: `⏰ ${title} is running ${formatMinutes(over)} over — \`/agenda next\` or extend.`,
        sections: [{ text: nextLine(event.next) }],
        buttons: sessionButtons(workshop.id, item.id, false),
      };
    }
    case "feedback":
      return feedbackPrompt(workshop.id, item.id, title, extras.rated ?? 0);
    case "review":
      return extras.review
        ? reviewReply(title, workshop.id, extras.review)
        : {
            visibility: "channel",
            text: `🔎 ${title}: time to review day 1's open assumptions and risks — \`/agenda review\` lists them.`,
          };
    case "wrapup":
      return extras.wrapUp
        ? wrapUpReply(extras.wrapUp, true)
        : { visibility: "channel", text: `🏁 That's a wrap for "${workshop.name}".` };
    case "poll":
      // Platforms that post a poll as its cards do so themselves (Poster.postPoll); this is the one-card form.
      return event.poll
        ? mergeCards(renderPollCards(event.poll))
        : { visibility: "channel", text: "📊 A poll." };
    case "poll_reveal":
    case "poll_close": {
      const poll = event.poll;
      const name = poll ? `"${poll.title}"` : "The poll";
      return {
        visibility: "channel",
        text:
          event.kind === "poll_close"
            ? `🔒 ${name} is closed. The results:`
            : `📊 ${name}: the results are revealed. Voting stays open until the poll closes.`,
        sections: poll ? resultSections(poll) : [],
      };
    }
  }
}

/** "How useful was this session?" with 1–5 and "Add a comment", in the session's thread when it ends. */
export function feedbackPrompt(workshopId: string, itemId: string, title: string, rated = 0): Reply {
  // People who rated with /feedback before the prompt are not asked again: told they are done.
  const already =
    rated > 0
      ? ` ${rated === 1 ? "One of you has" : `${rated} of you have`} rated it already — thanks, nothing more to do (a number changes your rating).`
      : "";
  return {
    visibility: "channel",
    text: `💬 How useful was "${title}"? 1 = not at all, 5 = very. Only the overall figures and the comments are shared, never who said what.${already}`,
    rows: [
      {
        label: "Rate it",
        buttons: [1, 2, 3, 4, 5].map((rating) => ({
          label: String(rating),
          actionId: encodeFeedback({ workshopId, itemId, rating }),
        })),
      },
    ],
    buttons: [
      { label: "Add a comment", actionId: encodeFeedback({ workshopId, itemId, rating: "comment" }) },
    ],
  };
}

/** `/agenda status`: what runs, time left, what comes next, how late the day is, and the outputs. */
export function renderStatus(agenda: AgendaView, outputs: readonly OutputView[] = []): Reply {
  const current = agenda.items.find((i) => i.id === agenda.currentItemId);
  const next = agenda.items.find((i) => i.id === agenda.nextItemId);
  const fields = [];
  if (current) {
    fields.push({
      label: current.state === "paused" ? "Paused" : "Now",
      value: `${current.title}${agenda.secondsLeft !== null ? ` — ${formatTimeLeft(agenda.secondsLeft)}` : ""}`,
    });
  }
  if (next) fields.push({ label: "Next", value: `${next.title} at ${next.projectedLocalStart}` });
  const headline = current
    ? `${current.state === "paused" ? "⏸" : "▶️"} ${current.title}${agenda.secondsLeft !== null ? `: ${formatTimeLeft(agenda.secondsLeft)}` : " (paused)"}`
    : next
      ? `Nothing running. Next: ${next.title} at ${next.projectedLocalStart}.`
      : "The agenda is finished.";
  return {
    visibility: "ephemeral",
    text: headline,
    sections: [
      { title: agenda.workshopName, fields, text: agenda.summary },
      ...outputsSections(outputs, current?.id ?? null),
    ],
  };
}

export function warning(text: string): Reply {
  return { visibility: "ephemeral", text, tone: "warning" };
}
