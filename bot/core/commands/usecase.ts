import { ApiError } from "../api.js";
import { warning } from "../messages.js";
import type { NewUseCase } from "../outputs-types.js";
import type { ChatCommand, CoreServices } from "../registry.js";
import type { ChatContext, Reply } from "../types.js";
import { parseUseCaseCommand, sizingReply, USECASE_HELP, useCaseForm } from "../usecase.js";
import { helpReply, NOT_BOUND } from "./help.js";

/** `/usecase …`: a use case's data flow captured in the room, answered with its Kafka sizing. */
export const useCaseCommand: ChatCommand = {
  name: "usecase",
  summary: "capture a use case's data flow and size its Kafka cluster (partitions, brokers, hot partitions)",
  help: USECASE_HELP,
  async run(ctx, text, core) {
    const cmd = parseUseCaseCommand(text);
    if (cmd.kind === "help") return helpReply(core, ctx, "usecase");
    if (cmd.kind === "error") return warning(cmd.message);
    const workshop = await core.boundWorkshop(ctx);
    if (!workshop) return warning(NOT_BOUND);
    if (cmd.kind === "form") return useCaseForm(workshop.id);
    if (cmd.kind === "show") {
      try {
        return sizingReply(await core.api.getSizing(workshop.id, cmd.key), cmd.key);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404)
          return warning(
            `No use case "${cmd.key}" yet: \`/usecase ${cmd.key} rate: 500 size: 1kb\` captures it.`,
          );
        throw err;
      }
    }
    return putAndSize(core, ctx, workshop.id, cmd.key, cmd.useCase);
  },
};

/** Saves the use case (facilitators; the API refuses anyone else) and answers with its sizing. */
export async function putAndSize(
  core: CoreServices,
  ctx: ChatContext,
  workshopId: string,
  key: string,
  useCase: NewUseCase,
): Promise<Reply> {
  await core.api.putUseCase(workshopId, key, useCase, ctx.actor);
  const sizing = await core.api.getSizing(workshopId, key);
  const reply = sizingReply(sizing, useCase.title);
  return {
    ...reply,
    text: `${ctx.actor.displayName || ctx.actor.userId} captured use case "${key}". ${reply.text}`,
  };
}
