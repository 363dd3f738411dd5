import { desc, eq } from "drizzle-orm";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import type { Queryable } from "../../db/types.js";
import type { Actor } from "../schemas/actor.js";

/**
 * The workshop's wrap-up (what was decided, the counts, the report link) in every bound channel,
 * through the relay's outbox, when its last session ends. Written on the agenda's last item with item
 * version 0, so the workshop ends with one wrap-up per channel however often `back` and `next` cross
 * the end. `actor` is the verified facilitator whose transition ended it: the relay creates the
 * report's share link acting for them (null when no chat person did it: no link then).
 */
export async function scheduleWrapUp(
  tx: Queryable,
  workshopId: string,
  actor: Actor | null,
  now: Date,
): Promise<void> {
  const [last] = await tx
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(eq(agendaItems.workshopId, workshopId))
    .orderBy(desc(agendaItems.position))
    .limit(1);
  if (!last) return;
  const bindings = await tx
    .select({ id: channelBindings.id, platform: channelBindings.platform })
    .from(channelBindings)
    .where(eq(channelBindings.workshopId, workshopId));
  if (bindings.length === 0) return;
  await tx
    .insert(timerEvents)
    .values(
      bindings.map((b) => ({
        workshopId,
        agendaItemId: last.id,
        bindingId: b.id,
        platform: b.platform,
        kind: "wrapup" as const,
        seq: 0,
        itemVersion: 0,
        dueAt: now,
        createdAt: now,
        actor,
      })),
    )
    .onConflictDoNothing();
}
