import { and, eq } from "drizzle-orm";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import { workshopFacilitators } from "../../db/schema/workshop-facilitators.js";
import { workshops } from "../../db/schema/workshops.js";
import type { Db } from "../../db/types.js";
import type { Caller } from "../context.js";
import { DomainError } from "../errors.js";
import type { BindChannel, ChannelBinding } from "../schemas/channel.js";
import { toRunItem } from "./agenda.js";
import { audit, auditBy } from "./audit.js";
import { actorLabel, addFacilitator, assertCanFacilitate, auditFacilitatorAdded } from "./facilitators.js";
import { cancelTimers, scheduleTimers } from "./timers.js";
import { toWorkshop } from "./workshops.js";

export async function getBinding(db: Db, platform: string, channelId: string): Promise<ChannelBinding> {
  const [row] = await db
    .select({ binding: channelBindings, workshop: workshops })
    .from(channelBindings)
    .innerJoin(workshops, eq(workshops.id, channelBindings.workshopId))
    .where(and(eq(channelBindings.platform, platform), eq(channelBindings.channelId, channelId)));
  if (!row) throw new DomainError("NOT_FOUND", `This ${platform} channel follows no workshop yet.`);
  return {
    id: row.binding.id,
    platform: row.binding.platform,
    channelId: row.binding.channelId,
    workshop: toWorkshop(row.workshop),
    createdAt: row.binding.createdAt.toISOString(),
  };
}

/**
 * Makes a channel follow a workshop (replacing what it followed before). The first person to bind a
 * workshop that has no facilitators becomes its facilitator. If a session is running, the channel
 * gets its start message and remaining timers at once.
 */
export async function bindChannel(
  db: Db,
  platform: string,
  channelId: string,
  input: BindChannel,
  caller: Caller,
  now: Date,
): Promise<ChannelBinding> {
  await db.transaction(async (tx) => {
    const [workshop] = await tx
      .select()
      .from(workshops)
      .where(eq(workshops.id, input.workshopId))
      .for("update");
    if (!workshop) {
      throw new DomainError("NOT_FOUND", `No workshop ${input.workshopId}.`, [
        { path: "workshopId", message: "no such workshop" },
      ]);
    }
    const [anyFacilitator] = await tx
      .select({ userId: workshopFacilitators.userId })
      .from(workshopFacilitators)
      .where(eq(workshopFacilitators.workshopId, workshop.id))
      .limit(1);
    if (!anyFacilitator && input.actor) {
      await addFacilitator(tx, workshop.id, input.actor, now);
      await auditFacilitatorAdded(tx, workshop.id, input.actor, auditBy(caller, input.actor), now);
    } else await assertCanFacilitate(tx, workshop.id, caller, input.actor);

    const [existing] = await tx
      .select()
      .from(channelBindings)
      .where(and(eq(channelBindings.platform, platform), eq(channelBindings.channelId, channelId)));
    let bindingId: string;
    if (existing) {
      bindingId = existing.id;
      if (existing.workshopId !== workshop.id) {
        const old = await tx
          .select({ id: agendaItems.id })
          .from(agendaItems)
          .where(eq(agendaItems.workshopId, existing.workshopId));
        await cancelTimers(
          tx,
          old.map((o) => o.id),
          { bindingId: existing.id },
        );
      }
      await tx
        .update(channelBindings)
        .set({ workshopId: workshop.id, conversationRef: input.conversationRef ?? existing.conversationRef })
        .where(eq(channelBindings.id, existing.id));
    } else {
      const [created] = await tx
        .insert(channelBindings)
        .values({
          workshopId: workshop.id,
          platform,
          channelId,
          conversationRef: input.conversationRef ?? null,
          createdAt: now,
          createdBy: actorLabel(caller, input.actor),
        })
        .returning({ id: channelBindings.id });
      bindingId = created?.id ?? "";
    }
    if (!existing || existing.workshopId !== workshop.id) {
      const [running] = await tx
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.workshopId, workshop.id), eq(agendaItems.state, "running")));
      if (running) await scheduleTimers(tx, workshop.id, toRunItem(running), now, true, [bindingId]);
    }
    await audit(
      tx,
      {
        ...auditBy(caller, input.actor),
        workshopId: workshop.id,
        action: "channel.bind",
        entityType: "workshop",
        entityId: workshop.id,
        details: { platform, channelId },
      },
      now,
    );
  });
  return getBinding(db, platform, channelId);
}

export async function unbindChannel(
  db: Db,
  platform: string,
  channelId: string,
  caller: Caller,
  actorWho: Parameters<typeof assertCanFacilitate>[3],
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(channelBindings)
      .where(and(eq(channelBindings.platform, platform), eq(channelBindings.channelId, channelId)));
    if (!existing) throw new DomainError("NOT_FOUND", `This ${platform} channel follows no workshop.`);
    await assertCanFacilitate(tx, existing.workshopId, caller, actorWho);
    await tx.delete(channelBindings).where(eq(channelBindings.id, existing.id));
    await audit(
      tx,
      {
        ...auditBy(caller, actorWho),
        workshopId: existing.workshopId,
        action: "channel.unbind",
        entityType: "workshop",
        entityId: existing.workshopId,
        details: { platform, channelId },
      },
      now,
    );
  });
}
