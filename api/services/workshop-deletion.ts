import { eq } from "drizzle-orm";
import { workshops } from "../../db/schema/workshops.js";
import { audit } from "./audit.js";
import { loadWorkshop, onDb, type ServiceContext } from "./context.js";

/**
 * Deletes a workshop and everything in it: every table under a workshop references it `on delete
 * cascade` (agenda, timers, channel bindings, polls and votes, feedback, line items, plan, feeds,
 * facilitators, quick-check answers, its audit entries). The deletion itself is audited, without a
 * workshop (so the row outlives it).
 */
export async function deleteWorkshop(ctx: ServiceContext, input: { workshopId: string }): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const row = await loadWorkshop(onDb(ctx, tx), input.workshopId, { lock: true });
    await tx.delete(workshops).where(eq(workshops.id, row.id));
    await audit(tx, ctx, {
      workshopId: null,
      action: "workshop.delete",
      entityType: "workshop",
      entityId: row.id,
      details: { startDate: row.startDate },
    });
  });
}
