import { and, asc, eq } from "drizzle-orm";
import { type UseCaseRow, useCases } from "../../db/schema/use-cases.js";
import { useCaseMermaid } from "../domain/kafka/mermaid.js";
import { type SizingAssumptions, sizeUseCase } from "../domain/kafka/sizing.js";
import { checkModel, type UseCaseModel } from "../domain/kafka/types.js";
import { DomainError } from "../errors.js";
import { canonicalJson } from "../lib/canonical-json.js";
import type { PutUseCase, Sizing, UseCase } from "../schemas/architecture.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, onDb, type ServiceContext } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";

export function toUseCase(row: UseCaseRow): UseCase {
  const { title, producers, topics, consumers, failure } = row.model;
  return {
    workshopId: row.workshopId,
    key: row.key,
    title,
    producers,
    topics,
    consumers,
    failure,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function findRow(ctx: ServiceContext, workshopId: string, key: string): Promise<UseCaseRow> {
  await loadWorkshop(ctx, workshopId);
  const [row] = await ctx.db
    .select()
    .from(useCases)
    .where(and(eq(useCases.workshopId, workshopId), eq(useCases.key, key)));
  if (!row) throw new DomainError("NOT_FOUND", `No use case "${key}" in workshop ${workshopId}.`);
  return row;
}

/** Creates or replaces a use case; the same model again changes nothing (no audit entry). */
export async function putUseCase(
  ctx: ServiceContext,
  input: PutUseCase & { workshopId: string; key: string },
): Promise<{ useCase: UseCase; created: boolean }> {
  const { workshopId, key, actor: _actor, ...rest } = input;
  const model: UseCaseModel = rest;
  const problems = checkModel(model);
  if (problems.length) {
    throw new DomainError(
      "UNPROCESSABLE",
      `The use case does not hang together: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
      problems,
    );
  }
  return ctx.database.db.transaction(async (tx) => {
    const tctx = onDb(ctx, tx);
    await loadWorkshop(tctx, workshopId, { lock: true });
    await assertCanFacilitate(tctx, workshopId);
    const [existing] = await tx
      .select()
      .from(useCases)
      .where(and(eq(useCases.workshopId, workshopId), eq(useCases.key, key)));
    if (existing && canonicalJson(existing.model) === canonicalJson(model)) {
      return { useCase: toUseCase(existing), created: false };
    }
    const [row] = existing
      ? await tx
          .update(useCases)
          .set({ title: model.title, model, updatedAt: ctx.now })
          .where(eq(useCases.id, existing.id))
          .returning()
      : await tx
          .insert(useCases)
          .values({
            workshopId,
            key,
            title: model.title,
            model,
            createdBy: actorName(ctx),
            createdAt: ctx.now,
            updatedAt: ctx.now,
          })
          .returning();
    if (!row) throw new Error("write returned no row");
    await audit(tx, ctx, {
      workshopId,
      action: existing ? "usecase.replace" : "usecase.create",
      entityType: "use_case",
      entityId: row.id,
      details: { workshopId, key, topics: model.topics.map((t) => t.name) },
    });
    return { useCase: toUseCase(row), created: !existing };
  });
}

export async function getUseCase(
  ctx: ServiceContext,
  input: { workshopId: string; key: string },
): Promise<UseCase> {
  return toUseCase(await findRow(ctx, input.workshopId, input.key));
}

export async function listUseCases(
  ctx: ServiceContext,
  input: { workshopId: string },
): Promise<{ key: string; title: string; updatedAt: string }[]> {
  await loadWorkshop(ctx, input.workshopId);
  const rows = await ctx.db
    .select({ key: useCases.key, title: useCases.title, updatedAt: useCases.updatedAt })
    .from(useCases)
    .where(eq(useCases.workshopId, input.workshopId))
    .orderBy(asc(useCases.key));
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() }));
}

/** Deletes a use case; deleting one that is gone is a no-op (a retried DELETE answers 204 again). */
export async function deleteUseCase(
  ctx: ServiceContext,
  input: { workshopId: string; key: string },
): Promise<void> {
  const { workshopId, key } = input;
  await ctx.database.db.transaction(async (tx) => {
    const tctx = onDb(ctx, tx);
    await loadWorkshop(tctx, workshopId, { lock: true });
    await assertCanFacilitate(tctx, workshopId);
    const [row] = await tx
      .delete(useCases)
      .where(and(eq(useCases.workshopId, workshopId), eq(useCases.key, key)))
      .returning({ id: useCases.id });
    if (!row) return;
    await audit(tx, ctx, {
      workshopId,
      action: "usecase.delete",
      entityType: "use_case",
      entityId: row.id,
      details: { workshopId, key },
    });
  });
}

/** The use case sized by the formulas, with the given assumptions overriding the defaults. */
export async function sizeStoredUseCase(
  ctx: ServiceContext,
  input: { workshopId: string; key: string; assumptions: Partial<SizingAssumptions> },
): Promise<Sizing> {
  const row = await findRow(ctx, input.workshopId, input.key);
  return { useCase: row.key, ...sizeUseCase(row.model, input.assumptions) };
}

/** Producers → topics → consumer groups as Mermaid, topics with their sized partition counts. */
export async function useCaseDiagram(
  ctx: ServiceContext,
  input: { workshopId: string; key: string },
): Promise<string> {
  const row = await findRow(ctx, input.workshopId, input.key);
  // partitions only: the hot-partition forecast (which hashes every modelled key) is not drawn
  const unkeyed = { ...row.model, producers: row.model.producers.map(({ messageKey: _k, ...p }) => p) };
  const sizing = sizeUseCase(unkeyed);
  return useCaseMermaid(row.model, new Map(sizing.topics.map((t) => [t.name, t.partitions.value])));
}
