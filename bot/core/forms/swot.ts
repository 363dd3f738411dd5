import { addSwot } from "../commands/swot.js";
import type { ChatForm } from "../registry.js";
import { matchOption, SWOT_QUADRANTS } from "../swot.js";

/** The SWOT form: `swot:<workshopId>`. */
export const swotForm: ChatForm = {
  prefix: "swot",
  workshopOf: (formId) => formId.split(":")[1] || undefined,
  async submit(ctx, s, core) {
    const workshopId = s.formId.slice("swot:".length);
    const swot = await core.api.getSwot(workshopId);
    // The option's key (Slack, Teams) or its label (typed in the terminal).
    const match = matchOption(s.values.option?.trim() || null, swot.options);
    const option = match.ok ? match : undefined;
    const quadrant = SWOT_QUADRANTS.find((q) => q === s.values.quadrant);
    const text = (s.values.text ?? "").trim();
    const errors: Record<string, string> = {};
    if (!option) errors.option = "Choose one of the scorecard's options.";
    if (!quadrant) errors.quadrant = "Choose strength, weakness, opportunity or threat.";
    if (text === "") errors.text = "What is it? Write a sentence.";
    if (text.length > 1000) errors.text = "At most 1,000 characters.";
    if (!option || !quadrant || Object.keys(errors).length) return { ok: false, errors };
    return {
      ok: true,
      reply: await addSwot(core, ctx, workshopId, {
        option: option.option,
        label: option.label,
        quadrant,
        text,
      }),
    };
  },
};
