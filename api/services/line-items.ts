import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { type LineItemRow, lineItems } from "../../db/schema/line-items.js";
import { polls } from "../../db/schema/polls.js";
import { votes } from "../../db/schema/votes.js";
import type { Queryable } from "../../db/types.js";
import type { Caller } from "../context.js";
import { rankRelevance } from "../domain/scorecard/relevance.js";
import { DomainError, isUniqueViolation } from "../errors.js";
import { assertSameRequest, type Idempotency } from "../lib/idempotency.js";
import type { CreateLineItem, LineItem, UpdateLineItem } from "../schemas/line-item.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, type ServiceContext, verifiedViewer } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";
import { resultsVisible, toVoter } from "./polls.js";
import { raidColumns, raidView, sortRegister, workshopToday } from "./register.js";

type Relevance = NonNullable<LineItem["relevance"]>;

function toLineItem(
  row: LineItemRow,
  sessionTitle: string | null,
  relevance: Relevance | null,
  today: string,
): LineItem {
  return {
    id: row.id,
    workshopId: row.workshopId,
    sessionId: row.agendaItemId,
    sessionTitle,
    kind: row.kind,
    text: row.text,
    priority: row.priority,
    timeframe: row.timeframe,
    author: toVoter(row.author, row.authorName),
    source: (row.source as LineItem["source"]) ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    relevance,
    ...raidView(row, today),
  };
}

function requireActor(ctx: ServiceContext, what: string): void {
  if (ctx.caller.role === "bot" && !ctx.actor) {
    throw new DomainError("VALIDATION", `actor: required when a bot ${what} for someone`, [
      { path: "actor", message: "required for bot tokens" },
    ]);
  }
}

async function sessionTitles(db: Queryable, workshopId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: agendaItems.id, title: agendaItems.title })
    .from(agendaItems)
    .where(eq(agendaItems.workshopId, workshopId));
  return new Map(rows.map((r) => [r.id, r.title]));
}

export interface CaptureInput {
  workshopId: string;
  item: CreateLineItem;
  idempotency?: Idempotency | undefined;
}

/** Captures a line item in the given session, or the one running. Anyone in the room may capture. */
export async function createLineItem(
  ctx: ServiceContext,
  { workshopId, item: input, idempotency }: CaptureInput,
): Promise<{ item: LineItem; replayed: boolean }> {
  const db = ctx.db;
  const opts = { now: ctx.now, idempotency };
  const workshop = await loadWorkshop(ctx, workshopId);
  requireActor(ctx, "captures");
  const raid = raidColumns(input, { kind: input.kind, timeZone: workshop.timezone, now: opts.now });
  const replay = async () => {
    if (!opts.idempotency) return null;
    const [row] = await db
      .select()
      .from(lineItems)
      .where(and(eq(lineItems.workshopId, workshopId), eq(lineItems.idempotencyKey, opts.idempotency.key)));
    if (row) assertSameRequest(row.requestHash, opts.idempotency);
    return row ?? null;
  };
  const answer = async (row: LineItemRow, replayed: boolean) => {
    const titles = await sessionTitles(db, workshopId);
    return {
      item: toLineItem(
        row,
        row.agendaItemId ? (titles.get(row.agendaItemId) ?? null) : null,
        null,
        workshopToday(workshop, opts.now),
      ),
      replayed,
    };
  };
  const previous = await replay();
  if (previous) return answer(previous, true);

  let sessionId: string | null = null;
  if (input.sessionId) {
    const [item] = await db
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.id, input.sessionId), eq(agendaItems.workshopId, workshopId)));
    if (!item) {
      throw new DomainError("NOT_FOUND", `No session ${input.sessionId} in this workshop.`, [
        { path: "sessionId", message: "not an agenda item of this workshop" },
      ]);
    }
    sessionId = item.id;
  } else {
    const [current] = await db
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.workshopId, workshopId), inArray(agendaItems.state, ["running", "paused"])));
    sessionId = current?.id ?? null;
  }
  const author = actorName(ctx);
  try {
    const row = await ctx.database.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(lineItems)
        .values({
          workshopId,
          agendaItemId: sessionId,
          kind: input.kind,
          text: input.text,
          priority: input.priority ?? null,
          timeframe: input.timeframe ?? null,
          author,
          authorName: ctx.actor ? ctx.actor.displayName || ctx.actor.userId : ctx.caller.name,
          source: input.source ?? null,
          idempotencyKey: opts.idempotency?.key ?? null,
          requestHash: opts.idempotency?.requestHash ?? null,
          ...raid,
          createdAt: opts.now,
          updatedAt: opts.now,
        })
        .returning();
      if (!created) throw new Error("insert returned no row");
      await audit(tx, ctx, {
        workshopId,
        action: "item.create",
        entityType: "line_item",
        entityId: created.id,
        details: { workshopId, kind: input.kind },
      });
      return created;
    });
    return answer(row, false);
  } catch (err) {
    if (opts.idempotency && isUniqueViolation(err)) {
      const row = await replay();
      if (row) return answer(row, true);
    }
    throw err;
  }
}

/** Edits a line item: its author, a facilitator, or a facilitator/pm token. */
export async function updateLineItem(
  ctx: ServiceContext,
  { itemId, update: input }: { itemId: string; update: UpdateLineItem },
): Promise<LineItem> {
  const db = ctx.db;
  const opts = { now: ctx.now };
  const [row] = await db.select().from(lineItems).where(eq(lineItems.id, itemId));
  if (!row) throw new DomainError("NOT_FOUND", `No line item ${itemId}.`);
  let workshop: Awaited<ReturnType<typeof loadWorkshop>>;
  try {
    workshop = await loadWorkshop(ctx, row.workshopId);
  } catch {
    throw new DomainError("NOT_FOUND", `No line item ${itemId}.`);
  }
  requireActor(ctx, "edits");
  const who = actorName(ctx);
  if (ctx.caller.role === "bot" && who !== row.author) await assertCanFacilitate(ctx, row.workshopId);
  // Changing where an item stands in the register is the room's decision: facilitators only.
  if (input.status !== undefined && input.status !== row.status)
    await assertCanFacilitate(ctx, row.workshopId);
  const patch: Partial<LineItemRow> = {
    updatedAt: opts.now,
    ...raidColumns(input, {
      kind: input.kind ?? row.kind,
      previous: row,
      timeZone: workshop.timezone,
      now: opts.now,
    }),
  };
  if (input.status !== undefined) patch.status = input.status;
  if (input.kind !== undefined) patch.kind = input.kind;
  if (input.text !== undefined) patch.text = input.text;
  if (input.priority !== undefined) patch.priority = input.priority;
  if (input.timeframe !== undefined) patch.timeframe = input.timeframe;
  const updated = await ctx.database.db.transaction(async (tx) => {
    const [u] = await tx.update(lineItems).set(patch).where(eq(lineItems.id, itemId)).returning();
    await audit(tx, ctx, {
      workshopId: row.workshopId,
      action: "item.update",
      entityType: "line_item",
      entityId: itemId,
      details: { ...input, actor: undefined },
    });
    return u ?? row;
  });
  const [item] = await listLineItems(ctx, {
    workshopId: updated.workshopId,
    order: "created",
    onlyId: itemId,
  });
  return item ?? toLineItem(updated, null, null, workshopToday(workshop, opts.now));
}

export interface ListOptions {
  workshopId: string;
  /** For a bot: the chat person ("slack:U1") whose view of blind relevance polls decides what is shown. */
  viewer?: string | undefined;
  kind?: LineItemRow["kind"] | undefined;
  status?: LineItemRow["status"] | undefined;
  sessionId?: string | undefined;
  order: "created" | "relevance" | "register";
  onlyId?: string;
}

/**
 * The workshop's line items, oldest first, each with its relevance from the latest relevance poll
 * that rates it and whose results the caller may see. `order: relevance` is the ranked list: by that
 * relevance (normalised, so L/M/H and 1–5 polls compare), then the unrated ones, oldest first.
 */
export async function listLineItems(ctx: ServiceContext, opts: ListOptions): Promise<LineItem[]> {
  const { db } = ctx;
  const { workshopId } = opts;
  const workshop = await loadWorkshop(ctx, workshopId);
  const today = workshopToday(workshop, ctx.now);
  const rows = await db
    .select()
    .from(lineItems)
    .where(
      and(
        eq(lineItems.workshopId, workshopId),
        opts.kind ? eq(lineItems.kind, opts.kind) : undefined,
        opts.status ? eq(lineItems.status, opts.status) : undefined,
        opts.sessionId ? eq(lineItems.agendaItemId, opts.sessionId) : undefined,
        opts.onlyId ? eq(lineItems.id, opts.onlyId) : undefined,
      ),
    )
    .orderBy(asc(lineItems.createdAt), asc(lineItems.id));
  const titles = await sessionTitles(db, workshopId);
  const relevance = await relevanceByItem(db, workshopId, {
    caller: ctx.caller,
    viewer: verifiedViewer(ctx.caller, opts.viewer),
    now: ctx.now,
  });
  const items = rows.map((r) =>
    toLineItem(
      r,
      r.agendaItemId ? (titles.get(r.agendaItemId) ?? null) : null,
      relevance.get(r.id) ?? null,
      today,
    ),
  );
  if (opts.order === "register") return sortRegister(items);
  if (opts.order === "relevance") {
    const score = (i: LineItem) => i.relevance?.normalized ?? -1;
    const votesOf = (i: LineItem) => i.relevance?.votes ?? 0;
    const index = new Map(items.map((i, n) => [i.id, n]));
    items.sort(
      (a, b) =>
        score(b) - score(a) || votesOf(b) - votesOf(a) || (index.get(a.id) ?? 0) - (index.get(b.id) ?? 0),
    );
  }
  return items;
}

async function relevanceByItem(
  db: Queryable,
  workshopId: string,
  opts: { caller: Caller; viewer?: string | undefined; now: Date },
): Promise<Map<string, Relevance>> {
  const rows = await db
    .select()
    .from(polls)
    .where(and(eq(polls.workshopId, workshopId), eq(polls.kind, "relevance")))
    .orderBy(desc(polls.createdAt), desc(polls.id));
  const out = new Map<string, Relevance>();
  for (const poll of rows) {
    if (!(await resultsVisible(db, poll, opts))) continue;
    const counts = await db
      .select({ option: votes.optionKey, value: votes.value, count: count() })
      .from(votes)
      .where(eq(votes.pollId, poll.id))
      .groupBy(votes.optionKey, votes.value);
    const scale = poll.scale === "1-5" ? "1-5" : "lmh";
    for (const r of rankRelevance({ options: poll.options, scale, counts })) {
      if (out.has(r.option)) continue;
      out.set(r.option, {
        pollId: poll.id,
        scale,
        mean: r.mean,
        normalized: r.normalized,
        votes: r.votes,
        rank: r.rank,
      });
    }
  }
  return out;
}
