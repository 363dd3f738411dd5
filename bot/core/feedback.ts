import { encodeFeedback } from "./action-ids.js";
import type { BatonApi } from "./api.js";
import { warning } from "./messages.js";
import type {
  AgendaItemView,
  AgendaView,
  ChatContext,
  Form,
  FormResult,
  Reply,
  WorkshopSummary,
} from "./types.js";

/** How long into the next session a typed `/feedback` still answers the prompt of the one before. */
const FEEDBACK_WINDOW_MINUTES = 15;

export const FEEDBACK_HELP: readonly string[] = [
  "`/feedback 4 great pace` — rate the session the last prompt asked about (in its first 15 minutes, the one that just finished; later, the one running) 1 to 5, with a comment if you like",
  "`/feedback` — a form: choose the session, rate it, comment",
  "Only the overall figures and the comments are shared, never who said what.",
];

/**
 * Session feedback from chat: the 1–5 buttons under "How useful was this session?", the comment form
 * (also `/feedback` with nothing after it) and `/feedback 4 great session` typed directly.
 * Form ids: `fb:<workshopId>:<itemId>` for one session, `fb:<workshopId>:` to choose it.
 */
export function createFeedback(deps: { api: BatonApi }) {
  const { api } = deps;

  function thanks(title: string, rating: number | null, comment: string | null): Reply {
    const parts = [rating ? `you rated "${title}" ${rating}/5` : `your comment on "${title}" is in`];
    return {
      visibility: "ephemeral",
      text: `Thanks — ${parts[0]}${rating && comment ? ", with a comment" : ""}. Change it any time.`,
    };
  }

  async function rate(ctx: ChatContext, workshopId: string, itemId: string, rating: number): Promise<Reply> {
    const mine = await api.submitFeedback(workshopId, { sessionId: itemId, rating, actor: ctx.actor });
    return {
      ...thanks(mine.sessionTitle, mine.rating, mine.comment),
      buttons: [
        { label: "Add a comment", actionId: encodeFeedback({ workshopId, itemId, rating: "comment" }) },
      ],
    };
  }

  /** Sessions people can give feedback on: those that ran, the latest first. */
  function ranSessions(items: AgendaItemView[]): AgendaItemView[] {
    return items
      .filter((i) => i.kind === "session" && ["running", "paused", "done"].includes(i.state))
      .reverse();
  }

  /**
   * The session a typed `/feedback` is about: the one the latest prompt asked about (the session that
   * finished last) while the next has run less than FEEDBACK_WINDOW_MINUTES or a break runs, else
   * the running session. So `/feedback 4` right after "How useful was …?" rates what it asked about.
   */
  function answeredSession(agenda: AgendaView): AgendaItemView | undefined {
    const current = agenda.items.find((i) => i.id === agenda.currentItemId);
    const finished = agenda.items
      .filter(
        (i) => i.kind === "session" && i.state === "done" && (!current || i.position < current.position),
      )
      .at(-1);
    if (current?.kind !== "session" || current.state === "pending")
      return finished ?? ranSessions(agenda.items)[0];
    const runMinutes = current.actualStart
      ? (Date.parse(agenda.now) - Date.parse(current.actualStart)) / 60_000 - current.pausedSeconds / 60
      : Number.POSITIVE_INFINITY;
    return finished && runMinutes < FEEDBACK_WINDOW_MINUTES ? finished : current;
  }

  async function form(workshopId: string, itemId?: string): Promise<Reply> {
    const agenda = await api.getAgenda(workshopId);
    const sessions = ranSessions(agenda.items);
    const fixed = itemId ? agenda.items.find((i) => i.id === itemId) : undefined;
    if (!fixed && sessions.length === 0)
      return warning("No session has run yet, so there is nothing to give feedback on.");
    const fields: Form["fields"] = [];
    if (!fixed) {
      const current = answeredSession(agenda) ?? sessions[0];
      fields.push({
        id: "session",
        label: "Session",
        kind: "choice",
        options: sessions.map((s) => ({ value: s.id, label: s.title.slice(0, 75) })),
        ...(current ? { initial: current.id } : {}),
      });
    }
    fields.push(
      {
        id: "rating",
        label: "How useful was it?",
        kind: "choice",
        optional: true,
        options: [
          // 1 to 5, as on the prompt's buttons.
          { value: "1", label: "1 — not useful" },
          { value: "2", label: "2" },
          { value: "3", label: "3" },
          { value: "4", label: "4" },
          { value: "5", label: "5 — very useful" },
        ],
      },
      { id: "comment", label: "Comment", kind: "paragraph", optional: true, maxLength: 2000 },
    );
    return {
      visibility: "ephemeral",
      text: fixed ? `Feedback on "${fixed.title}"` : "Session feedback",
      form: {
        formId: `fb:${workshopId}:${fixed?.id ?? ""}`,
        title: "Session feedback",
        submitLabel: "Send",
        // From a prompt's "Add a comment", most have just rated with its buttons: the rating may stay empty.
        intro: `${fixed ? `"${fixed.title}". Rated it already? Leave the rating empty to keep yours. ` : ""}Only the overall figures and the comments are shared, never who said what.`,
        fields,
      },
    };
  }

  /** `/feedback [1–5] [comment]`: with nothing, the form; otherwise on the running (or last) session. */
  async function command(text: string, ctx: ChatContext, workshop: WorkshopSummary): Promise<Reply> {
    const m = /^\s*([1-5])(?:\s*\/\s*5)?\b\s*(.*)$/s.exec(text);
    const trimmed = text.trim();
    if (trimmed === "") return form(workshop.id);
    if (/^\d/.test(trimmed) && !m)
      return warning("Rate it 1 to 5: `/feedback 4 great session`, or `/feedback` for the form.");
    const agenda = await api.getAgenda(workshop.id);
    const session = answeredSession(agenda);
    if (!session) return warning("No session has run yet, so there is nothing to give feedback on.");
    const rating = m ? Number(m[1]) : undefined;
    const comment = (m ? (m[2] ?? "") : trimmed).trim();
    const mine = await api.submitFeedback(workshop.id, {
      sessionId: session.id,
      ...(rating ? { rating } : {}),
      ...(comment ? { comment } : {}),
      actor: ctx.actor,
    });
    return thanks(mine.sessionTitle, mine.rating, mine.comment);
  }

  async function submit(
    formId: string,
    values: Record<string, string>,
    ctx: ChatContext,
  ): Promise<FormResult> {
    const [, workshopId = "", fixedItem = ""] = formId.split(":");
    const sessionId = fixedItem || values.session || "";
    if (!sessionId) return { ok: false, errors: { session: "Choose a session." } };
    const rating = values.rating ? Number(values.rating) : undefined;
    const comment = (values.comment ?? "").trim();
    if (rating === undefined && comment === "")
      return { ok: false, errors: { rating: "Give a rating, a comment, or both." } };
    if (rating !== undefined && !(Number.isInteger(rating) && rating >= 1 && rating <= 5))
      return { ok: false, errors: { rating: "Choose 1 to 5." } };
    const mine = await api.submitFeedback(workshopId, {
      sessionId,
      ...(rating ? { rating } : {}),
      ...(comment ? { comment } : {}),
      actor: ctx.actor,
    });
    return { ok: true, reply: thanks(mine.sessionTitle, mine.rating, mine.comment) };
  }

  return { rate, form, command, submit };
}
