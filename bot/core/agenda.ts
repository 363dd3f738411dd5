import { decodeAction, decodeFeedback, decodePollControl, decodePollView, decodeVote } from "./action-ids.js";
import { ApiError, type BatonApi, type NewAgendaItem } from "./api.js";
import { createCapture, type SourceMessage } from "./capture.js";
import { createDoraSurvey, decodeDoraAnswer } from "./dora-survey.js";
import { createFeedback } from "./feedback.js";
import { renderStatus, warning } from "./messages.js";
import { AGENDA_HELP, type AgendaCommand, parseAgendaCommand } from "./parse.js";
import { formatPlanSummary, PLAN_HELP, parsePlanCommand } from "./plan-command.js";
import { POLL_HELP, parsePollCommand } from "./poll-command.js";
import type {
  AgendaActionName,
  AgendaView,
  ChatContext,
  FormResult,
  FormSubmission,
  Reply,
  WorkshopSummary,
} from "./types.js";
import { createVoting } from "./votes.js";

export interface CoreDeps {
  api: BatonApi;
  now?: () => Date;
  /** Called after the agenda changed, so a relay can post the news at once instead of at its next poll. */
  onAgendaChanged?: () => void;
  /** Time zone for workshops created from chat when the platform does not tell the user's. */
  defaultTimezone?: string;
}

export const DEFAULT_TEMPLATE_NAME = "Event-Driven Architecture workshop";

/** The facilitation core: chat text and button clicks in, neutral replies out. No platform code here. */
export function createCore(deps: CoreDeps) {
  const now = deps.now ?? (() => new Date());
  const voting = createVoting({ api: deps.api, onAgendaChanged: deps.onAgendaChanged });
  const feedback = createFeedback({ api: deps.api });
  const capture = createCapture({ api: deps.api });
  const dora = createDoraSurvey({ api: deps.api });
  const NOT_BOUND = "This channel follows no workshop yet. Start one with `/agenda start`.";

  async function boundWorkshop(ctx: ChatContext): Promise<WorkshopSummary | null> {
    return deps.api.getBinding(ctx.channel);
  }

  /** The action's answer; how late the day runs only when the action changed it (no line after every command). */
  function summaryReply(message: string, agenda: AgendaView, summaryChanged = true): Reply {
    return {
      visibility: "ephemeral",
      text: message,
      sections: summaryChanged ? [{ text: agenda.summary }] : [],
    };
  }

  async function act(
    ctx: ChatContext,
    workshopId: string,
    action: AgendaActionName,
    extra: { minutes?: number; expectCurrentItemId?: string } = {},
  ): Promise<Reply> {
    const result = await deps.api.agendaAction(
      workshopId,
      { action, actor: ctx.actor, ...extra },
      ctx.eventId,
    );
    deps.onAgendaChanged?.();
    return summaryReply(result.message, result.agenda, result.summaryChanged);
  }

  async function start(ctx: ChatContext, cmd: Extract<AgendaCommand, { verb: "start" }>): Promise<Reply> {
    let workshop: WorkshopSummary | null;
    if (cmd.demo) {
      workshop = await deps.api.createWorkshop({
        ...demoWorkshop(now(), ctx.timezone ?? deps.defaultTimezone ?? "UTC"),
        actor: ctx.actor,
      });
    } else if (cmd.workshop) {
      workshop = await deps.api.findWorkshop(cmd.workshop);
      if (!workshop) {
        return warning(
          `No workshop called "${cmd.workshop}". \`/agenda start\` with no name creates one from the two-day template.`,
        );
      }
    } else {
      workshop = await boundWorkshop(ctx);
      if (!workshop) {
        const timezone = ctx.timezone ?? deps.defaultTimezone ?? "UTC";
        workshop = await deps.api.createWorkshop({
          name: DEFAULT_TEMPLATE_NAME,
          timezone,
          startDate: localDate(now(), timezone),
          actor: ctx.actor,
        });
      }
    }
    const current = await boundWorkshop(ctx);
    if (current?.id !== workshop.id) await deps.api.bindChannel(ctx.channel, workshop.id, ctx.actor);
    const reply = await act(ctx, workshop.id, "start");
    return { ...reply, text: `${reply.text} This channel follows "${workshop.name}"; timers post here.` };
  }

  async function run(cmd: AgendaCommand, ctx: ChatContext): Promise<Reply> {
    switch (cmd.verb) {
      case "help":
        return {
          visibility: "ephemeral",
          text: "Baton runs the agenda from here:",
          sections: [{ text: AGENDA_HELP.join("\n") }],
        };
      case "error":
        return warning(cmd.message);
      case "start":
        return start(ctx, cmd);
      case "poll": {
        if (/^\s*(help|\?)?\s*$/i.test(cmd.args))
          return {
            visibility: "ephemeral",
            text: "Polls from here:",
            sections: [{ text: POLL_HELP.join("\n") }],
          };
        if (/^\s*dora\s*$/i.test(cmd.args)) {
          const bound = await boundWorkshop(ctx);
          if (!bound) return warning(NOT_BOUND);
          return dora.launch(bound.id);
        }
        const parsed = parsePollCommand(cmd.args);
        if (parsed.kind === "error") return warning(parsed.message);
        const workshop = await boundWorkshop(ctx);
        if (!workshop) return warning(NOT_BOUND);
        return voting.launch(ctx, workshop, parsed.poll);
      }
      default: {
        const workshop = await boundWorkshop(ctx);
        if (!workshop) return warning(NOT_BOUND);
        if (cmd.verb === "status") return renderStatus(await deps.api.getAgenda(workshop.id));
        if (cmd.verb === "extend") return act(ctx, workshop.id, "extend", { minutes: cmd.minutes });
        return act(ctx, workshop.id, cmd.verb);
      }
    }
  }

  /** Refusals from the API (not a facilitator, nothing to resume, …) come back as polite warnings. */
  async function safely(fn: () => Promise<Reply>): Promise<Reply> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ApiError && err.status < 500) return warning(err.message);
      throw err;
    }
  }

  /** `/plan …`: the room builds the plan together, so answers are posted for the channel to see. */
  async function plan(text: string, ctx: ChatContext): Promise<Reply> {
    const cmd = parsePlanCommand(text);
    if (cmd.kind === "help")
      return {
        visibility: "ephemeral",
        text: "Build the plan from here:",
        sections: [{ text: PLAN_HELP.join("\n") }],
      };
    if (cmd.kind === "error") return warning(cmd.message);
    const workshop = await boundWorkshop(ctx);
    if (!workshop) return warning("This channel follows no workshop yet. Start one with `/agenda start`.");
    if (cmd.kind === "show") {
      const current = await deps.api.getPlan(workshop.id);
      if (!current)
        return warning('This workshop has no plan yet. Add a work package: `/plan add design "Design" 3d`.');
      const [headline = "", ...lines] = formatPlanSummary(current);
      return { visibility: "channel", text: headline, sections: [{ text: lines.join("\n") }] };
    }
    const updated = await deps.api.addWorkPackage(workshop.id, cmd.workPackage, ctx.actor);
    const added = updated.workPackages.find((w) => w.key === cmd.workPackage.key);
    const [headline = "", ...lines] = formatPlanSummary(updated);
    return {
      visibility: "channel",
      text: `${ctx.actor.displayName || ctx.actor.userId} added ${cmd.workPackage.key}${added ? ` (${added.earlyStart} → ${added.earlyFinish})` : ""}. ${headline}`,
      sections: [{ text: lines.join("\n") }],
    };
  }

  return {
    /** The API the core talks to (adapters read poll state through it to refresh shared cards). */
    api: deps.api,
    /** `/agenda …` typed in a channel. */
    handleCommand(text: string, ctx: ChatContext): Promise<Reply> {
      return safely(() => run(parseAgendaCommand(text), ctx));
    },
    /** `/plan …` typed in a channel (the text after `/plan`). */
    handlePlanCommand(text: string, ctx: ChatContext): Promise<Reply> {
      return safely(() => plan(text.replace(/^\/plan\b\s*/i, ""), ctx));
    },
    /** A button click; null when the action id is not Baton's. */
    async handleAction(actionId: string, ctx: ChatContext): Promise<Reply | null> {
      const answer = decodeDoraAnswer(actionId);
      if (answer) return safely(() => dora.answer(answer, ctx));
      const vote = decodeVote(actionId);
      if (vote) return safely(() => voting.vote(vote, ctx));
      const control = decodePollControl(actionId);
      if (control) return safely(() => voting.control(control.action, control.pollId, ctx));
      const view = decodePollView(actionId);
      if (view) return safely(() => voting.view(view.pollId, ctx));
      const fb = decodeFeedback(actionId);
      if (fb) {
        return safely(() =>
          fb.rating === "comment"
            ? feedback.form(fb.workshopId, fb.itemId)
            : feedback.rate(ctx, fb.workshopId, fb.itemId, fb.rating),
        );
      }
      const decoded = decodeAction(actionId);
      if (!decoded) return null;
      return safely(() =>
        act(ctx, decoded.workshopId, decoded.action, {
          ...(decoded.minutes ? { minutes: decoded.minutes } : {}),
          expectCurrentItemId: decoded.itemId,
        }),
      );
    },
    /** `/capture <kind> <text>` (the text after `/capture`); nothing after it opens the capture form. */
    handleCaptureCommand(text: string, ctx: ChatContext): Promise<Reply> {
      return safely(async () => {
        const workshop = await boundWorkshop(ctx);
        if (!workshop) return warning(NOT_BOUND);
        return capture.command(text.replace(/^\/capture\b\s*/i, ""), ctx, workshop);
      });
    },
    /** A message shortcut: the capture form with the message's text, keeping a link to it. */
    captureFromMessage(message: SourceMessage, ctx: ChatContext): Promise<Reply> {
      return safely(async () => {
        const workshop = await boundWorkshop(ctx);
        if (!workshop) return warning(NOT_BOUND);
        return capture.form(workshop.id, message);
      });
    },
    /** `/feedback [1–5] [comment]`; nothing after it opens the feedback form. */
    handleFeedbackCommand(text: string, ctx: ChatContext): Promise<Reply> {
      return safely(async () => {
        const workshop = await boundWorkshop(ctx);
        if (!workshop) return warning(NOT_BOUND);
        return feedback.command(text.replace(/^\/feedback\b\s*/i, ""), ctx, workshop);
      });
    },
    /** A form sent back (a Slack modal's submission); null when the form is not Baton's. */
    async handleSubmit(submission: FormSubmission, ctx: ChatContext): Promise<FormResult | null> {
      const run = async (fn: () => Promise<FormResult>): Promise<FormResult> => {
        try {
          return await fn();
        } catch (err) {
          if (err instanceof ApiError && err.status < 500) return { ok: true, reply: warning(err.message) };
          throw err;
        }
      };
      if (submission.formId.startsWith("fb:"))
        return run(() => feedback.submit(submission.formId, submission.values, ctx));
      if (submission.formId.startsWith("cap:"))
        return run(() => capture.submit(submission.formId, submission.values, submission.state, ctx));
      return null;
    },
  };
}

export type Core = ReturnType<typeof createCore>;

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
function demoWorkshop(at: Date, timezone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  })
    .format(at)
    .split(":")
    .map(Number);
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
