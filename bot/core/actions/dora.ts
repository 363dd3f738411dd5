import { type DoraAnswer, decodeDoraAnswer } from "../dora-survey.js";
import { defineAction } from "../registry.js";

/** An answer on the DORA quick-check card: `dora:<workshopId>:<question>:<bucket>`. */
export const doraAction = defineAction<DoraAnswer>({
  prefix: "dora",
  decode: decodeDoraAnswer,
  workshopOf: (a) => a.workshopId,
  run: (ctx, a, core) => core.dora.answer(a, ctx),
});
