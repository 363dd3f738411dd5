import type { Queryable } from "../../db/types.js";
import type { Caller } from "../context.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../schemas/agenda.js";
import type { ServiceContext } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";

/**
 * The room's rules for its outputs (register statuses, reviews, decisions, output states): only a
 * facilitator decides — an admin or facilitator token, or a bot acting for one of the workshop's
 * facilitators. A pm or ingest token is refused outright (403), whoever it names.
 */
export async function assertFacilitates(ctx: ServiceContext, workshopId: string): Promise<void> {
  await assertFacilitatesAs(ctx.db, workshopId, ctx.caller, ctx.actor);
}

/** The same rule for services not yet on a ServiceContext. */
export async function assertFacilitatesAs(
  db: Queryable,
  workshopId: string,
  caller: Caller,
  actor: Actor | null | undefined,
): Promise<void> {
  const role = caller.role;
  if (role !== "admin" && role !== "facilitator" && role !== "bot") {
    throw new DomainError("FORBIDDEN", "Only the workshop's facilitators can do that.");
  }
  await assertCanFacilitate(db, workshopId, caller, actor ?? undefined);
}

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
