import { and, asc, eq } from "drizzle-orm";
import { type EnvironmentRow, environments as environmentsTable } from "../../db/schema/environments.js";
import { itemComponents } from "../../db/schema/item-components.js";
import { lineItems } from "../../db/schema/line-items.js";
import type { Queryable } from "../../db/types.js";
import { environmentsMermaid } from "../domain/kafka/mermaid.js";
import { type DecidedOption, seedEnvironments } from "../domain/kafka/seed-environments.js";
import { DomainError } from "../errors.js";
import { canonicalJson } from "../lib/canonical-json.js";
import {
  Environment,
  type Environments,
  type PutEnvironments,
  type PutItemComponents,
} from "../schemas/architecture.js";
import { audit } from "./audit.js";
import { loadWorkshop, onDb, type ServiceContext } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";

function toEnvironment(row: Omit<EnvironmentRow, "id">): Environment {
  return {
    key: row.key,
    name: row.name,
    tier: row.tier,
    ...(row.availability !== null ? { availability: row.availability } : {}),
    ...(row.rpoMinutes !== null ? { rpoMinutes: row.rpoMinutes } : {}),
    ...(row.rtoMinutes !== null ? { rtoMinutes: row.rtoMinutes } : {}),
    regions: row.regions,
    components: row.components,
  };
}

/** Every `environment.component` a link names: itself when qualified, else that key in every environment. */
export function resolveComponent(envs: Environment[], ref: string): string[] {
  const [a, b] = ref.split(".");
  if (b !== undefined) {
    const env = envs.find((e) => e.key === a);
    return env?.components.some((c) => c.key === b) ? [ref] : [];
  }
  return envs.filter((e) => e.components.some((c) => c.key === a)).map((e) => `${e.key}.${a}`);
}

async function readEnvironments(db: Queryable, workshopId: string): Promise<Environment[]> {
  const rows = await db
    .select()
    .from(environmentsTable)
    .where(eq(environmentsTable.workshopId, workshopId))
    .orderBy(asc(environmentsTable.position));
  return rows.map(toEnvironment);
}

async function answer(db: Queryable, workshopId: string): Promise<Environments> {
  const envs = await readEnvironments(db, workshopId);
  const links = await db
    .select({
      itemId: itemComponents.itemId,
      component: itemComponents.component,
      kind: lineItems.kind,
      text: lineItems.text,
    })
    .from(itemComponents)
    .innerJoin(lineItems, eq(lineItems.id, itemComponents.itemId))
    .where(eq(itemComponents.workshopId, workshopId))
    .orderBy(asc(lineItems.createdAt), asc(itemComponents.itemId), asc(itemComponents.component));
  const byItem = new Map<string, Environments["itemLinks"][number]>();
  for (const l of links) {
    const entry = byItem.get(l.itemId) ?? {
      itemId: l.itemId,
      kind: l.kind,
      text: l.text,
      components: [],
      matches: [],
    };
    entry.components.push(l.component);
    for (const m of resolveComponent(envs, l.component))
      if (!entry.matches.includes(m)) entry.matches.push(m);
    byItem.set(l.itemId, entry);
  }
  return { workshopId, environments: envs, itemLinks: [...byItem.values()] };
}

/** The workshop's environments and which line items map onto which components. */
export async function getEnvironments(
  ctx: ServiceContext,
  input: { workshopId: string },
): Promise<Environments> {
  await loadWorkshop(ctx, input.workshopId);
  return answer(ctx.db, input.workshopId);
}

/** The environments as a Mermaid flowchart, each component noting how many line items map onto it. */
export async function environmentsDiagram(
  ctx: ServiceContext,
  input: { workshopId: string },
): Promise<string> {
  const a = await getEnvironments(ctx, input);
  const links = new Map<string, string[]>();
  for (const l of a.itemLinks) for (const m of l.matches) links.set(m, [...(links.get(m) ?? []), l.itemId]);
  return environmentsMermaid(a.environments, links);
}

function duplicates(envs: Environment[]): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const seen = new Set<string>();
  envs.forEach((e, i) => {
    if (seen.has(e.key))
      problems.push({ path: `environments.${i}.key`, message: `"${e.key}" is used twice` });
    seen.add(e.key);
    const comps = new Set<string>();
    e.components.forEach((c, j) => {
      if (comps.has(c.key))
        problems.push({
          path: `environments.${i}.components.${j}.key`,
          message: `"${c.key}" is used twice in ${e.key}`,
        });
      comps.add(c.key);
    });
  });
  return problems;
}

/**
 * Replaces the workshop's environments. The same environments again change nothing (no audit entry).
 * Links from line items to components that no longer exist are kept and show with no matches.
 */
export async function replaceEnvironments(
  ctx: ServiceContext,
  input: PutEnvironments & { workshopId: string },
): Promise<Environments> {
  const { workshopId } = input;
  const problems = duplicates(input.environments);
  if (problems.length)
    throw new DomainError(
      "VALIDATION",
      `Invalid request: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`,
      problems,
    );
  return ctx.database.db.transaction(async (tx) => {
    const tctx = onDb(ctx, tx);
    await loadWorkshop(tctx, workshopId, { lock: true });
    await assertCanFacilitate(tctx, workshopId);
    const before = await readEnvironments(tx, workshopId);
    const normalised = input.environments.map((e) => toEnvironment(rowOf(workshopId, e, 0, ctx.now)));
    if (canonicalJson(before) !== canonicalJson(normalised)) {
      await tx.delete(environmentsTable).where(eq(environmentsTable.workshopId, workshopId));
      if (input.environments.length) {
        await tx
          .insert(environmentsTable)
          .values(input.environments.map((e, i) => rowOf(workshopId, e, i, ctx.now)));
      }
      await audit(tx, ctx, {
        workshopId,
        action: "environments.replace",
        entityType: "workshop",
        entityId: workshopId,
        details: { environments: input.environments.map((e) => e.key) },
      });
    }
    return answer(tx, workshopId);
  });
}

/**
 * A decision's strawman environments (api/domain/kafka/seed-environments.ts), written in the decision's
 * transaction when the workshop has no environments yet; environments someone wrote are never touched.
 */
export async function seedEnvironmentsFromDecision(
  tx: Queryable,
  ctx: ServiceContext,
  workshopId: string,
  decided: DecidedOption,
): Promise<void> {
  const [any] = await tx
    .select({ id: environmentsTable.id })
    .from(environmentsTable)
    .where(eq(environmentsTable.workshopId, workshopId))
    .limit(1);
  if (any) return;
  const seeded = seedEnvironments([decided]).map((e) => Environment.parse(e));
  await tx.insert(environmentsTable).values(seeded.map((e, i) => rowOf(workshopId, e, i, ctx.now)));
  await audit(tx, ctx, {
    workshopId,
    action: "environments.seed",
    entityType: "workshop",
    entityId: workshopId,
    details: { fromDecision: decided.view, option: decided.option, environments: seeded.map((e) => e.key) },
  });
}

function rowOf(workshopId: string, e: Environment, position: number, now: Date) {
  return {
    workshopId,
    key: e.key,
    position,
    name: e.name,
    tier: e.tier,
    availability: e.availability ?? null,
    rpoMinutes: e.rpoMinutes ?? null,
    rtoMinutes: e.rtoMinutes ?? null,
    regions: e.regions,
    components: e.components,
    updatedAt: now,
  } satisfies Omit<EnvironmentRow, "id">;
}

/**
 * Sets which components a line item maps onto (replacing its links; `[]` removes them). Each must
 * name a component of the current environments (422 otherwise, naming it).
 */
export async function linkItemComponents(
  ctx: ServiceContext,
  input: PutItemComponents & { workshopId: string; itemId: string },
): Promise<Environments> {
  const { workshopId, itemId } = input;
  return ctx.database.db.transaction(async (tx) => {
    const tctx = onDb(ctx, tx);
    await loadWorkshop(tctx, workshopId, { lock: true });
    await assertCanFacilitate(tctx, workshopId);
    const [item] = await tx
      .select({ id: lineItems.id })
      .from(lineItems)
      .where(and(eq(lineItems.id, itemId), eq(lineItems.workshopId, workshopId)));
    if (!item) throw new DomainError("NOT_FOUND", `No line item ${itemId} in workshop ${workshopId}.`);
    const envs = await readEnvironments(tx, workshopId);
    const wanted = [...new Set(input.components)];
    const unknown = wanted
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => resolveComponent(envs, c).length === 0)
      .map(({ c, i }) => ({
        path: `components.${i}`,
        message: `no component "${c}" in this workshop's environments`,
      }));
    if (unknown.length) {
      throw new DomainError(
        "UNPROCESSABLE",
        `Unknown components: ${unknown.map((u) => u.message).join("; ")}. PUT …/environments first.`,
        unknown,
      );
    }
    const current = await tx
      .select({ component: itemComponents.component })
      .from(itemComponents)
      .where(eq(itemComponents.itemId, itemId));
    const same = current.length === wanted.length && current.every((c) => wanted.includes(c.component));
    if (!same) {
      await tx.delete(itemComponents).where(eq(itemComponents.itemId, itemId));
      if (wanted.length) {
        await tx
          .insert(itemComponents)
          .values(wanted.map((component) => ({ itemId, workshopId, component, createdAt: ctx.now })));
      }
      await audit(tx, ctx, {
        workshopId,
        action: "item.components.set",
        entityType: "line_item",
        entityId: itemId,
        details: { workshopId, components: wanted },
      });
    }
    return answer(tx, workshopId);
  });
}
