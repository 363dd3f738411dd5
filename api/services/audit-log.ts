import { and, asc, eq, gt, gte, inArray, type SQL, sql } from "drizzle-orm";
import { type AuditLogRow, auditLog } from "../../db/schema/audit-log.js";
import { workshops } from "../../db/schema/workshops.js";
import { DomainError } from "../errors.js";
import type { AuditEntry, AuditPage, ListAuditQuery } from "../schemas/audit.js";
import { loadWorkshop, type ServiceContext } from "./context.js";

export function toAuditEntry(row: AuditLogRow): AuditEntry {
  return {
    id: String(row.id),
    at: row.at.toISOString(),
    actor: row.actor,
    tokenId: row.tokenId,
    person: row.person,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    workshopId: row.workshopId,
    details: row.details,
  };
}

/**
 * The audit log, oldest first, a page at a time: the cursor is the last entry's id, so a client that
 * keeps the last cursor reads only what was written since (ids grow with every write). A workshop is
 * reached through loadWorkshop, and every page is scoped to the caller's organisation (see scope).
 */
export async function listAudit(ctx: ServiceContext, input: ListAuditQuery): Promise<AuditPage> {
  const after = input.cursor === undefined ? null : decodeCursor(input.cursor);
  if (input.workshopId) await loadWorkshop(ctx, input.workshopId);
  const where: (SQL | undefined)[] = [
    input.workshopId ? eq(auditLog.workshopId, input.workshopId) : undefined,
    input.since ? gte(auditLog.at, new Date(input.since)) : undefined,
    after === null ? undefined : gt(auditLog.id, after),
    scope(ctx),
  ];
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(asc(auditLog.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    entries: page.map(toAuditEntry),
    nextCursor: rows.length > input.limit && last ? btoa(`audit:${last.id}`) : null,
  };
}

/**
 * An admin sees every entry (platform-wide ones too: tokens, organisations, erasures); anyone else
 * only entries of workshops of their organisation (of their one workshop, for a token narrowed to one).
 */
function scope(ctx: ServiceContext): SQL | undefined {
  const { caller } = ctx;
  if (caller.role === "admin") return undefined;
  if (caller.orgId === null) return sql`false`;
  const mine = ctx.db
    .select({ id: workshops.id })
    .from(workshops)
    .where(
      and(
        eq(workshops.orgId, caller.orgId),
        caller.workshopId === null ? undefined : eq(workshops.id, caller.workshopId),
      ),
    );
  return inArray(auditLog.workshopId, mine);
}

function decodeCursor(cursor: string): number {
  let id = Number.NaN;
  try {
    const text = atob(cursor);
    if (text.startsWith("audit:")) id = Number(text.slice(6));
  } catch {
    // not base64: refused below
  }
  if (!Number.isSafeInteger(id) || id < 0)
    throw new DomainError("VALIDATION", "cursor: not a cursor this API returned", [
      { path: "cursor", message: "not a cursor this API returned" },
    ]);
  return id;
}
