import { decodePollControl, decodePollView, type PollControl } from "../action-ids.js";
import { defineAction } from "../registry.js";

type PollButton = { action: PollControl; pollId: string } | { action: "view"; pollId: string };

/** Reveal, Close and Peek on a poll's cards (`poll:<reveal|close|peek>:<pollId>`), and a personal view (`poll:view:<pollId>`). */
export const pollAction = defineAction<PollButton>({
  prefix: "poll",
  decode: (id) => {
    const view = decodePollView(id);
    return view ? { action: "view", pollId: view.pollId } : decodePollControl(id);
  },
  run: (ctx, p, core) =>
    p.action === "view" ? core.voting.view(p.pollId, ctx) : core.voting.control(p.action, p.pollId, ctx),
});
