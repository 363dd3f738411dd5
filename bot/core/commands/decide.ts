import { ApiError } from "../api.js";
import { warning } from "../messages.js";
import { stance } from "../outputs.js";
import type { DecisionView, NewDecision } from "../outputs-types.js";
import type { ChatCommand } from "../registry.js";
import { matchOption } from "../swot.js";
import type { ChatContext, Reply, WorkshopSummary } from "../types.js";
import { helpReply, NOT_BOUND } from "./help.js";

export const DECIDE_HELP = [
  "`/decide production msk because the team runs everything else on AWS` — record the decision for a scorecard view (facilitators); `default` is the view of a scorecard without views",
  "Accepting or overriding the scorecard's recommendation is worked out from the votes; deciding a view again replaces its decision",
  "`/decide` alone — the decisions so far, with the gaps no mitigation covers yet",
  "Conditions and mitigations are added through the API (`PUT /v1/workshops/{id}/decisions/{view}`); `/decide` keeps them while the option stays the same",
];

type DecideCommand =
  | { kind: "list" }
  | { kind: "help" }
  | { kind: "decide"; view: string; option: string; rationale: string }
  | { kind: "error"; message: string };

const EXAMPLE = "`/decide production msk because the team runs everything else on AWS`";

/** `/decide <view> <option> because <rationale>`; the option may be a key, a label or a unique start of one. */
export function parseDecideCommand(text: string): DecideCommand {
  const trimmed = text.trim();
  if (!trimmed) return { kind: "list" };
  if (/^help$/i.test(trimmed)) return { kind: "help" };
  const [head = "", ...why] = trimmed.split(/\s+because\s+|\s+because$/i);
  const [view = "", ...option] = head.split(/\s+/);
  if (!option.length) return { kind: "error", message: `Name the view, then the option: ${EXAMPLE}.` };
  const rationale = why.join(" because ").trim();
  if (!rationale)
    return {
      kind: "error",
      message: `The rationale (\`because …\`) is missing: say why the room chose it, e.g. ${EXAMPLE}.`,
    };
  return { kind: "decide", view: view.toLowerCase(), option: option.join(" "), rationale };
}

/** The chat's name of a field the API refused. */
const FIELD: Record<string, string> = {
  view: "the view",
  option: "the option",
  rationale: "the rationale (`because …`)",
  conditions: "the conditions kept from the earlier decision",
  mitigations: "the mitigations kept from the earlier decision",
};

/** An API refusal of a decision in chat's words: `the view: one of production, pre-prod`, never `view`. */
function decisionProblems(err: ApiError): string {
  if (!err.details.length) return err.message;
  return err.details
    .map(
      (d) => `${FIELD[d.path.split(".")[0] ?? ""] ?? d.path}: ${d.message.replace(/^Required$/i, "missing")}`,
    )
    .join("; ");
}

/** `/decide …`: the room's decision per scorecard view, against the recommendation. */
export const decideCommand: ChatCommand = {
  name: "decide",
  summary: "record the decision for a scorecard view, accepting or overriding the recommendation",
  help: DECIDE_HELP,
  async run(ctx, text, core) {
    const cmd = parseDecideCommand(text);
    if (cmd.kind === "help") return helpReply(core, ctx, "decide");
    if (cmd.kind === "error") return warning(cmd.message);
    const workshop = await core.boundWorkshop(ctx);
    if (!workshop) return warning(NOT_BOUND);
    const [{ options }, decisions] = await Promise.all([
      core.api.getSwot(workshop.id),
      core.api.getDecisions(workshop.id),
    ]);
    const label = (key: string) => options.find((o) => o.option === key)?.label ?? key;
    if (cmd.kind === "list") return listDecisions(decisions, workshop, label, options[0]?.option);
    const match = matchOption(cmd.option, options);
    if (!match.ok) return warning(match.message.replace(/^No option/, "No scorecard option"));
    const earlier = decisions.find((d) => d.view === cmd.view && d.option === match.option);
    const decision: NewDecision = {
      option: match.option,
      rationale: cmd.rationale,
      conditions: earlier?.conditions ?? [],
      mitigations: (earlier?.mitigations ?? []).map((m) => ({
        factor: m.factor,
        text: m.text,
        ...(m.workPackage ? { workPackage: m.workPackage } : {}),
      })),
    };
    try {
      const recorded = await core.api.putDecision(workshop.id, cmd.view, decision, ctx.actor);
      return decided(ctx, recorded, label);
    } catch (err) {
      // A refusal for who is asking (403) is the core's polite warning; a field at fault is named here.
      if (err instanceof ApiError && (err.status === 400 || err.status === 422))
        return warning(`Can't record the decision: ${decisionProblems(err)}.`);
      throw err;
    }
  },
};

function gapsLine(d: DecisionView): string {
  return d.unmitigatedGaps.length
    ? `Unmitigated gaps: ${d.unmitigatedGaps.join(", ")}.`
    : "No unmitigated gaps.";
}

function decided(ctx: ChatContext, d: DecisionView, label: (key: string) => string): Reply {
  return {
    visibility: "channel",
    text: `⚖️ ${ctx.actor.displayName || ctx.actor.userId} recorded the decision for ${d.view}: ${d.optionLabel}, ${stance(d, label)}, because ${d.rationale}. ${gapsLine(d)}`,
  };
}

function listDecisions(
  decisions: DecisionView[],
  workshop: WorkshopSummary,
  label: (key: string) => string,
  firstOption: string | undefined,
): Reply {
  if (!decisions.length)
    return {
      visibility: "ephemeral",
      text: `No decisions yet for "${workshop.name}". A facilitator records one: \`/decide default ${firstOption ?? "msk"} because <why>\`.`,
    };
  return {
    visibility: "ephemeral",
    text: `${decisions.length === 1 ? "1 decision" : `${decisions.length} decisions`} in "${workshop.name}": ${decisions.map((d) => `${d.view} → ${d.optionLabel}`).join(", ")}.`,
    sections: decisions.map((d) => ({
      title: d.view,
      text: `${d.optionLabel}, ${stance(d, label)}, because ${d.rationale}.\n${gapsLine(d)}`,
    })),
  };
}
