import { and, eq } from "drizzle-orm";
import { workshopFacilitators } from "../../db/schema/workshop-facilitators.js";
import type { Db } from "../../db/types.js";
import type { Caller } from "../context.js";
import { DomainError } from "../errors.js";
import type { Actor } from "../schemas/agenda.js";
import { type AuditBy, audit } from "./audit.js";

type Reader = Pick<Db, "select">;

export function actorLabel(caller: Caller, actor?: Actor): string {
  return actor ? `${actor.platform}:${actor.userId}` : `token:${caller.tokenId}`;
}

export async function listFacilitators(db: Reader, workshopId: string): Promise<Actor[]> {
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

/**
 * Who may drive a workshop: an admin or facilitator token itself, or — for a bot token — the chat
 * user it acts for, when that user is one of the workshop's facilitators. Anyone else is refused
 * politely, with the names of those who can help.
 */
export async function assertCanFacilitate(
  db: Reader,
  workshopId: string,
  caller: Caller,
  actor?: Actor,
): Promise<void> {
  if (caller.role === "admin" || caller.role === "facilitator") return;
  if (!actor) {
    throw new DomainError("VALIDATION", "actor: required when a bot acts for someone", [
      { path: "actor", message: "required for bot tokens" },
    ]);
  }
  const [row] = await db
    .select()
    .from(workshopFacilitators)
    .where(
      and(
        eq(workshopFacilitators.workshopId, workshopId),
        eq(workshopFacilitators.platform, actor.platform),
        eq(workshopFacilitators.userId, actor.userId),
      ),
    );
  if (row) return;
  const names = (await listFacilitators(db, workshopId)).map((f) => f.displayName || f.userId);
  throw new DomainError(
    "FORBIDDEN",
    `Sorry ${actor.displayName || actor.userId}, only this workshop's facilitators can do that` +
      (names.length ? ` (${names.join(", ")}); ask one of them to add you.` : "."),
  );
}

export async function addFacilitator(
  db: Pick<Db, "insert">,
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

/** The audit row for a facilitator added (by a person, a token, or the first binding of a channel). */
export async function auditFacilitatorAdded(
  db: Pick<Db, "insert">,
  workshopId: string,
  who: Actor,
  by: AuditBy,
  now: Date,
): Promise<void> {
  await audit(
    db,
    {
      ...by,
      workshopId,
      action: "facilitator.add",
      entityType: "workshop",
      entityId: workshopId,
      details: { facilitator: { platform: who.platform, userId: who.userId, displayName: who.displayName } },
    },
    now,
  );
}
