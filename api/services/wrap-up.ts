import { desc, eq } from "drizzle-orm";
import { agendaItems } from "../../db/schema/agenda-items.js";
import type { Queryable } from "../../db/types.js";
import type { Actor } from "../schemas/actor.js";
import { scheduleOncePerChannel } from "./session-notes.js";

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
  await scheduleOncePerChannel(tx, { workshopId, itemId: last.id, kind: "wrapup", now, actor });
}
