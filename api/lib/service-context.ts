import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import type { Actor } from "../schemas/agenda.js";
import { type ServiceContext, verifiedActor } from "../services/context.js";

/**
 * The request's service context: the database, the caller, the clock and the log from the request's
 * variables, and the person a bot acts for (`actor` from the body, `viewer` from the query, when there
 * is one). A token other than a bot's naming a person is refused here (403), once for every route.
 */
export function serviceContext(c: Context<AppEnv>, actor?: Actor | null): ServiceContext {
  const deps = c.get("deps");
  const caller = c.get("caller");
  return {
    db: deps.database.db,
    database: deps.database,
    caller,
    actor: verifiedActor(caller, actor),
    now: deps.now(),
    log: c.get("log"),
  };
}
