import { and, asc, eq, inArray, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import { type AgendaItemRow, agendaItems } from "../../db/schema/agenda-items.js";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import { polls } from "../../db/schema/polls.js";
import { AGENDA_TIMER_KINDS, type TimerEventRow, timerEvents } from "../../db/schema/timer-events.js";
import { workshops } from "../../db/schema/workshops.js";
import type { Queryable } from "../../db/types.js";
import {
  MAX_OVERRUNS,
  OVERRUN_EVERY_MINUTES,
  overrunSlot,
  plannedMinutes,
  type RunItem,
  timerSlots,
} from "../domain/agenda/run.js";
import { formatLocalTime } from "../domain/time/zoned.js";
import { DomainError } from "../errors.js";
import type { ClaimedTimerEvent, ClaimTimerEvents } from "../schemas/timer-event.js";
import { loadWorkshop, onDb, type ServiceContext } from "./context.js";
import { buildPollView } from "./polls.js";

/*
 * The outbox of every scheduled chat message (the `timer_events` table): a session's start, its
 * 5- and 1-minute warnings, time's up and overrun reminders, and also polls and their reveal and close,
 * feedback prompts, the day-2 review and the workshop's wrap-up. Services write rows here in the
 * transaction that makes the change; relays claim, post and record them (see docs/architecture.md).
 */

/**
 * Cancels the not-yet-delivered countdown messages of these items (all channels, or one). `keepStarted`
 * keeps an undelivered start announcement: extending or pausing a session does not un-start it. Poll
 * and feedback messages are not the agenda's to cancel: a poll outlives its session.
 */
export async function cancelTimers(
  tx: Queryable,
  itemIds: string[],
  opts: { bindingId?: string; keepStarted?: boolean } = {},
): Promise<void> {
  if (itemIds.length === 0) return;
  await tx
    .update(timerEvents)
    .set({ status: "cancelled", leaseUntil: null })
    .where(
      and(
        inArray(timerEvents.agendaItemId, itemIds),
        inArray(timerEvents.status, ["pending", "claimed"]),
        inArray(timerEvents.kind, AGENDA_TIMER_KINDS),
        opts.bindingId ? eq(timerEvents.bindingId, opts.bindingId) : undefined,
        opts.keepStarted ? ne(timerEvents.kind, "started") : undefined,
      ),
    );
}

/**
 * Writes a running item's messages for every channel bound to its workshop (or the given ones),
 * in the caller's transaction. Rows are unique per (item, channel, version, kind, seq), so writing
 * twice is harmless.
 */
export async function scheduleTimers(
  tx: Queryable,
  workshopId: string,
  item: RunItem,
  now: Date,
  fresh: boolean,
  onlyBindingIds?: string[],
): Promise<void> {
  const slots = timerSlots(item, now, fresh);
  if (slots.length === 0) return;
  const bindings = await tx
    .select({ id: channelBindings.id, platform: channelBindings.platform })
    .from(channelBindings)
    .where(
      and(
        eq(channelBindings.workshopId, workshopId),
        onlyBindingIds ? inArray(channelBindings.id, onlyBindingIds) : undefined,
      ),
    );
  if (bindings.length === 0) return;
  await tx
    .insert(timerEvents)
    .values(
      bindings.flatMap((b) =>
        slots.map((s) => ({
          workshopId,
          agendaItemId: item.id,
          bindingId: b.id,
          platform: b.platform,
          kind: s.kind,
          seq: s.seq,
          itemVersion: item.version,
          dueAt: s.dueAt,
          createdAt: now,
        })),
      ),
    )
    .onConflictDoNothing();
}

/** Pending or claimed: not yet posted. */
const UNPOSTED = sql`in ('pending', 'claimed')`;

/**
 * Claims due messages for a relay: pending ones, and claimed ones whose lease ran out (their relay
 * died). Row locks with SKIP LOCKED let many relays claim at once without taking the same row.
 * Messages whose item has moved on since they were written are cancelled here, not returned.
 * A poll's cards and a feedback prompt wait until the session's start message (their thread) is
 * posted in that channel; a poll's reveal and close wait for its cards. Claiming a `poll_close` that
 * is due at the poll's `closesAt` records the close.
 */
export async function claimTimers(ctx: ServiceContext, req: ClaimTimerEvents): Promise<ClaimedTimerEvent[]> {
  const { now } = ctx;
  const orgId = ctx.caller.orgId;
  return ctx.database.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: timerEvents.id })
      .from(timerEvents)
      .where(
        and(
          inArray(timerEvents.platform, req.platforms),
          // Due, or due within `aheadMs`: the relay holds those until their time, so the claim's own
          // cost is not part of their lateness.
          lte(timerEvents.dueAt, new Date(now.getTime() + (req.aheadMs ?? 0))),
          // A bot of one organisation relays that organisation's messages only.
          orgId !== null
            ? sql`exists (select 1 from workshops w where w.id = ${timerEvents.workshopId} and w.org_id = ${orgId})`
            : undefined,
          or(
            eq(timerEvents.status, "pending"),
            and(eq(timerEvents.status, "claimed"), lte(timerEvents.leaseUntil, now)),
          ),
          or(
            inArray(timerEvents.kind, AGENDA_TIMER_KINDS),
            and(
              inArray(timerEvents.kind, ["poll", "feedback", "review", "wrapup"]),
              sql`not exists (select 1 from timer_events s where s.agenda_item_id = ${timerEvents.agendaItemId}
                and s.binding_id = ${timerEvents.bindingId} and s.kind = 'started' and s.status ${UNPOSTED})`,
            ),
            and(
              inArray(timerEvents.kind, ["poll_reveal", "poll_close"]),
              sql`not exists (select 1 from timer_events s where s.poll_id = ${timerEvents.pollId}
                and s.binding_id = ${timerEvents.bindingId} and s.kind = 'poll' and s.status ${UNPOSTED})`,
            ),
          ),
        ),
      )
      .orderBy(asc(timerEvents.dueAt))
      .limit(req.limit)
      .for("update", { skipLocked: true, of: timerEvents });
    if (due.length === 0) return [];
    const ids = due.map((d) => d.id);
    const rows = await tx
      .select({ event: timerEvents, item: agendaItems, binding: channelBindings, workshop: workshops })
      .from(timerEvents)
      .innerJoin(agendaItems, eq(agendaItems.id, timerEvents.agendaItemId))
      .innerJoin(channelBindings, eq(channelBindings.id, timerEvents.bindingId))
      .innerJoin(workshops, eq(workshops.id, timerEvents.workshopId))
      .where(inArray(timerEvents.id, ids))
      .orderBy(asc(timerEvents.dueAt), asc(timerEvents.id));
    const stale = rows.filter((r) => isStale(r.event, r.item, now));
    const live = rows.filter((r) => !stale.includes(r));
    if (stale.length) {
      await tx
        .update(timerEvents)
        .set({ status: "cancelled", leaseUntil: null })
        .where(
          inArray(
            timerEvents.id,
            stale.map((r) => r.event.id),
          ),
        );
    }
    if (live.length === 0) return [];
    await tx
      .update(timerEvents)
      .set({
        status: "claimed",
        leaseUntil: new Date(now.getTime() + req.leaseSeconds * 1000),
        claims: sql`${timerEvents.claims} + 1`,
      })
      .where(
        inArray(
          timerEvents.id,
          live.map((r) => r.event.id),
        ),
      );

    // A close that is due because the poll's closesAt passed: record it (votes were refused from then on).
    const closing = live
      .filter((r) => r.event.kind === "poll_close" && r.event.pollId)
      .map((r) => r.event.pollId as string);
    if (closing.length) {
      await tx
        .update(polls)
        .set({ closedAt: sql`${polls.closesAt}` })
        .where(
          and(
            inArray(polls.id, closing),
            isNull(polls.closedAt),
            isNotNull(polls.closesAt),
            lte(polls.closesAt, now),
          ),
        );
    }
    const pollIds = [...new Set(live.map((r) => r.event.pollId).filter((id): id is string => Boolean(id)))];
    const pollViews = new Map<string, ClaimedTimerEvent["poll"]>();
    if (pollIds.length) {
      const rows = await tx.select().from(polls).where(inArray(polls.id, pollIds));
      // What the room may see: the relay posts to the whole channel.
      for (const row of rows) pollViews.set(row.id, await buildPollView(tx, row, { caller: ROOM, now }));
    }
    const cards = pollIds.length
      ? await tx
          .select({
            pollId: timerEvents.pollId,
            bindingId: timerEvents.bindingId,
            ref: timerEvents.messageRef,
          })
          .from(timerEvents)
          .where(
            and(
              inArray(timerEvents.pollId, pollIds),
              eq(timerEvents.kind, "poll"),
              eq(timerEvents.status, "delivered"),
            ),
          )
      : [];

    const itemIds = [...new Set(live.map((r) => r.item.id))];
    const threads = await tx
      .select({
        itemId: timerEvents.agendaItemId,
        bindingId: timerEvents.bindingId,
        ref: timerEvents.messageRef,
      })
      .from(timerEvents)
      .where(
        and(
          inArray(timerEvents.agendaItemId, itemIds),
          eq(timerEvents.kind, "started"),
          eq(timerEvents.status, "delivered"),
        ),
      )
      .orderBy(asc(timerEvents.deliveredAt));
    const workshopIds = [...new Set(live.map((r) => r.workshop.id))];
    const agendas = await tx
      .select({
        workshopId: agendaItems.workshopId,
        position: agendaItems.position,
        title: agendaItems.title,
        kind: agendaItems.kind,
        state: agendaItems.state,
        plannedStart: agendaItems.plannedStart,
      })
      .from(agendaItems)
      .where(inArray(agendaItems.workshopId, workshopIds))
      .orderBy(asc(agendaItems.position));

    return live.map(({ event, item, binding, workshop }): ClaimedTimerEvent => {
      // The latest delivered start message of this item in this channel roots the thread.
      const thread = threads.filter((t) => t.itemId === item.id && t.bindingId === binding.id).at(-1);
      const next = agendas.find(
        (a) => a.workshopId === workshop.id && a.position > item.position && a.state === "pending",
      );
      return {
        id: event.id,
        kind: event.kind,
        seq: event.seq,
        dueAt: event.dueAt.toISOString(),
        claims: event.claims + 1,
        attempts: event.attempts,
        platform: binding.platform,
        channelId: binding.channelId,
        conversationRef: binding.conversationRef ?? null,
        threadRef: thread?.ref ?? null,
        workshop: { id: workshop.id, name: workshop.name, timezone: workshop.timezone },
        item: {
          id: item.id,
          title: item.title,
          kind: item.kind,
          position: item.position,
          endsAt: item.endsAt?.toISOString() ?? null,
          plannedMinutes: plannedMinutes(item),
          extendedMinutes: item.extendedMinutes,
        },
        next: next
          ? {
              title: next.title,
              kind: next.kind,
              localStart: formatLocalTime(next.plannedStart, workshop.timezone),
            }
          : null,
        poll: event.pollId ? (pollViews.get(event.pollId) ?? null) : null,
        pollMessageRef:
          cards.find((c) => c.pollId === event.pollId && c.bindingId === binding.id && event.kind !== "poll")
            ?.ref ?? null,
        actor: event.actor ?? null,
      };
    });
  });
}

/**
 * A message is stale when its session moved on after it was written: a start announcement stays
 * good while the run of the item it was written in is running or paused; the countdown messages
 * only for the exact item version they were computed for, while it runs.
 */
function isStale(event: TimerEventRow, item: AgendaItemRow, now: Date): boolean {
  // Poll and feedback messages belong to the session, not to its current run: never stale.
  if (!(AGENDA_TIMER_KINDS as readonly string[]).includes(event.kind)) return false;
  if (event.kind === "started") {
    // Written during this run of the item (not an earlier run that `back` replaced).
    const run = item.actualStart?.getTime() ?? Number.POSITIVE_INFINITY;
    return !(item.state === "running" || item.state === "paused") || event.createdAt.getTime() < run;
  }
  if (item.version !== event.itemVersion || item.state !== "running" || !item.endsAt) return true;
  // After an outage, post only the newest news: "5 minutes left" is wrong once 1 minute is left, and
  // so on. The countdown messages compute their text from the time of posting.
  const end = item.endsAt.getTime();
  const t = now.getTime();
  if (event.kind === "warning5") return t >= end - MINUTE;
  if (event.kind === "warning1") return t >= end;
  if (event.kind === "timeup") return t >= end + OVERRUN_EVERY_MINUTES * MINUTE;
  return false;
}

const MINUTE = 60_000;

/** The relay posts to a whole channel: it sees a poll as the room does. */
const ROOM = { tokenId: "", name: "relay", role: "bot" as const, orgId: null, workshopId: null };

/**
 * Records where a claimed message was posted. Idempotent: a repeated call answers the same.
 * A message cancelled meanwhile (its session moved on) is refused with 409 so the relay can say so.
 * Delivering an overrun reminder writes the next one, while the item still runs.
 */
export async function markDelivered(
  ctx: ServiceContext,
  { id, messageRefs }: { id: string; messageRefs: Record<string, unknown>[] },
): Promise<{ id: string; status: "delivered" }> {
  const { now } = ctx;
  return ctx.database.db.transaction(async (tx) => {
    const [event] = await tx.select().from(timerEvents).where(eq(timerEvents.id, id)).for("update");
    if (!event) throw new DomainError("NOT_FOUND", `No timer event ${id}.`);
    try {
      await loadWorkshop(onDb(ctx, tx), event.workshopId);
    } catch {
      throw new DomainError("NOT_FOUND", `No timer event ${id}.`);
    }
    if (event.status === "delivered") return { id, status: "delivered" as const };
    if (event.status === "cancelled") {
      throw new DomainError(
        "CONFLICT",
        "This message was cancelled: its session moved on before it was delivered.",
      );
    }
    await tx
      .update(timerEvents)
      .set({ status: "delivered", deliveredAt: now, leaseUntil: null, messageRef: messageRefs[0] ?? {} })
      .where(eq(timerEvents.id, id));
    await writeNextOverrun(tx, event, now);
    return { id, status: "delivered" as const };
  });
}

async function writeNextOverrun(tx: Queryable, event: TimerEventRow, now: Date): Promise<void> {
  // Time's up is followed by overrun #1, which the transition wrote; each overrun writes the next,
  // the first one still ahead (a late delivery does not cause a burst of catch-up reminders).
  if (event.kind !== "overrun") return;
  const [item] = await tx.select().from(agendaItems).where(eq(agendaItems.id, event.agendaItemId));
  if (item?.state !== "running" || item.version !== event.itemVersion || !item.endsAt) return;
  const elapsed = Math.floor((now.getTime() - item.endsAt.getTime()) / (OVERRUN_EVERY_MINUTES * MINUTE));
  const seq = Math.max(event.seq + 1, elapsed + 1);
  if (seq > MAX_OVERRUNS) return;
  const slot = overrunSlot(item.endsAt, seq);
  await tx
    .insert(timerEvents)
    .values({
      workshopId: event.workshopId,
      agendaItemId: event.agendaItemId,
      bindingId: event.bindingId,
      platform: event.platform,
      kind: "overrun",
      seq,
      itemVersion: event.itemVersion,
      dueAt: slot.dueAt,
      createdAt: event.createdAt,
    })
    .onConflictDoNothing();
}
