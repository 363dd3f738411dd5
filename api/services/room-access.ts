import { DomainError } from "../errors.js";
import type { ServiceContext } from "./context.js";

/** Anyone in the room may capture, but a bot must say for whom. */
export function assertActorForBot(ctx: ServiceContext): void {
  if (ctx.caller.role === "bot" && !ctx.actor) {
    throw new DomainError("VALIDATION", "actor: required when a bot acts for someone", [
      { path: "actor", message: "required for bot tokens" },
    ]);
  }
}

/** The person's display name for rows that show an author. */
export function actorDisplayName(ctx: ServiceContext): string {
  return ctx.actor ? ctx.actor.displayName || ctx.actor.userId : ctx.caller.name;
}
