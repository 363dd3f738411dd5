import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import { type AgendaItemRow, agendaItems } from "../../db/schema/agenda-items.js";
import { type WorkshopRow, workshops } from "../../db/schema/workshops.js";
import type { Db } from "../../db/types.js";
import { planAgenda, templateAgenda } from "../domain/agenda/agenda.js";
import { DEFAULT_TEMPLATE_ID, TEMPLATES } from "../domain/templates/index.js";
import { canonicalTimeZone } from "../domain/time/zoned.js";
import { DomainError, isUniqueViolation } from "../errors.js";
import { sha256Hex } from "../lib/crypto.js";
import type { AgendaItem, CreateWorkshop, Workshop, WorkshopWithAgenda } from "../schemas/workshop.js";
import { audit } from "./audit.js";

export function toWorkshop(row: WorkshopRow): Workshop {
  return {
    id: row.id,
    name: row.name,
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

export interface CreateWorkshopOptions {
  tokenId: string;
  actor: string;
  now: Date;
  /** A client's Idempotency-Key: the same key and body return the first result instead of a second workshop. */
  idempotencyKey?: string | undefined;
}

export type CreateWorkshopResult = { workshop: WorkshopWithAgenda; replayed: boolean };

export async function createWorkshop(
  db: Db,
  input: CreateWorkshop,
  opts: CreateWorkshopOptions,
): Promise<CreateWorkshopResult> {
  const requestHash = opts.idempotencyKey ? await sha256Hex(JSON.stringify(input)) : null;
  if (opts.idempotencyKey) {
    const replay = await findByIdempotencyKey(db, opts.tokenId, opts.idempotencyKey, requestHash);
    if (replay) return { workshop: replay, replayed: true };
  }
  const timezone = canonicalTimeZone(input.timezone) ?? input.timezone;
  const templateId = input.agenda ? null : (input.template ?? DEFAULT_TEMPLATE_ID);
  const template = templateId ? TEMPLATES[templateId] : undefined;
  const items = input.agenda ?? (template ? templateAgenda(template) : []);
  const planned = planAgenda(items, { startDate: input.startDate, timeZone: timezone });
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(workshops)
        .values({
          name: input.name,
          timezone,
          startDate: input.startDate,
          templateId,
          createdByTokenId: opts.tokenId,
          idempotencyKey: opts.idempotencyKey ?? null,
          requestHash,
          createdAt: opts.now,
        })
        .returning();
      if (!row) throw new Error("insert returned no row");
      const rows = await tx
        .insert(agendaItems)
        .values(planned.map((p) => ({ ...p, workshopId: row.id })))
        .returning();
      await audit(
        tx,
        {
          actor: opts.actor,
          workshopId: row.id,
          action: "workshop.create",
          entityType: "workshop",
          entityId: row.id,
          details: { name: row.name, templateId, items: rows.length },
        },
        opts.now,
      );
      rows.sort((a, b) => a.position - b.position);
      return { workshop: { ...toWorkshop(row), agenda: rows.map(toAgendaItem) }, replayed: false };
    });
  } catch (err) {
    // Two retries with one key raced: the loser answers with the winner's workshop.
    if (opts.idempotencyKey && isUniqueViolation(err)) {
      const replay = await findByIdempotencyKey(db, opts.tokenId, opts.idempotencyKey, requestHash);
      if (replay) return { workshop: replay, replayed: true };
    }
    throw err;
  }
}

async function findByIdempotencyKey(
  db: Db,
  tokenId: string,
  key: string,
  requestHash: string | null,
): Promise<WorkshopWithAgenda | null> {
  const [row] = await db
    .select()
    .from(workshops)
    .where(and(eq(workshops.createdByTokenId, tokenId), eq(workshops.idempotencyKey, key)));
  if (!row) return null;
  if (row.requestHash !== requestHash) {
    throw new DomainError(
      "CONFLICT",
      "This Idempotency-Key was already used with a different request body.",
      [{ path: "Idempotency-Key", message: "reused with a different body" }],
    );
  }
  return { ...toWorkshop(row), agenda: await getAgendaItems(db, row.id) };
}

/** A 404 unless the workshop exists (for services that need nothing else from its row). */
export async function assertWorkshop(db: Pick<Db, "select">, workshopId: string): Promise<void> {
  const [w] = await db.select({ id: workshops.id }).from(workshops).where(eq(workshops.id, workshopId));
  if (!w) throw new DomainError("NOT_FOUND", `No workshop ${workshopId}.`);
}

export async function getWorkshop(db: Db, id: string): Promise<Workshop> {
  const [row] = await db.select().from(workshops).where(eq(workshops.id, id));
  if (!row) throw new DomainError("NOT_FOUND", `No workshop ${id}.`);
  return toWorkshop(row);
}

export async function getAgendaItems(db: Db, workshopId: string): Promise<AgendaItem[]> {
  const rows = await db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.workshopId, workshopId))
    .orderBy(asc(agendaItems.position));
  return rows.map(toAgendaItem);
}

/** Newest first. The cursor is the last row's `createdAt|id`, so pages stay stable while rows are added. */
export async function listWorkshops(
  db: Db,
  opts: { limit: number; cursor?: string | undefined; name?: string | undefined },
): Promise<{ workshops: Workshop[]; nextCursor: string | null }> {
  const after = opts.cursor ? decodeCursor(opts.cursor) : null;
  const rows = await db
    .select()
    .from(workshops)
    .where(
      and(
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
