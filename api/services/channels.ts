import { and, eq } from "drizzle-orm";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import { type WorkshopRow, workshops } from "../../db/schema/workshops.js";
import { DomainError } from "../errors.js";
import type { BindChannel, ChannelBinding } from "../schemas/channel.js";
import { toRunItem } from "./agenda.js";
import { audit } from "./audit.js";
import { actorName, assertWorkshopInScope, loadWorkshop, onDb, type ServiceContext } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";
import { cancelTimers, scheduleTimers } from "./outbox.js";
import { toWorkshop } from "./workshops.js";

export interface ChannelKey {
  platform: string;
  channelId: string;
}

/** What a channel follows; 404 when nothing, or a workshop the caller may not see. */
export async function getBinding(ctx: ServiceContext, input: ChannelKey): Promise<ChannelBinding> {
  const { platform, channelId } = input;
  const [row] = await ctx.db
    .select({ binding: channelBindings, workshop: workshops })
    .from(channelBindings)
    .innerJoin(workshops, eq(workshops.id, channelBindings.workshopId))
    .where(and(eq(channelBindings.platform, platform), eq(channelBindings.channelId, channelId)));
  const noBinding = () => new DomainError("NOT_FOUND", `This ${platform} channel follows no workshop yet.`);
  if (!row) throw noBinding();
  try {
    await assertWorkshopInScope(ctx, row.workshop);
  } catch {
    throw noBinding();
  }
  return {
    id: row.binding.id,
    platform: row.binding.platform,
    channelId: row.binding.channelId,
    workshop: toWorkshop(row.workshop),
    createdAt: row.binding.createdAt.toISOString(),
  };
}

/**
 * Makes a channel follow a workshop (replacing what it followed before); a facilitator's act. Binding
 * never makes anyone a facilitator: a chat person facilitates what they created from chat or were
 * added to. If a session is running, the channel gets its start message and remaining timers at once.
 */
export async function bindChannel(
  ctx: ServiceContext,
  input: ChannelKey & { binding: BindChannel },
): Promise<ChannelBinding> {
  const { platform, channelId, binding } = input;
  const now = ctx.now;
  await ctx.database.db.transaction(async (tx) => {
    const t = onDb(ctx, tx);
    let workshop: WorkshopRow;
    try {
      workshop = await loadWorkshop(t, binding.workshopId, { lock: true });
    } catch (err) {
      if (err instanceof DomainError && err.code === "NOT_FOUND") {
        throw new DomainError("NOT_FOUND", `No workshop ${binding.workshopId}.`, [
          { path: "workshopId", message: "no such workshop" },
        ]);
      }
      throw err;
    }
    await assertCanFacilitate(t, workshop.id);
    const [existing] = await tx
      .select()
      .from(channelBindings)
      .where(and(eq(channelBindings.platform, platform), eq(channelBindings.channelId, channelId)));
    // Moving a channel away from a workshop is a change to that workshop too.
    if (existing && existing.workshopId !== workshop.id) {
      await loadWorkshop(t, existing.workshopId);
      await assertCanFacilitate(t, existing.workshopId);
    }
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
        .set({
          workshopId: workshop.id,
          conversationRef: binding.conversationRef ?? existing.conversationRef,
        })
        .where(eq(channelBindings.id, existing.id));
    } else {
      const [created] = await tx
        .insert(channelBindings)
        .values({
          workshopId: workshop.id,
          platform,
          channelId,
          conversationRef: binding.conversationRef ?? null,
          createdAt: now,
          createdBy: actorName(ctx),
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
    await audit(tx, ctx, {
      workshopId: workshop.id,
      action: "channel.bind",
      entityType: "workshop",
      entityId: workshop.id,
      details: { platform, channelId },
    });
  });
  return getBinding(ctx, { platform, channelId });
}

export async function unbindChannel(ctx: ServiceContext, input: ChannelKey): Promise<void> {
  const { platform, channelId } = input;
  await ctx.database.db.transaction(async (tx) => {
    const t = onDb(ctx, tx);
    const [existing] = await tx
      .select()
      .from(channelBindings)
      .where(and(eq(channelBindings.platform, platform), eq(channelBindings.channelId, channelId)));
    const noBinding = () => new DomainError("NOT_FOUND", `This ${platform} channel follows no workshop.`);
    if (!existing) throw noBinding();
    try {
      await loadWorkshop(t, existing.workshopId);
    } catch {
      throw noBinding();
    }
    await assertCanFacilitate(t, existing.workshopId);
    await tx.delete(channelBindings).where(eq(channelBindings.id, existing.id));
    await audit(tx, ctx, {
      workshopId: existing.workshopId,
      action: "channel.unbind",
      entityType: "workshop",
      entityId: existing.workshopId,
      details: { platform, channelId },
    });
  });
}
