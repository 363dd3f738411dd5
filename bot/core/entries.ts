import { agendaAction } from "./actions/agenda.js";
import { doraAction } from "./actions/dora.js";
import { feedbackAction } from "./actions/feedback.js";
import { outputAction } from "./actions/output.js";
import { pollAction } from "./actions/poll.js";
import { reviewAction } from "./actions/review.js";
import { voteAction } from "./actions/vote.js";
import { agendaCommand } from "./commands/agenda.js";
import { captureCommand } from "./commands/capture.js";
import { costsCommand } from "./commands/costs.js";
import { decideCommand } from "./commands/decide.js";
import { feedbackCommand } from "./commands/feedback.js";
import { planCommand } from "./commands/plan.js";
import { skillsCommand } from "./commands/skills.js";
import { swotCommand } from "./commands/swot.js";
import { useCaseCommand } from "./commands/usecase.js";
import { captureForm } from "./forms/capture.js";
import { feedbackForm } from "./forms/feedback.js";
import { swotForm } from "./forms/swot.js";
import { useCaseForm } from "./forms/usecase.js";
import type { Registry } from "./registry.js";

/**
 * Every command, button kind and form Baton answers in chat. Adding one is a file in commands/,
 * actions/ or forms/ and one line here; the adapters need no change (Slack's manifest lists slash
 * commands: add the command there too). The help lists commands in this order.
 */
export const REGISTRY: Registry = {
  commands: [
    agendaCommand,
    planCommand,
    captureCommand,
    swotCommand,
    useCaseCommand,
    decideCommand,
    skillsCommand,
    costsCommand,
    feedbackCommand,
  ],
  actions: [agendaAction, voteAction, pollAction, feedbackAction, doraAction, reviewAction, outputAction],
  forms: [feedbackForm, captureForm, swotForm, useCaseForm],
};
