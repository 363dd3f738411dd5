import type { PollControl, VoteButtonAction } from "./action-ids.js";
import { encodePollView, encodeVote } from "./action-ids.js";
import type { BatonApi } from "./api.js";
import { warning } from "./messages.js";
import { mergeCards, renderPollCards, resultSections } from "./poll-cards.js";
import type { NewPoll, PollView, VoteValue } from "./poll-types.js";
import type { ChatContext, Reply, WorkshopSummary } from "./types.js";

const KIND_NAME: Record<NewPoll["kind"], string> = {
  scorecard: "The scorecard",
  relevance: "The relevance poll",
  choice: "The poll",
};

/** Voting from chat: launch a poll into the running session's thread, vote from its buttons, reveal, close. */
export function createVoting(deps: { api: BatonApi; onAgendaChanged?: (() => void) | undefined }) {
  const { api } = deps;

  async function launch(ctx: ChatContext, workshop: WorkshopSummary, poll: NewPoll): Promise<Reply> {
    const agenda = await api.getAgenda(workshop.id);
    const current = agenda.items.find((i) => i.id === agenda.currentItemId);
    if (!current) {
      return warning(
        "No session is running: a poll posts in the running session's thread. Start one with `/agenda start` or `/agenda next`.",
      );
    }
    const created = await api.createPoll(workshop.id, { ...poll, actor: ctx.actor }, ctx.eventId);
    deps.onAgendaChanged?.();
    const hidden = created.blind ? " Results stay hidden until you press *Reveal results*." : "";
    const shape =
      created.kind === "scorecard"
        ? `${created.options.length} options × ${created.factors.length} factors${created.views.length ? ` × ${created.views.length} views` : ""}`
        : `${created.options.length} ${created.kind === "relevance" ? "line items" : "answers"}`;
    return {
      visibility: "ephemeral",
      text: `${KIND_NAME[created.kind]} is on its way to the thread of "${current.title}" (${shape}).${hidden}`,
      ...(created.anonymous
        ? { sections: [{ text: "Anonymous: nobody, you included, will see who voted." }] }
        : {}),
    };
  }

  function voteValue(raw: string): VoteValue {
    if (raw === "y") return true;
    if (raw === "n") return false;
    if (raw === "L" || raw === "M" || raw === "H") return raw;
    return Number(raw);
  }

  async function vote(v: VoteButtonAction, ctx: ChatContext): Promise<Reply> {
    const value = voteValue(v.value);
    const result = await api.castVotes(v.pollId, ctx.actor, [
      {
        option: v.option,
        ...(v.factor ? { factor: v.factor } : {}),
        ...(v.view ? { view: v.view } : {}),
        value,
      },
    ]);
    const [cast] = result.votes;
    const until = " — change it any time until the poll closes.";
    let text: string;
    const reply: Reply = {
      visibility: "ephemeral",
      text: "",
      refreshPoll: v.pollId,
      personalView: encodePollView(v.pollId),
    };
    if (value === true) {
      text = `You chose ${cast?.optionLabel ?? v.option}${until}`;
      reply.buttons = [{ label: "Undo", actionId: encodeVote({ ...v, value: "n" }) }];
    } else if (value === false) {
      text = `You took back ${cast?.optionLabel ?? v.option}.`;
    } else if (v.factor) {
      text = `${cast?.factorName ?? v.factor} for ${cast?.optionLabel ?? v.option}${v.view ? ` (${v.view})` : ""}: ${String(value)}${until}`;
    } else {
      text = `${cast?.optionLabel ?? v.option}: ${String(value)}${until}`;
    }
    reply.text = text;
    return reply;
  }

  async function control(action: PollControl, pollId: string, ctx: ChatContext): Promise<Reply> {
    if (action === "peek") {
      const poll = await api.getPoll(pollId, ctx.actor);
      if (!poll.talliesVisible) {
        return warning(
          "The results are hidden until a facilitator reveals them; the cards show who has voted.",
        );
      }
      return {
        visibility: "ephemeral",
        text: `Results so far of "${poll.title}" — only you see this (${poll.voterCount} voted).`,
        sections: resultSections(poll),
      };
    }
    const poll: PollView =
      action === "reveal" ? await api.revealPoll(pollId, ctx.actor) : await api.closePoll(pollId, ctx.actor);
    deps.onAgendaChanged?.();
    return {
      visibility: "ephemeral",
      text:
        action === "reveal"
          ? `Revealed "${poll.title}": the cards now show the results. Voting stays open until you close the poll.`
          : `Closed "${poll.title}": ${poll.voterCount === 1 ? "1 person" : `${poll.voterCount} people`} voted. The cards show the final results.`,
      // No results here: the room's note of the reveal or close (in the thread) shows them, and in the
      // terminal, where this answer and that note land side by side, they would print twice.
      refreshPoll: pollId,
      personalView: encodePollView(pollId),
    };
  }

  /** The poll's cards as one message, drawn for the person asking (see renderPollCards' `personal`). */
  async function view(pollId: string, ctx: ChatContext): Promise<Reply> {
    const poll = await api.getPoll(pollId, ctx.actor);
    return {
      ...mergeCards(renderPollCards(poll, { personal: true, platform: ctx.actor.platform })),
      visibility: "ephemeral",
      personalView: encodePollView(pollId),
    };
  }

  return { launch, vote, control, view };
}
