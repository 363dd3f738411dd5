import { eq } from "drizzle-orm";
import { lineItems } from "../../db/schema/line-items.js";
import type { Queryable } from "../../db/types.js";
import { DomainError } from "../errors.js";
import type { LineItem } from "../schemas/line-item.js";
import type { RecordReview, ReviewQueue } from "../schemas/review.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, onDb, type ServiceContext } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";
import { listLineItems } from "./line-items.js";
import { scheduleOncePerChannel } from "./session-notes.js";

const REVIEWED_KINDS = new Set(["assumption", "risk"]);
const OUTCOME = { validate: "validated", invalidate: "invalidated", defer: "deferred" } as const;

/**
 * What the day-2 review goes through: every open assumption and risk (deferred ones again), in
 * register order, and how far the review has come.
 */
export async function getReviewQueue(
  ctx: ServiceContext,
  input: { workshopId: string },
): Promise<ReviewQueue> {
  await loadWorkshop(ctx, input.workshopId);
  const all = (
    await listLineItems(ctx, {
      workshopId: input.workshopId,
      order: "register",
    })
  ).filter((i) => REVIEWED_KINDS.has(i.kind));
  const items = all.filter((i) => i.status === "open");
  return {
    workshopId: input.workshopId,
    items,
    counts: {
      pending: items.filter((i) => !i.review).length,
      deferred: all.filter((i) => i.review?.outcome === "deferred" && i.status === "open").length,
      validated: all.filter((i) => i.review?.outcome === "validated").length,
      invalidated: all.filter((i) => i.review?.outcome === "invalidated").length,
    },
  };
}

/**
 * Records the review's outcome for one item (facilitators): validate and invalidate set its status,
 * defer leaves it open. Audited (`item.review`); the same outcome again changes nothing.
 */
export async function recordReview(
  ctx: ServiceContext,
  input: RecordReview & { itemId: string },
): Promise<LineItem> {
  const outcome = OUTCOME[input.outcome];
  const workshopId = await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.select().from(lineItems).where(eq(lineItems.id, input.itemId)).for("update");
    if (!row) throw new DomainError("NOT_FOUND", `No line item ${input.itemId}.`);
    const tctx = onDb(ctx, tx);
    await loadWorkshop(tctx, row.workshopId);
    await assertCanFacilitate(tctx, row.workshopId);
    if (row.reviewOutcome === outcome) return row.workshopId;
    const actor = actorName(ctx);
    await tx
      .update(lineItems)
      .set({
        reviewOutcome: outcome,
        reviewedAt: ctx.now,
        reviewedBy: actor,
        status: outcome === "deferred" ? "open" : outcome,
        updatedAt: ctx.now,
      })
      .where(eq(lineItems.id, input.itemId));
    await audit(tx, ctx, {
      workshopId: row.workshopId,
      action: "item.review",
      entityType: "line_item",
      entityId: input.itemId,
      details: { workshopId: row.workshopId, outcome, from: row.status },
    });
    return row.workshopId;
  });
  const [item] = await listLineItems(ctx, {
    workshopId,
    order: "created",
    onlyId: input.itemId,
  });
  if (!item) throw new DomainError("NOT_FOUND", `No line item ${input.itemId}.`);
  return item;
}

/**
 * Posts the review (the open assumptions and risks, with buttons) in the thread of the review session,
 * in every bound channel, through the relay's outbox. Once per session (item version 0).
 */
export async function scheduleReviewPrompt(
  tx: Queryable,
  workshopId: string,
  itemId: string,
  now: Date,
): Promise<void> {
  await scheduleOncePerChannel(tx, { workshopId, itemId, kind: "review", now });
}
