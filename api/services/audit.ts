import { auditLog } from "../../db/schema/audit-log.js";
import type { Db } from "../../db/types.js";
import { actorName, type ServiceContext, SYSTEM_CALLER } from "./context.js";

/** Anything that can run an insert: the database or an open transaction. */
type Writer = Pick<Db, "insert">;

export interface AuditEntry {
  /** Who did it, in one word: the person a bot acted for, else "token:<id>" (see auditBy). */
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  details?: Record<string, unknown>;
  /** The token that made the request; taken from a "token:<id>" actor when not given. */
  tokenId?: string | null;
  /** The person the token acted for ("slack:U123"); null when it acted as itself. */
  person?: string | null;
  /** The workshop the change belongs to, when there is one (its audit rows go with it). */
  workshopId?: string | null;
}

/** The three "who" fields of an entry: the token and the person it acted for. */
export type AuditBy = Pick<AuditEntry, "actor" | "tokenId" | "person">;

/** Who did it: the request's token and, when a bot acted for someone, that person (the system: neither). */
export function auditBy(ctx: Pick<ServiceContext, "caller" | "actor">): Required<AuditBy> {
  const person = ctx.actor ? `${ctx.actor.platform}:${ctx.actor.userId}` : null;
  const tokenId = ctx.caller === SYSTEM_CALLER ? null : ctx.caller.tokenId;
  return { actor: actorName(ctx), tokenId, person };
}

const TOKEN_ACTOR = /^token:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The row an entry becomes. */
export function auditRow(entry: AuditEntry, at: Date): typeof auditLog.$inferInsert {
  const { tokenId, person, workshopId, details, ...rest } = entry;
  return {
    ...rest,
    details: details ?? {},
    at,
    tokenId: tokenId ?? TOKEN_ACTOR.exec(entry.actor)?.[1] ?? null,
    person: person ?? null,
    workshopId: workshopId ?? null,
  };
}

/** Records who changed what; call it inside the transaction that makes the change. */
export async function audit(tx: Writer, entry: AuditEntry, at: Date): Promise<void> {
  await tx.insert(auditLog).values(auditRow(entry, at));
}

/** Several entries in one statement (a batch of votes, one row per person). */
export async function auditMany(tx: Writer, entries: readonly AuditEntry[], at: Date): Promise<void> {
  if (entries.length) await tx.insert(auditLog).values(entries.map((e) => auditRow(e, at)));
}
