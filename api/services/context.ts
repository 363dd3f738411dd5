import { eq } from "drizzle-orm";
import type { Logger } from "pino";
import { type WorkshopRow, workshops } from "../../db/schema/workshops.js";
import type { Database, Db, Queryable } from "../../db/types.js";
import type { Caller } from "../context.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../schemas/agenda.js";

/**
 * Everything a service needs to know about the request it serves, built once per request (see
 * `serviceContext` in api/lib/service-context.ts): services take `(ctx, input)` and nothing else.
 */
export interface ServiceContext {
  /** The database handle; inside a transaction, pass `{ ...ctx, db: tx }` down. */
  db: Queryable;
  database: Database;
  /** The bearer token that made the request. */
  caller: Caller;
  /** The chat person a `bot` token acts for, once verified; null when the token acts as itself. */
  actor: Actor | null;
  now: Date;
  log: Logger;
}

/** The audit log's name for who did it: the person a bot acts for, else the token itself. */
export function actorName(ctx: Pick<ServiceContext, "caller" | "actor">): string {
  return ctx.actor ? `${ctx.actor.platform}:${ctx.actor.userId}` : `token:${ctx.caller.tokenId}`;
}

/** The same context on another handle, e.g. an open transaction. */
export function onDb(ctx: ServiceContext, db: Queryable | Db): ServiceContext {
  return { ...ctx, db };
}

export interface LoadWorkshopOptions {
  /** `FOR UPDATE`: call inside a transaction (`ctx.db` is the transaction) to serialise changes. */
  lock?: boolean;
}

/**
 * The one way a service reaches a workshop: a 404 unless it exists and the caller may see it. Scoping
 * (organisation, a token's workshop) is enforced here, so no service can forget it.
 */
export async function loadWorkshop(
  ctx: ServiceContext,
  workshopId: string,
  opts: LoadWorkshopOptions = {},
): Promise<WorkshopRow> {
  const q = ctx.db.select().from(workshops).where(eq(workshops.id, workshopId));
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw new DomainError("NOT_FOUND", `No workshop ${workshopId}.`);
  return row;
}
