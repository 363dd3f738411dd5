import { decodeVote, type VoteButtonAction } from "../action-ids.js";
import { defineAction } from "../registry.js";

/**
 * A vote on a poll's card: `vote:<pollId>:<option>:<factor>:<view>:<value>`. Not checked against the
 * channel's workshop (that would cost the hot path a read): the API checks the poll is open.
 */
export const voteAction = defineAction<VoteButtonAction>({
  prefix: "vote",
  decode: decodeVote,
  run: (ctx, v, core) => core.voting.vote(v, ctx),
});
