import { agendaAct, DEFAULT_TEMPLATE_NAME, demoWorkshop, localDate } from "../agenda.js";
import { renderStatus, warning } from "../messages.js";
import { gatherWrapUp, reviewReply, wrapUpReply } from "../outputs.js";
import { AGENDA_HELP, type AgendaCommand, parseAgendaCommand } from "../parse.js";
import { POLL_HELP, parsePollCommand } from "../poll-command.js";
import type { ChatCommand, CoreServices } from "../registry.js";
import type { ChatContext, Reply, WorkshopSummary } from "../types.js";
import { helpReply, NOT_BOUND } from "./help.js";

/** `/agenda …`: bind the channel, run the day, launch polls. */
export const agendaCommand: ChatCommand = {
  name: "agenda",
  summary: "run the day: start, next, pause, extend, status, polls, review, report",
  help: AGENDA_HELP,
  async run(ctx, text, core) {
    const cmd = parseAgendaCommand(text);
    switch (cmd.verb) {
      case "help":
        return helpReply(core, ctx, "agenda");
      case "error":
        return warning(cmd.message);
      case "start":
        return start(core, ctx, cmd);
      case "poll":
        return poll(core, ctx, cmd.args);
      default: {
        const workshop = await core.boundWorkshop(ctx);
        if (!workshop) return warning(NOT_BOUND);
        if (cmd.verb === "status") {
          const [agenda, outputs] = await Promise.all([
            core.api.getAgenda(workshop.id),
            core.api.getOutputs(workshop.id),
          ]);
          return renderStatus(agenda, outputs);
        }
        if (cmd.verb === "review") return review(core, ctx, workshop);
        if (cmd.verb === "report") {
          // The share link is made for the person asking: the API refuses anyone but a facilitator.
          const facts = await gatherWrapUp(core.api, workshop, ctx.actor);
          return wrapUpReply(facts, false);
        }
        if (cmd.verb === "extend")
          return agendaAct(core, ctx, workshop.id, "extend", { minutes: cmd.minutes });
        return agendaAct(core, ctx, workshop.id, cmd.verb);
      }
    }
  },
};

async function start(
  core: CoreServices,
  ctx: ChatContext,
  cmd: Extract<AgendaCommand, { verb: "start" }>,
): Promise<Reply> {
  const timezone = ctx.timezone ?? (await ctx.lookupTimezone?.()) ?? core.defaultTimezone ?? "UTC";
  let workshop: WorkshopSummary | null;
  if (cmd.demo) {
    workshop = await core.api.createWorkshop({ ...demoWorkshop(core.now(), timezone), actor: ctx.actor });
  } else if (cmd.workshop) {
    workshop = await core.api.findWorkshop(cmd.workshop);
    if (!workshop) {
      return warning(
        `No workshop called "${cmd.workshop}". \`/agenda start\` with no name creates one from the two-day template.`,
      );
    }
  } else {
    workshop =
      (await core.boundWorkshop(ctx)) ??
      (await core.api.createWorkshop({
        name: DEFAULT_TEMPLATE_NAME,
        timezone,
        startDate: localDate(core.now(), timezone),
        actor: ctx.actor,
      }));
  }
  const current = await core.boundWorkshop(ctx);
  if (current?.id !== workshop.id) await core.api.bindChannel(ctx.channel, workshop.id, ctx.actor);
  const reply = await agendaAct(core, ctx, workshop.id, "start");
  return { ...reply, text: `${reply.text} This channel now follows "${workshop.name}"; timers post here.` };
}

/** `/agenda review`: the review queue, posted for the room (facilitators only, as its buttons are). */
async function review(core: CoreServices, ctx: ChatContext, workshop: WorkshopSummary): Promise<Reply> {
  const facilitators = await core.api.getFacilitators(workshop.id);
  const me = ctx.actor;
  if (!facilitators.some((f) => f.platform === me.platform && f.userId === me.userId)) {
    const names = facilitators.map((f) => f.displayName || f.userId);
    return warning(
      `Sorry ${me.displayName || me.userId}, only this workshop's facilitators can run the review` +
        (names.length ? ` (${names.join(", ")}); ask one of them.` : "."),
    );
  }
  const agenda = await core.api.getAgenda(workshop.id);
  const current = agenda.items.find((i) => i.id === agenda.currentItemId);
  return reviewReply(current?.title ?? workshop.name, workshop.id, await core.api.getReview(workshop.id));
}

async function poll(core: CoreServices, ctx: ChatContext, args: string): Promise<Reply> {
  if (/^\s*(help|\?)?\s*$/i.test(args))
    return { visibility: "ephemeral", text: "Polls from here:", sections: [{ text: POLL_HELP.join("\n") }] };
  const dora = /^\s*dora(?:\s+(results))?\s*$/i.exec(args);
  if (dora) {
    const bound = await core.boundWorkshop(ctx);
    if (!bound) return warning(NOT_BOUND);
    return dora[1] ? core.dora.results(bound.id) : core.dora.launch(bound.id);
  }
  const parsed = parsePollCommand(args);
  if (parsed.kind === "error") return warning(parsed.message);
  const workshop = await core.boundWorkshop(ctx);
  if (!workshop) return warning(NOT_BOUND);
  return core.voting.launch(ctx, workshop, parsed.poll);
}
