import { and, asc, eq } from "drizzle-orm";
import { agendaActions } from "../../db/schema/agenda-actions.js";
import { type AgendaItemRow, agendaItems } from "../../db/schema/agenda-items.js";
import type { WorkshopRow } from "../../db/schema/workshops.js";
import type { Queryable } from "../../db/types.js";
import {
  applyAction,
  currentItem,
  plannedMinutes,
  projectAgenda,
  type RunItem,
} from "../domain/agenda/run.js";
import { isReviewSession } from "../domain/outputs/evidence.js";
import { formatLocalTime } from "../domain/time/zoned.js";
import { DomainError } from "../errors.js";
import { assertSameRequest, type Idempotency } from "../lib/idempotency.js";
import type { AgendaActionRequest, AgendaActionResult, AgendaView } from "../schemas/agenda.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, onDb, type ServiceContext } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";
import { cancelTimers, scheduleTimers } from "./outbox.js";
import { scheduleFeedbackPrompt } from "./poll-events.js";
import { scheduleReviewPrompt } from "./review.js";
import { toAgendaItem } from "./workshops.js";
import { scheduleWrapUp } from "./wrap-up.js";

export function toRunItem(row: AgendaItemRow): RunItem {
  return {
    id: row.id,
    position: row.position,
    day: row.day,
    kind: row.kind,
    title: row.title,
    plannedStart: row.plannedStart,
    plannedEnd: row.plannedEnd,
    state: row.state,
    actualStart: row.actualStart,
    actualEnd: row.actualEnd,
    endsAt: row.endsAt,
    pausedAt: row.pausedAt,
    pausedSeconds: row.pausedSeconds,
    extendedMinutes: row.extendedMinutes,
    version: row.version,
  };
}

async function loadItems(db: Queryable, workshopId: string): Promise<AgendaItemRow[]> {
  return db
    .select()
    .from(agendaItems)
    .where(eq(agendaItems.workshopId, workshopId))
    .orderBy(asc(agendaItems.position));
}

/** The agenda as people need it: planned, actual and projected times, what runs, what is next, how late. */
export function buildAgendaView(workshop: WorkshopRow, rows: AgendaItemRow[], now: Date): AgendaView {
  const items = rows.map(toRunItem);
  const local = (d: Date) => formatLocalTime(d, workshop.timezone);
  const projection = projectAgenda(items, now, local);
  const current = currentItem(items);
  const next = items.find((i) => i.state === "pending" && i.position > (current?.position ?? -1));
  const end = current?.state === "running" ? current.endsAt : null;
  return {
    workshopId: workshop.id,
    workshopName: workshop.name,
    timezone: workshop.timezone,
    now: now.toISOString(),
    items: rows.map((row, i) => {
      const p = projection.items[i];
      const item = items[i] as RunItem;
      return {
        ...toAgendaItem(row),
        state: row.state,
        plannedMinutes: plannedMinutes(item),
        actualStart: row.actualStart?.toISOString() ?? null,
        actualEnd: row.actualEnd?.toISOString() ?? null,
        endsAt: row.endsAt?.toISOString() ?? null,
        extendedMinutes: row.extendedMinutes,
        pausedSeconds: row.pausedSeconds,
        projectedStart: (p?.projectedStart ?? row.plannedStart).toISOString(),
        projectedEnd: (p?.projectedEnd ?? row.plannedEnd).toISOString(),
        projectedLocalStart: local(p?.projectedStart ?? row.plannedStart),
      };
    }),
    currentItemId: current?.id ?? null,
    nextItemId: next?.id ?? null,
    secondsLeft: end ? Math.round((end.getTime() - now.getTime()) / 1000) : null,
    behindMinutes: projection.behindMinutes,
    rebasedMinutes: projection.rebasedMinutes,
    summary: projection.summary,
  };
}

export async function getAgendaView(ctx: ServiceContext, input: { workshopId: string }): Promise<AgendaView> {
  const workshop = await loadWorkshop(ctx, input.workshopId);
  return buildAgendaView(workshop, await loadItems(ctx.db, workshop.id), ctx.now);
}

export interface AgendaActionInput {
  workshopId: string;
  request: AgendaActionRequest;
  idempotency?: Idempotency | undefined;
}

/**
 * One agenda transition, atomically: the workshop row is locked so two facilitators pressing Next
 * at once move one step each, in turn. The items' new state, their timer messages (old ones
 * cancelled, new ones written for every bound channel) and the audit entry commit together.
 */
export async function performAgendaAction(
  ctx: ServiceContext,
  input: AgendaActionInput,
): Promise<AgendaActionResult> {
  const { workshopId, request: req } = input;
  const opts = { now: ctx.now, idempotency: input.idempotency };
  return ctx.database.db.transaction(async (tx) => {
    const t = onDb(ctx, tx);
    const workshop = await loadWorkshop(t, workshopId, { lock: true });
    await assertCanFacilitate(t, workshopId);
    const actor = actorName(ctx);
    if (opts.idempotency) {
      const [done] = await tx
        .select()
        .from(agendaActions)
        .where(
          and(
            eq(agendaActions.workshopId, workshopId),
            eq(agendaActions.idempotencyKey, opts.idempotency.key),
          ),
        );
      if (done) {
        assertSameRequest(done.requestHash, opts.idempotency);
        // A retry: answer with the agenda as it is now, and the message the first attempt got.
        const message = typeof done.result.message === "string" ? done.result.message : "Already done.";
        return {
          action: req.action,
          message,
          agenda: buildAgendaView(workshop, await loadItems(tx, workshopId), opts.now),
          summaryChanged: false,
        };
      }
    }
    const rows = await loadItems(tx, workshopId);
    const before = buildAgendaView(workshop, rows, opts.now);
    const items = rows.map(toRunItem);
    const current = currentItem(items);
    if (req.expectCurrentItemId && current?.id !== req.expectCurrentItemId) {
      const was = items.find((i) => i.id === req.expectCurrentItemId);
      throw new DomainError(
        "CONFLICT",
        `${was ? `"${was.title}"` : "That item"} is no longer the current one${current ? `; now running: "${current.title}"` : ""}.`,
      );
    }
    const action =
      req.action === "extend" ? { type: "extend" as const, minutes: req.minutes ?? 0 } : { type: req.action };
    const result = applyAction(items, action, opts.now);
    if (!result.ok) throw new DomainError("CONFLICT", result.message);

    for (const item of result.changed) {
      await tx
        .update(agendaItems)
        .set({
          state: item.state,
          actualStart: item.actualStart,
          actualEnd: item.actualEnd,
          endsAt: item.endsAt,
          pausedAt: item.pausedAt,
          pausedSeconds: item.pausedSeconds,
          extendedMinutes: item.extendedMinutes,
          version: item.version,
        })
        .where(and(eq(agendaItems.id, item.id), eq(agendaItems.version, item.version - 1)));
    }
    const continuing = new Set(result.reschedule.filter((r) => !r.fresh).map((r) => r.item.id));
    await cancelTimers(tx, [...continuing], { keepStarted: true });
    await cancelTimers(
      tx,
      result.changed.map((i) => i.id).filter((id) => !continuing.has(id)),
    );
    for (const { item, fresh } of result.reschedule)
      await scheduleTimers(tx, workshopId, item, opts.now, fresh);
    // A session that just finished asks the room how useful it was, in its thread.
    for (const item of result.changed) {
      if (item.state === "done" && item.kind === "session")
        await scheduleFeedbackPrompt(tx, workshopId, item.id, opts.now);
      // The day-2 review session opens with the open assumptions and risks to review.
      if (item.state === "running" && item.kind === "session" && isReviewSession(item.title))
        await scheduleReviewPrompt(tx, workshopId, item.id, opts.now);
    }
    // The last session just ended (nothing left to run): the room gets its wrap-up.
    if (result.changed.some((i) => i.state === "done")) {
      const states = new Map(items.map((i) => [i.id, i.state]));
      for (const i of result.changed) states.set(i.id, i.state);
      if ([...states.values()].every((s) => s === "done" || s === "skipped"))
        await scheduleWrapUp(tx, workshopId, ctx.actor, opts.now);
    }

    await audit(tx, ctx, {
      workshopId,
      action: `agenda.${req.action}`,
      entityType: "workshop",
      entityId: workshopId,
      details: {
        ...(req.minutes ? { minutes: req.minutes } : {}),
        items: result.changed.map((i) => ({ id: i.id, title: i.title, state: i.state })),
      },
    });
    if (opts.idempotency) {
      await tx.insert(agendaActions).values({
        workshopId,
        idempotencyKey: opts.idempotency.key,
        requestHash: opts.idempotency.requestHash,
        action: req.action,
        actor,
        result: { message: result.message },
        at: opts.now,
      });
    }
    const agenda = buildAgendaView(workshop, await loadItems(tx, workshopId), opts.now);
    return {
      action: req.action,
      message: result.message,
      agenda,
      summaryChanged:
        agenda.behindMinutes !== before.behindMinutes || agenda.rebasedMinutes !== before.rebasedMinutes,
    };
  });
}
