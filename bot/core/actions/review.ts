import { decodeReview, type ReviewButtonAction } from "../outputs.js";
import { defineAction } from "../registry.js";

const DONE = { validate: "validated", invalidate: "invalidated", defer: "deferred" } as const;

/**
 * Validate / Invalidate / Defer on the review's rows: `rv:<workshopId>:<itemId>:<v|i|d>`. The API
 * records the outcome for facilitators and refuses anyone else, naming who can.
 */
export const reviewAction = defineAction<ReviewButtonAction>({
  prefix: "rv",
  decode: decodeReview,
  workshopOf: (a) => a.workshopId,
  async run(ctx, a, core) {
    const item = await core.api.recordReview(a.itemId, a.outcome, ctx.actor);
    const { counts } = await core.api.getReview(a.workshopId);
    const left = counts.pending + counts.deferred;
    return {
      visibility: "ephemeral",
      text: `${a.outcome === "defer" ? "⏭" : a.outcome === "validate" ? "✅" : "❌"} ${item.kind[0]?.toUpperCase()}${item.kind.slice(1)} ${DONE[a.outcome]}: "${item.text}". ${left === 0 ? "Nothing left to review." : `${left} still open (${counts.validated} validated, ${counts.invalidated} invalidated).`}`,
    };
  },
});
