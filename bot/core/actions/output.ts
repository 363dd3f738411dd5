import { decodeOutput, type OutputButtonAction, outputLine } from "../outputs.js";
import { defineAction } from "../registry.js";

/**
 * Done / Reopen beside a session's expected outputs: `out:<workshopId>:<outputId>:<open|draft|done>`.
 * The API sets the status for facilitators and refuses anyone else, naming who can.
 */
export const outputAction = defineAction<OutputButtonAction>({
  prefix: "out",
  decode: decodeOutput,
  workshopOf: (a) => a.workshopId,
  async run(ctx, a, core) {
    const output = await core.api.updateOutput(a.outputId, a.status, ctx.actor);
    const all = await core.api.getOutputs(a.workshopId);
    const done = all.filter((o) => o.status === "done").length;
    return {
      visibility: "ephemeral",
      text: `${output.status === "done" ? "Marked done" : `Set to ${output.status}`}: "${output.title}". ${done} of ${all.length} outputs done.`,
      sections: [{ text: outputLine(output) }],
    };
  },
});
