import { and, eq } from "drizzle-orm";
import { workshopFacilitators } from "../../db/schema/workshop-facilitators.js";
import type { Queryable } from "../../db/types.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../schemas/agenda.js";
import { audit } from "./audit.js";
import { loadWorkshop, onDb, type ServiceContext } from "./context.js";

/** The facilitators of a workshop already loaded through `loadWorkshop`. */
async function facilitatorsOf(db: Queryable, workshopId: string): Promise<Actor[]> {
  const rows = await db
    .select()
    .from(workshopFacilitators)
    .where(eq(workshopFacilitators.workshopId, workshopId));
  return rows.map((r) => ({
    platform: r.platform as Actor["platform"],
    userId: r.userId,
    displayName: r.displayName,
  }));
}

export async function listFacilitators(ctx: ServiceContext, input: { workshopId: string }): Promise<Actor[]> {
  await loadWorkshop(ctx, input.workshopId);
  return facilitatorsOf(ctx.db, input.workshopId);
}

/** Whether the chat person is one of the workshop's facilitators (false for no person). */
export async function isFacilitator(db: Queryable, workshopId: string, who: Actor | null): Promise<boolean> {
  if (!who) return false;
  const [row] = await db
    .select({ userId: workshopFacilitators.userId })
    .from(workshopFacilitators)
    .where(
      and(
        eq(workshopFacilitators.workshopId, workshopId),
        eq(workshopFacilitators.platform, who.platform),
        eq(workshopFacilitators.userId, who.userId),
      ),
    );
  return Boolean(row);
}

/**
 * Who may drive a workshop (change its plan, launch polls, move the agenda, bind channels): an admin
 * or facilitator token of its organisation, or — for a bot token — the chat person it acts for, when
 * that person is one of the workshop's facilitators (they created it from chat, or a facilitator
 * added them). Anyone else is refused politely, with the names of those who can help. Call after
 * `loadWorkshop`, which has already checked the organisation.
 */
export async function assertCanFacilitate(ctx: ServiceContext, workshopId: string): Promise<void> {
  const { caller, actor } = ctx;
  if (caller.role === "admin" || caller.role === "facilitator") return;
  if (caller.role !== "bot") {
    throw new DomainError(
      "FORBIDDEN",
      `Sorry, a ${caller.role} token cannot do that: it needs a facilitator token, or a facilitator in chat.`,
    );
  }
  if (!actor) {
    throw new DomainError("VALIDATION", "actor: required when a bot acts for someone", [
      { path: "actor", message: "required for bot tokens" },
    ]);
  }
  if (await isFacilitator(ctx.db, workshopId, actor)) return;
  const names = (await facilitatorsOf(ctx.db, workshopId)).map((f) => f.displayName || f.userId);
  throw new DomainError(
    "FORBIDDEN",
    `Sorry ${actor.displayName || actor.userId}, only this workshop's facilitators can do that` +
      (names.length
        ? ` (${names.join(", ")}); ask one of them to add you.`
        : "; ask whoever set it up to add you."),
  );
}

/** Makes a person a facilitator (idempotent; a new display name replaces the old). No checks: callers check. */
export async function insertFacilitator(
  db: Queryable,
  workshopId: string,
  who: Actor,
  now: Date,
): Promise<void> {
  await db
    .insert(workshopFacilitators)
    .values({
      workshopId,
      platform: who.platform,
      userId: who.userId,
      displayName: who.displayName,
      addedAt: now,
    })
    .onConflictDoUpdate({
      target: [workshopFacilitators.workshopId, workshopFacilitators.platform, workshopFacilitators.userId],
      set: { displayName: who.displayName },
    });
}

/** A facilitator (token, or a bot acting for a facilitator) adds someone; audited. Returns them all. */
export async function addFacilitator(
  ctx: ServiceContext,
  input: { workshopId: string; facilitator: Actor },
): Promise<Actor[]> {
  const { workshopId, facilitator } = input;
  await ctx.database.db.transaction(async (tx) => {
    const t = onDb(ctx, tx);
    await loadWorkshop(t, workshopId, { lock: true });
    await assertCanFacilitate(t, workshopId);
    await insertFacilitator(tx, workshopId, facilitator, ctx.now);
    await audit(tx, ctx, {
      workshopId,
      action: "workshop.facilitator.add",
      entityType: "workshop",
      entityId: workshopId,
      details: { platform: facilitator.platform, userId: facilitator.userId },
    });
  });
  return facilitatorsOf(ctx.db, workshopId);
}
