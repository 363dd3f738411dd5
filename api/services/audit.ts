import { auditLog } from "../../db/schema/audit-log.js";
import type { Db } from "../../db/types.js";
import { actorName, isTokenCaller, type ServiceContext } from "./context.js";

/** Anything that can run an insert: the database or an open transaction. */
type Writer = Pick<Db, "insert">;

/** What a service says about a change. Who made it is never written here: it comes from the context. */
export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
  /**
   * The workshop the change belongs to, or null for a change outside any workshop (tokens, orgs, DORA
   * data). Required, so that no workshop-scoped write forgets it: deleting or erasing the workshop
   * takes these rows with it.
   */
  workshopId: string | null;
}

/** Who made a change, as the audit log names it; only `auditBy` makes one. */
export interface AuditBy {
  /** The person a bot acted for, else "token:<id>", else the caller's name ("system", "github:<delivery>"). */
  actor: string;
  /** The token that made the request; null for the system and signed webhooks. */
  tokenId: string | null;
  /** The person the token acted for ("slack:U123"); null when it acted as itself. */
  person: string | null;
}

/** The parts of a request's context the audit reads: who, and when. */
export type AuditContext = Pick<ServiceContext, "caller" | "actor" | "now">;

/** Who did it: the request's token and, when a bot acted for someone, that person (the system: neither). */
export function auditBy(ctx: Pick<ServiceContext, "caller" | "actor">): AuditBy {
  const person = ctx.actor ? `${ctx.actor.platform}:${ctx.actor.userId}` : null;
  const tokenId = isTokenCaller(ctx.caller) ? ctx.caller.tokenId : null;
  return { actor: actorName(ctx), tokenId, person };
}

/** The row an entry becomes. */
function auditRow(by: AuditBy, entry: AuditEntry, at: Date): typeof auditLog.$inferInsert {
  return { ...by, ...entry, details: entry.details ?? {}, at };
}

/**
 * Records who changed what; call it inside the transaction that makes the change (`tx`). The token,
 * the person and the time come from `ctx`, so no write can leave them out.
 */
export async function audit(tx: Writer, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values(auditRow(auditBy(ctx), entry, ctx.now));
}

/**
 * Several entries in one statement, each by its own request (a group-committed batch of votes: one row
 * per person). `by` is `auditBy` of the request the entry came from.
 */
export async function auditMany(
  tx: Writer,
  entries: readonly (AuditEntry & { by: AuditBy })[],
  at: Date,
): Promise<void> {
  if (entries.length)
    await tx.insert(auditLog).values(entries.map(({ by, ...entry }) => auditRow(by, entry, at)));
}
