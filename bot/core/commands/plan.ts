import { ApiError } from "../api.js";
import { warning } from "../messages.js";
import {
  changedCalendar,
  findWorkPackage,
  formatCalendar,
  formatPlanSummary,
  PLAN_HELP,
  parsePlanCommand,
  planProblems,
} from "../plan-command.js";
import type { PlanSummary } from "../plan-types.js";
import { assertNever } from "../poll-cards.js";
import type { ChatCommand } from "../registry.js";
import type { ChatContext, Reply } from "../types.js";
import { helpReply, NOT_BOUND } from "./help.js";

const NO_PLAN = 'This workshop has no plan yet. Add a work package: `/plan add design "Design" 3d`.';

/** The plan after a change, for the channel: who did what, then its dates. */
function changed(ctx: ChatContext, did: string, plan: PlanSummary): Reply {
  const [headline = "", ...lines] = formatPlanSummary(plan);
  return {
    visibility: "channel",
    text: `${ctx.actor.displayName || ctx.actor.userId} ${did}. ${headline}`,
    sections: [{ text: lines.join("\n") }],
  };
}

/** A refusal of the API in chat's words (`depends on: no work package called "x"`). */
async function orRefused(what: string, fn: () => Promise<Reply>): Promise<Reply> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError && err.status < 500 && err.status !== 403)
      return warning(`Can't ${what}: ${planProblems(err.details, err.message)}.`);
    throw err;
  }
}

/** `/plan …`: the room builds the plan together, so answers are posted for the channel to see. */
export const planCommand: ChatCommand = {
  name: "plan",
  summary: "build the delivery plan together: work packages, dependencies, the critical path, the calendar",
  help: PLAN_HELP,
  async run(ctx, text, core) {
    const cmd = parsePlanCommand(text);
    if (cmd.kind === "help") return helpReply(core, ctx, "plan");
    if (cmd.kind === "error") return warning(cmd.message);
    const workshop = await core.boundWorkshop(ctx);
    if (!workshop) return warning(NOT_BOUND);
    switch (cmd.kind) {
      case "show": {
        const current = await core.api.getPlan(workshop.id);
        if (!current) return warning(NO_PLAN);
        const [headline = "", ...lines] = formatPlanSummary(current);
        return { visibility: "channel", text: headline, sections: [{ text: lines.join("\n") }] };
      }
      case "add": {
        const { key } = cmd.workPackage;
        return orRefused(`add ${key}`, async () => {
          const updated = await core.api.addWorkPackage(workshop.id, cmd.workPackage, ctx.actor);
          const added = updated.workPackages.find((w) => w.key === key);
          return changed(
            ctx,
            `added ${key}${added ? ` (${added.earlyStart} → ${added.earlyFinish})` : ""}`,
            updated,
          );
        });
      }
      case "edit":
      case "remove": {
        const current = await core.api.getPlan(workshop.id);
        if (!current) return warning(NO_PLAN);
        const found = findWorkPackage(current, cmd.ref);
        if (typeof found === "string") return warning(found);
        if (cmd.kind === "remove")
          return orRefused(`remove ${found.key}`, async () =>
            changed(
              ctx,
              `removed ${found.key}`,
              await core.api.removeWorkPackage(workshop.id, found.key, ctx.actor),
            ),
          );
        if (cmd.change.dependsOn?.some((l) => l.key === found.key))
          return warning(`${found.key} can't come after itself.`);
        return orRefused(`change ${found.key}`, async () => {
          const updated = await core.api.updateWorkPackage(workshop.id, found.key, cmd.change, ctx.actor);
          const now = updated.workPackages.find((w) => w.key === found.key);
          return changed(
            ctx,
            `changed ${found.key}${now ? ` (now ${now.earlyStart} → ${now.earlyFinish})` : ""}`,
            updated,
          );
        });
      }
      case "calendar": {
        const current = await core.api.getPlan(workshop.id);
        if (!current) return warning(NO_PLAN);
        if (!cmd.change) {
          return {
            visibility: "ephemeral",
            text: `The plan's calendar: ${current.start} → ${current.finish}.`,
            sections: [
              {
                text: [
                  ...formatCalendar(current.calendar),
                  "In a calendar app: the roadmap as iCalendar is `GET /v1/workshops/<id>/roadmap?format=ics`; a facilitator or PM token makes a link to subscribe to with `POST /v1/workshops/<id>/roadmap/feeds` (docs/plan.md).",
                  `This workshop's id: \`${workshop.id}\``,
                ].join("\n"),
              },
            ],
          };
        }
        const calendar = changedCalendar(current.calendar, cmd.change);
        return orRefused("change the calendar", async () => {
          const updated = await core.api.setPlanCalendar(workshop.id, calendar, ctx.actor);
          const reply = changed(ctx, "changed the plan's calendar", updated);
          return {
            ...reply,
            sections: [{ text: formatCalendar(updated.calendar).join("\n") }, ...(reply.sections ?? [])],
          };
        });
      }
      default:
        return assertNever(cmd);
    }
  },
};
