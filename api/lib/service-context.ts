import type { Context } from "hono";
import type { AppEnv } from "../context.js";
import type { Actor } from "../schemas/agenda.js";
import type { ServiceContext } from "../services/context.js";

/**
 * The request's service context: the database, the caller, the clock and the log from the request's
 * variables, and the person a bot acts for (`actor` from the body or query, when there is one).
 */
export function serviceContext(c: Context<AppEnv>, actor?: Actor | null): ServiceContext {
  const deps = c.get("deps");
  return {
    db: deps.database.db,
    database: deps.database,
    caller: c.get("caller"),
    actor: actor ?? null,
    now: deps.now(),
    log: c.get("log"),
  };
}
