import { and, asc, count, eq, isNotNull } from "drizzle-orm";
import { type AgendaItemRow, agendaItems } from "../../db/schema/agenda-items.js";
import { decisions } from "../../db/schema/decisions.js";
import { lineItems } from "../../db/schema/line-items.js";
import { plans } from "../../db/schema/plans.js";
import { polls } from "../../db/schema/polls.js";
import { useCases } from "../../db/schema/use-cases.js";
import { workshopOutputs } from "../../db/schema/workshop-outputs.js";
import type { Queryable } from "../../db/types.js";
import { evidenceSources } from "../domain/outputs/evidence.js";
import { DomainError } from "../errors.js";
import type { Output, UpdateOutput } from "../schemas/output.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, onDb, type ServiceContext } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";

/**
 * Tracks every session's outputs: called in the transaction that writes a workshop's agenda. Existing
 * rows (same session, same position) are kept, so it can run again.
 */
export async function createOutputsForAgenda(
  tx: Queryable,
  workshopId: string,
  items: readonly Pick<AgendaItemRow, "id" | "outputs">[],
  now: Date,
): Promise<void> {
  const rows = items.flatMap((item) =>
    item.outputs.map((title, position) => ({
      workshopId,
      agendaItemId: item.id,
      position,
      title,
      createdAt: now,
      updatedAt: now,
    })),
  );
  if (rows.length) await tx.insert(workshopOutputs).values(rows).onConflictDoNothing();
}

/** Counts per session id of one evidence table. */
async function perSession(rows: Promise<{ id: string | null; n: number }[]>): Promise<Map<string, number>> {
  return new Map((await rows).filter((r) => r.id).map((r) => [r.id as string, Number(r.n)]));
}

/**
 * The workshop's outputs in agenda order, each with its status and the evidence that feeds it (see
 * api/domain/outputs/evidence.ts for what counts).
 */
export async function listOutputs(
  ctx: ServiceContext,
  input: { workshopId: string; outputId?: string },
): Promise<Output[]> {
  const { workshopId } = input;
  await loadWorkshop(ctx, workshopId);
  const db = ctx.db;
  const rows = await db
    .select({ output: workshopOutputs, session: agendaItems })
    .from(workshopOutputs)
    .innerJoin(agendaItems, eq(agendaItems.id, workshopOutputs.agendaItemId))
    .where(
      and(
        eq(workshopOutputs.workshopId, workshopId),
        input.outputId ? eq(workshopOutputs.id, input.outputId) : undefined,
      ),
    )
    .orderBy(asc(agendaItems.position), asc(workshopOutputs.position));
  if (rows.length === 0) return [];
  const [items, reviewed, pollCounts, decisionCounts, plan, useCaseRows] = await Promise.all([
    perSession(
      db
        .select({ id: lineItems.agendaItemId, n: count() })
        .from(lineItems)
        .where(eq(lineItems.workshopId, workshopId))
        .groupBy(lineItems.agendaItemId),
    ),
    perSession(
      db
        .select({ id: lineItems.agendaItemId, n: count() })
        .from(lineItems)
        .where(and(eq(lineItems.workshopId, workshopId), isNotNull(lineItems.reviewOutcome)))
        .groupBy(lineItems.agendaItemId),
    ),
    perSession(
      db
        .select({ id: polls.agendaItemId, n: count() })
        .from(polls)
        .where(eq(polls.workshopId, workshopId))
        .groupBy(polls.agendaItemId),
    ),
    perSession(
      db
        .select({ id: decisions.agendaItemId, n: count() })
        .from(decisions)
        .where(eq(decisions.workshopId, workshopId))
        .groupBy(decisions.agendaItemId),
    ),
    db.select({ input: plans.input }).from(plans).where(eq(plans.workshopId, workshopId)),
    db.select({ n: count() }).from(useCases).where(eq(useCases.workshopId, workshopId)),
  ]);
  const useCaseCount = Number(useCaseRows[0]?.n ?? 0);
  const workPackages = plan[0]?.input.workPackages.length ?? 0;
  return rows.map(({ output, session }) => {
    const sources = evidenceSources(output.title);
    return {
      id: output.id,
      workshopId,
      sessionId: session.id,
      sessionTitle: session.title,
      day: session.day,
      position: output.position,
      title: output.title,
      status: output.status,
      evidence: {
        items: items.get(session.id) ?? 0,
        reviewed: reviewed.get(session.id) ?? 0,
        polls: pollCounts.get(session.id) ?? 0,
        decisions: decisionCounts.get(session.id) ?? 0,
        workPackages: sources.workPackages ? workPackages : 0,
        useCases: sources.useCases ? useCaseCount : 0,
      },
      updatedBy: output.updatedBy,
      updatedAt: output.updatedAt.toISOString(),
    };
  });
}

/** Moves an output to open, draft or done (facilitators). The same status again writes nothing. */
export async function updateOutput(
  ctx: ServiceContext,
  input: UpdateOutput & { outputId: string },
): Promise<Output> {
  const { outputId, status } = input;
  const notFound = () => new DomainError("NOT_FOUND", `No output ${outputId}.`);
  const workshopId = await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(workshopOutputs)
      .where(eq(workshopOutputs.id, outputId))
      .for("update");
    if (!row) throw notFound();
    const tctx = onDb(ctx, tx);
    await loadWorkshop(tctx, row.workshopId);
    await assertCanFacilitate(tctx, row.workshopId);
    if (row.status === status) return row.workshopId;
    const actor = actorName(ctx);
    await tx
      .update(workshopOutputs)
      .set({ status, updatedBy: actor, updatedAt: ctx.now })
      .where(eq(workshopOutputs.id, outputId));
    await audit(tx, ctx, {
      workshopId: row.workshopId,
      action: "output.update",
      entityType: "output",
      entityId: outputId,
      details: { workshopId: row.workshopId, from: row.status, to: status },
    });
    return row.workshopId;
  });
  const [output] = await listOutputs(ctx, { workshopId, outputId });
  if (!output) throw notFound();
  return output;
}
