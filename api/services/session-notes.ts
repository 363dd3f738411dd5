import { eq } from "drizzle-orm";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import type { Queryable } from "../../db/types.js";
import type { Actor } from "../schemas/actor.js";

/** The notes a session gets once, in every channel that follows its workshop. */
export type OnceNoteKind = "feedback" | "review" | "wrapup";

/**
 * Writes one outbox message of `kind` for `itemId` in every bound channel, due now, with item version
 * 0: the unique key then makes it once per channel however often the session is finished or started
 * again (`back`, `next`). Nothing when no channel follows the workshop.
 */
export async function scheduleOncePerChannel(
  tx: Queryable,
  note: { workshopId: string; itemId: string; kind: OnceNoteKind; now: Date; actor?: Actor | null },
): Promise<void> {
  const bindings = await tx
    .select({ id: channelBindings.id, platform: channelBindings.platform })
    .from(channelBindings)
    .where(eq(channelBindings.workshopId, note.workshopId));
  if (bindings.length === 0) return;
  await tx
    .insert(timerEvents)
    .values(
      bindings.map((b) => ({
        workshopId: note.workshopId,
        agendaItemId: note.itemId,
        bindingId: b.id,
        platform: b.platform,
        kind: note.kind,
        seq: 0,
        itemVersion: 0,
        dueAt: note.now,
        createdAt: note.now,
        ...(note.actor ? { actor: note.actor } : {}),
      })),
    )
    .onConflictDoNothing();
}
