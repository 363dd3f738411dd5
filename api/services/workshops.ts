import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import { type AgendaItemRow, agendaItems } from "../../db/schema/agenda-items.js";
import { orgChatWorkspaces } from "../../db/schema/org-chat-workspaces.js";
import { type WorkshopRow, workshops } from "../../db/schema/workshops.js";
import type { Queryable } from "../../db/types.js";
import { planAgenda, templateAgenda } from "../domain/agenda/agenda.js";
import { DEFAULT_TEMPLATE_ID, TEMPLATES } from "../domain/templates/index.js";
import { canonicalTimeZone } from "../domain/time/zoned.js";
import { DomainError, isUniqueViolation } from "../errors.js";
import { assertSameRequest, type Idempotency } from "../lib/idempotency.js";
import type { AgendaItem, CreateWorkshop, Workshop, WorkshopWithAgenda } from "../schemas/workshop.js";
import { audit } from "./audit.js";
import { loadWorkshop, resolveOrgId, type ServiceContext } from "./context.js";
import { insertFacilitator } from "./facilitators.js";
import { createOutputsForAgenda } from "./outputs.js";

export function toWorkshop(row: WorkshopRow): Workshop {
  return {
    id: row.id,
    name: row.name,
    orgId: row.orgId,
    timezone: row.timezone,
    startDate: row.startDate,
    templateId: row.templateId,
    createdAt: row.createdAt.toISOString(),
  };
}

export function toAgendaItem(row: AgendaItemRow): AgendaItem {
  return {
    id: row.id,
    position: row.position,
    day: row.day,
    kind: row.kind,
    title: row.title,
    topics: row.topics,
    outputs: row.outputs,
    localStart: row.localStart,
    localEnd: row.localEnd,
    plannedStart: row.plannedStart.toISOString(),
    plannedEnd: row.plannedEnd.toISOString(),
  };
}

export interface CreateWorkshopInput {
  workshop: CreateWorkshop;
  /** A client's Idempotency-Key: the same key and body return the first result instead of a second workshop. */
  idempotency?: Idempotency | undefined;
}

export type CreateWorkshopResult = { workshop: WorkshopWithAgenda; replayed: boolean };

/**
 * Creates a workshop in the caller's organisation (admin and platform-wide bots: `orgId`, or the only
 * one). A chat person a bot creates it for becomes its first facilitator: they created it from chat.
 */
export async function createWorkshop(
  ctx: ServiceContext,
  { workshop: input, idempotency }: CreateWorkshopInput,
): Promise<CreateWorkshopResult> {
  const tokenId = ctx.caller.tokenId;
  const opts = { idempotency, now: ctx.now };
  if (ctx.caller.workshopId !== null) {
    throw new DomainError("FORBIDDEN", "This token is limited to one workshop and cannot create another.");
  }
  if (opts.idempotency) {
    const replay = await findByIdempotencyKey(ctx, tokenId, opts.idempotency);
    if (replay) return { workshop: replay, replayed: true };
  }
  const orgId = await resolveOrgId(ctx, input.orgId);
  const timezone = canonicalTimeZone(input.timezone) ?? input.timezone;
  const templateId = input.agenda ? null : (input.template ?? DEFAULT_TEMPLATE_ID);
  const template = templateId ? TEMPLATES[templateId] : undefined;
  const items = input.agenda ?? (template ? templateAgenda(template) : []);
  const planned = planAgenda(items, { startDate: input.startDate, timeZone: timezone });
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(workshops)
        .values({
          name: input.name,
          orgId,
          timezone,
          startDate: input.startDate,
          templateId,
          createdByTokenId: tokenId,
          idempotencyKey: opts.idempotency?.key ?? null,
          requestHash: opts.idempotency?.requestHash ?? null,
          createdAt: opts.now,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      const rows = await tx
        .insert(agendaItems)
        .values(planned.map((p) => ({ ...p, workshopId: row.id })))
        .returning();
      await createOutputsForAgenda(tx, row.id, rows, opts.now);
      if (ctx.actor) await insertFacilitator(tx, row.id, ctx.actor, opts.now);
      await audit(tx, ctx, {
        workshopId: row.id,
        action: "workshop.create",
        entityType: "workshop",
        entityId: row.id,
        details: { name: row.name, templateId, items: rows.length },
      });
      rows.sort((a, b) => a.position - b.position);
      return { workshop: { ...toWorkshop(row), agenda: rows.map(toAgendaItem) }, replayed: false };
    });
  } catch (err) {
    // Two retries with one key raced: the loser answers with the winner's workshop.
    if (opts.idempotency && isUniqueViolation(err)) {
      const replay = await findByIdempotencyKey(ctx, tokenId, opts.idempotency);
      if (replay) return { workshop: replay, replayed: true };
    }
    throw err;
  }
}

async function findByIdempotencyKey(
  ctx: ServiceContext,
  tokenId: string,
  idempotency: Idempotency,
): Promise<WorkshopWithAgenda | null> {
  const [row] = await ctx.db
    .select()
    .from(workshops)
    .where(and(eq(workshops.createdByTokenId, tokenId), eq(workshops.idempotencyKey, idempotency.key)));
  if (!row) return null;
  assertSameRequest(row.requestHash, idempotency);
  return { ...toWorkshop(row), agenda: await agendaItemsOf(ctx.db, row.id) };
}

export async function getWorkshop(ctx: ServiceContext, id: string): Promise<Workshop> {
  return toWorkshop(await loadWorkshop(ctx, id));
}

/** The agenda of a workshop already loaded through `loadWorkshop`. */
async function agendaItemsOf(db: Queryable, workshopId: string): Promise<AgendaItem[]> {
  const rows = await db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.workshopId, workshopId))
    .orderBy(asc(agendaItems.position));
  return rows.map(toAgendaItem);
}

/**
 * Newest first, only those the caller may see (its organisation; its one workshop). The cursor is the
 * last row's `createdAt|id`, so pages stay stable while rows are added.
 */
export async function listWorkshops(
  ctx: ServiceContext,
  opts: { limit: number; cursor?: string | undefined; name?: string | undefined },
): Promise<{ workshops: Workshop[]; nextCursor: string | null }> {
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const { caller } = ctx;
  const rows = await ctx.db
    .select()
    .from(workshops)
    .where(
      and(
        caller.orgId !== null ? eq(workshops.orgId, caller.orgId) : undefined,
        caller.workshopId !== null ? eq(workshops.id, caller.workshopId) : undefined,
        await actorWorkspaceFilter(ctx),
        after
          ? or(
              lt(workshops.createdAt, after.createdAt),
              and(eq(workshops.createdAt, after.createdAt), lt(workshops.id, after.id)),
            )
          : undefined,
        opts.name ? sql`lower(${workshops.name}) = lower(${opts.name})` : undefined,
      ),
    )
    .orderBy(desc(workshops.createdAt), desc(workshops.id))
    .limit(opts.limit + 1);
  const page = rows.slice(0, opts.limit);
  const last = page.at(-1);
  return {
    workshops: page.map(toWorkshop),
    nextCursor: rows.length > opts.limit && last ? encodeCursor(last) : null,
  };
}

/** A bot's person of a registered workspace sees its organisation's workshops only. */
async function actorWorkspaceFilter(ctx: ServiceContext) {
  const workspaceId = ctx.actor?.workspaceId;
  if (!ctx.actor || !workspaceId || ctx.caller.orgId !== null) return undefined;
  const [owned] = await ctx.db
    .select({ orgId: orgChatWorkspaces.orgId })
    .from(orgChatWorkspaces)
    .where(
      and(eq(orgChatWorkspaces.platform, ctx.actor.platform), eq(orgChatWorkspaces.workspaceId, workspaceId)),
    );
  return owned ? eq(workshops.orgId, owned.orgId) : undefined;
}

function encodeCursor(row: WorkshopRow): string {
  return btoa(`${row.createdAt.toISOString()}|${row.id}`);
}

function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  try {
    const [iso, id] = atob(cursor).split("|");
    const createdAt = new Date(iso ?? "");
    if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id))
      throw new Error("bad cursor");
    return { createdAt, id };
  } catch {
    throw new DomainError("VALIDATION", "cursor: not a cursor this API returned", [
      { path: "cursor", message: "not a cursor this API returned" },
    ]);
  }
}
