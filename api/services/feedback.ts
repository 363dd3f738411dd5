import { and, asc, eq } from "drizzle-orm";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { sessionFeedback } from "../../db/schema/session-feedback.js";
import { summariseFeedback } from "../domain/scorecard/feedback.js";
import { DomainError } from "../errors.js";
import type { FeedbackSummary, MyFeedback, SubmitFeedback } from "../schemas/feedback.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, type ServiceContext } from "./context.js";

/**
 * A person's feedback on a session, upserted per (session, person): a new rating replaces the old, a
 * comment replaces the old comment ("" clears it), and what is not given stays. Sessions that have not
 * started yet, and breaks, take no feedback.
 */
export async function submitFeedback(
  ctx: ServiceContext,
  { workshopId, feedback: input }: { workshopId: string; feedback: SubmitFeedback },
): Promise<MyFeedback> {
  const { db } = ctx;
  const opts = { now: ctx.now };
  if (ctx.caller.role === "bot" && !ctx.actor) {
    throw new DomainError("VALIDATION", "actor: required when a bot gives feedback for someone", [
      { path: "actor", message: "required for bot tokens" },
    ]);
  }
  await loadWorkshop(ctx, workshopId);
  const [session] = await db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.id, input.sessionId), eq(agendaItems.workshopId, workshopId)));
  if (!session) {
    throw new DomainError("NOT_FOUND", `No session ${input.sessionId} in this workshop.`, [
      { path: "sessionId", message: "not an agenda item of this workshop" },
    ]);
  }
  if (session.kind !== "session")
    throw new DomainError("UNPROCESSABLE", `"${session.title}" is a break; feedback is for sessions.`);
  if (session.state === "pending" || session.state === "skipped") {
    throw new DomainError(
      "CONFLICT",
      `"${session.title}" ${session.state === "pending" ? "has not started yet" : "was skipped"}; there is nothing to give feedback on.`,
    );
  }
  const person = actorName(ctx);
  const set: { updatedAt: Date; rating?: number; comment?: string | null } = { updatedAt: opts.now };
  if (input.rating !== undefined) set.rating = input.rating;
  if (input.comment !== undefined) set.comment = input.comment === "" ? null : input.comment;
  const row = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(sessionFeedback)
      .values({
        workshopId,
        agendaItemId: session.id,
        person,
        rating: input.rating ?? null,
        comment: input.comment ? input.comment : null,
        createdAt: opts.now,
        updatedAt: opts.now,
      })
      .onConflictDoUpdate({ target: [sessionFeedback.agendaItemId, sessionFeedback.person], set })
      .returning();
    if (!row) throw new Error("upsert returned no row");
    // The comment's text stays out of the audit log: it is the person's own words (erasable in one place).
    await audit(tx, ctx, {
      workshopId,
      action: "feedback.submit",
      entityType: "session",
      entityId: session.id,
      details: {
        ...(input.rating !== undefined ? { rating: input.rating } : {}),
        ...(input.comment !== undefined ? { comment: input.comment === "" ? "cleared" : "given" } : {}),
      },
    });
    return row;
  });
  return {
    sessionId: session.id,
    sessionTitle: session.title,
    rating: row.rating,
    comment: row.comment,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Per session (in agenda order): ratings count, mean, distribution and the comments, without authors. */
export async function getFeedbackSummary(
  ctx: ServiceContext,
  opts: { workshopId: string; sessionId?: string | undefined },
): Promise<FeedbackSummary> {
  const { db } = ctx;
  const { workshopId } = opts;
  await loadWorkshop(ctx, workshopId);
  const sessions = await db
    .select()
    .from(agendaItems)
    .where(
      and(
        eq(agendaItems.workshopId, workshopId),
        eq(agendaItems.kind, "session"),
        opts.sessionId ? eq(agendaItems.id, opts.sessionId) : undefined,
      ),
    )
    .orderBy(asc(agendaItems.position));
  if (opts.sessionId && sessions.length === 0) {
    throw new DomainError("NOT_FOUND", `No session ${opts.sessionId} in this workshop.`, [
      { path: "sessionId", message: "not a session of this workshop" },
    ]);
  }
  const rows = await db
    .select({
      itemId: sessionFeedback.agendaItemId,
      rating: sessionFeedback.rating,
      comment: sessionFeedback.comment,
      at: sessionFeedback.updatedAt,
    })
    .from(sessionFeedback)
    .where(eq(sessionFeedback.workshopId, workshopId));
  return {
    workshopId,
    sessions: sessions.map((s) => ({
      sessionId: s.id,
      title: s.title,
      state: s.state,
      ...summariseFeedback(rows.filter((r) => r.itemId === s.id)),
    })),
  };
}
