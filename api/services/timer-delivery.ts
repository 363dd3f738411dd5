import { and, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import { timerEvents } from "../../db/schema/timer-events.js";
import { DomainError } from "../errors.js";
import type { ServiceContext } from "./context.js";

/**
 * The timer messages this caller may touch: a bot of one organisation, that organisation's only (as
 * `claimTimers`); a platform-wide bot (no organisation), all. Undefined means no restriction.
 */
function callerTimerScope(ctx: ServiceContext): SQL | undefined {
  const orgId = ctx.caller.orgId;
  return orgId !== null
    ? sql`exists (select 1 from workshops w where w.id = ${timerEvents.workshopId} and w.org_id = ${orgId})`
    : undefined;
}

/**
 * Records that a relay is about to post a claimed message: the fence before the platform call. Only
 * the relay holding the current claim (`claim` = the claim count it was given) with its lease still
 * running may post; anyone else gets a 409 and must not post (its lease ran out and another relay
 * may have the message). The recorded attempt tells a later claimer that the message may already be
 * in the channel. One statement, so it costs one round trip per message.
 */
export async function recordAttempt(
  ctx: ServiceContext,
  input: { id: string; claim: number },
): Promise<{ id: string; attempt: number }> {
  const { db, now } = ctx;
  const scope = callerTimerScope(ctx);
  const [row] = await db
    .update(timerEvents)
    .set({ attempts: sql`${timerEvents.attempts} + 1`, attemptedAt: now })
    .where(
      and(
        eq(timerEvents.id, input.id),
        eq(timerEvents.status, "claimed"),
        eq(timerEvents.claims, input.claim),
        gt(timerEvents.leaseUntil, now),
        scope,
      ),
    )
    .returning({ attempts: timerEvents.attempts });
  if (row) return { id: input.id, attempt: row.attempts };
  const [event] = await db
    .select({ status: timerEvents.status })
    .from(timerEvents)
    .where(and(eq(timerEvents.id, input.id), scope));
  // Another organisation's message reads as missing.
  if (!event) throw new DomainError("NOT_FOUND", `No timer event ${input.id}.`);
  throw new DomainError(
    "CONFLICT",
    event.status === "claimed" || event.status === "pending"
      ? "This claim's lease ran out: another relay may post this message. Do not post it."
      : `This message is ${event.status}: do not post it.`,
  );
}

/**
 * When a relay should look next: the earliest future due time of a pending message, or lease end of
 * a claimed one, on these platforms; null when nothing waits. Messages already due but held back
 * (a poll waiting for its session's start message) are left out: the delivery they wait for wakes
 * relays through the `timer_events` notification.
 */
export async function nextDueAt(
  ctx: ServiceContext,
  input: { platforms: string[]; after: Date },
): Promise<Date | null> {
  const { db } = ctx;
  const { platforms, after: now } = input;
  const scope = callerTimerScope(ctx);
  const [pending] = await db
    .select({ at: timerEvents.dueAt })
    .from(timerEvents)
    .where(
      and(
        inArray(timerEvents.platform, platforms),
        inArray(timerEvents.status, ["pending", "claimed"]),
        eq(timerEvents.status, "pending"),
        gt(timerEvents.dueAt, now),
        scope,
      ),
    )
    .orderBy(timerEvents.dueAt)
    .limit(1);
  const [lease] = await db
    .select({ at: sql<Date | string | null>`min(${timerEvents.leaseUntil})` })
    .from(timerEvents)
    .where(
      and(
        inArray(timerEvents.platform, platforms),
        inArray(timerEvents.status, ["pending", "claimed"]),
        eq(timerEvents.status, "claimed"),
        gt(timerEvents.leaseUntil, now),
        scope,
      ),
    );
  const leaseAt = lease?.at ? new Date(lease.at) : null;
  const candidates = [pending?.at ?? null, leaseAt].filter((d): d is Date => d !== null);
  if (candidates.length === 0) return null;
  return new Date(Math.min(...candidates.map((d) => d.getTime())));
}
