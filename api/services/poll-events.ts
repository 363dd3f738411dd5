import { and, eq, gt, inArray, ne } from "drizzle-orm";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import type { PollRow } from "../../db/schema/polls.js";
import { type PollEventKind, timerEvents } from "../../db/schema/timer-events.js";
import type { Queryable } from "../../db/types.js";
import { scheduleOncePerChannel } from "./session-notes.js";

/**
 * A poll's messages, in the same claim-and-lease table as the agenda's timers (one row per channel):
 * `poll` posts its cards into its session's thread in every channel bound to the workshop; `poll_reveal`
 * and `poll_close` update them where they were posted. Rows are unique per (poll, channel, kind), so
 * writing twice is harmless; a close before `closesAt` moves the pending close message to now.
 */
export async function schedulePollEvents(
  tx: Queryable,
  poll: Pick<PollRow, "id" | "workshopId" | "agendaItemId">,
  kind: PollEventKind,
  dueAt: Date,
  now: Date,
): Promise<void> {
  const itemId = poll.agendaItemId;
  if (!itemId) return;
  const bindings =
    kind === "poll"
      ? await tx
          .select({ id: channelBindings.id, platform: channelBindings.platform })
          .from(channelBindings)
          .where(eq(channelBindings.workshopId, poll.workshopId))
      : await tx
          .select({ id: timerEvents.bindingId, platform: timerEvents.platform })
          .from(timerEvents)
          .where(
            and(
              eq(timerEvents.pollId, poll.id),
              eq(timerEvents.kind, "poll"),
              ne(timerEvents.status, "cancelled"),
            ),
          );
  if (kind === "poll_close") {
    await tx
      .update(timerEvents)
      .set({ dueAt })
      .where(
        and(
          eq(timerEvents.pollId, poll.id),
          eq(timerEvents.kind, "poll_close"),
          inArray(timerEvents.status, ["pending"]),
          gt(timerEvents.dueAt, dueAt),
        ),
      );
  }
  if (bindings.length === 0) return;
  await tx
    .insert(timerEvents)
    .values(
      bindings.map((b) => ({
        workshopId: poll.workshopId,
        agendaItemId: itemId,
        bindingId: b.id,
        pollId: poll.id,
        platform: b.platform,
        kind,
        seq: 0,
        itemVersion: 0,
        dueAt,
        createdAt: now,
      })),
    )
    .onConflictDoNothing();
}

/**
 * "How useful was this session?" in the thread of every bound channel, when a session is finished.
 * Written with item version 0, so a session finished again after `back` does not ask twice.
 */
export async function scheduleFeedbackPrompt(
  tx: Queryable,
  workshopId: string,
  itemId: string,
  now: Date,
): Promise<void> {
  await scheduleOncePerChannel(tx, { workshopId, itemId, kind: "feedback", now });
}
