import { eq, sql } from "drizzle-orm";
import { type PlanRow, plans } from "../../db/schema/plans.js";
import type { Db } from "../../db/types.js";
import { DEFAULT_WORKDAYS } from "../domain/plan/calendar.js";
import { analysePlan, type PlanAnalysis, toSchedule } from "../domain/plan/schedule.js";
import type { PlanInput, PlanProblem, WorkPackageInput } from "../domain/plan/types.js";
import { explainStart, type WhyAnswer } from "../domain/plan/why.js";
import { renderICalendar } from "../domain/roadmap/ical.js";
import { DomainError, type ErrorDetail } from "../errors.js";
import { canonicalJson } from "../lib/canonical-json.js";
import { sha256Hex } from "../lib/crypto.js";
import type { NewWorkPackage, Plan, PutPlan, WorkPackagePatch } from "../schemas/plan.js";
import { audit } from "./audit.js";
import { loadWorkshop, type ServiceContext } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";

export interface PlanWrite {
  plan: Plan;
  /** No plan existed before. */
  created: boolean;
  /** False when the request asked for what was already there: nothing written, nothing audited. */
  changed: boolean;
}

export interface StoredPlan {
  workshop: { id: string; name: string; startDate: string };
  row: PlanRow;
  analysis: PlanAnalysis;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function findWorkshop(ctx: ServiceContext, id: string) {
  const workshop = await loadWorkshop(ctx, id);
  return { id: workshop.id, name: workshop.name, startDate: workshop.startDate };
}

/** A plan change is a facilitator's: the workshop is found (scoped), then the caller checked. */
async function findWorkshopToChange(ctx: ServiceContext, id: string) {
  const workshop = await findWorkshop(ctx, id);
  await assertCanFacilitate(ctx, id);
  return workshop;
}

async function findPlanRow(db: Tx | Db, workshopId: string, lock: boolean): Promise<PlanRow | undefined> {
  const query = db.select().from(plans).where(eq(plans.workshopId, workshopId));
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

/** Schedules stored input; it was valid when written, so a refusal here is a bug, not the caller's fault. */
function analyseStored(input: PlanInput): PlanAnalysis {
  const result = analysePlan(input);
  if (result.kind !== "ok")
    throw new Error(`stored plan no longer schedules: ${JSON.stringify(result.problems)}`);
  return result.analysis;
}

function refused(problems: PlanProblem[], mapPath: (p: PlanProblem) => string = (p) => p.path): DomainError {
  const details: ErrorDetail[] = problems.map((p) => ({ path: mapPath(p), message: p.message }));
  const summary = details.map((d) => `${d.path}: ${d.message}`).join("; ");
  return new DomainError("UNPROCESSABLE", `The plan cannot be scheduled: ${summary}`, details);
}

export function toPlan(
  workshopId: string,
  row: Pick<PlanRow, "version" | "updatedAt">,
  a: PlanAnalysis,
): Plan {
  return { workshopId, version: row.version, updatedAt: row.updatedAt.toISOString(), ...toSchedule(a) };
}

function linkCount(input: PlanInput): number {
  return input.workPackages.reduce((n, w) => n + (w.dependsOn?.length ?? 0), 0);
}

/** The plan and its schedule; 404 when the workshop or its plan does not exist. */
export async function getStoredPlan(ctx: ServiceContext, input: { workshopId: string }): Promise<StoredPlan> {
  const { workshopId } = input;
  const workshop = await findWorkshop(ctx, workshopId);
  const row = await findPlanRow(ctx.database.db, workshopId, false);
  if (!row) {
    throw new DomainError("NOT_FOUND", `Workshop ${workshopId} has no plan yet: PUT one to …/plan.`);
  }
  return { workshop, row, analysis: analyseStored(row.input) };
}

export async function getPlan(ctx: ServiceContext, input: { workshopId: string }): Promise<Plan> {
  const { workshopId } = input;
  const { row, analysis } = await getStoredPlan(ctx, { workshopId });
  return toPlan(workshopId, row, analysis);
}

/**
 * The workshop's schedule, or null while it has no plan. For a workshop already reached through
 * `loadWorkshop` (or a feed's secret, which is its own credential).
 */
export async function findPlan(db: Db, workshopId: string): Promise<Plan | null> {
  const row = await findPlanRow(db, workshopId, false);
  return row ? toPlan(workshopId, row, analyseStored(row.input)) : null;
}

/**
 * The roadmap as iCalendar, for `…/roadmap?format=ics` and the subscription feeds alike. Without a
 * plan it is a calendar with no events, which calendar apps subscribe to and fill in once a plan is
 * put (a 404 would make them refuse the subscription).
 */
export function roadmapCalendar(workshop: { id: string; name: string }, plan: Plan | null): string {
  const name = `${workshop.name} roadmap`;
  // No events, nothing stamped: the date is never written.
  if (!plan)
    return renderICalendar({ workPackages: [] }, { workshopId: workshop.id, name, updatedAt: new Date(0) });
  return renderICalendar(plan, { workshopId: workshop.id, name, updatedAt: new Date(plan.updatedAt) });
}

/**
 * Replaces the workshop's plan. Every problem is refused at once (422) before anything is written.
 * The same plan again (after defaults) writes nothing, audits nothing and keeps `updatedAt`, so
 * calendar feeds and retries see no change.
 */
export async function replacePlan(
  ctx: ServiceContext,
  { workshopId, plan: input }: { workshopId: string; plan: PutPlan },
): Promise<PlanWrite> {
  const db = ctx.database.db;
  await findWorkshopToChange(ctx, workshopId);
  const result = analysePlan(input);
  if (result.kind !== "ok") throw refused(result.problems);
  const inputHash = await sha256Hex(canonicalJson(input));
  return db.transaction(async (tx) => {
    const existing = await findPlanRow(tx, workshopId, true);
    if (existing && existing.inputHash === inputHash) {
      return { plan: toPlan(workshopId, existing, result.analysis), created: false, changed: false };
    }
    const row = await save(tx, workshopId, input, inputHash, ctx.now);
    await audit(tx, ctx, {
      workshopId,
      action: "plan.replace",
      entityType: "workshop",
      entityId: workshopId,
      details: { version: row.version, workPackages: input.workPackages.length, links: linkCount(input) },
    });
    return { plan: toPlan(workshopId, row, result.analysis), created: !existing, changed: true };
  });
}

async function save(
  tx: Tx,
  workshopId: string,
  input: PlanInput,
  inputHash: string,
  now: Date,
): Promise<PlanRow> {
  const [row] = await tx
    .insert(plans)
    .values({ workshopId, input, inputHash, version: 1, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: plans.workshopId,
      set: { input, inputHash, version: sql`${plans.version} + 1`, updatedAt: now },
    })
    .returning();
  if (!row) throw new Error("upsert returned no row");
  return row;
}

interface Edit {
  input: PlanInput;
  /** Position of the edited package in `input`, to report problems in the request's own terms. */
  index: number;
  action: string;
  details: Record<string, unknown>;
}

/**
 * Reads the plan under a row lock, applies `edit` to its input, schedules the result and stores it,
 * in one transaction: concurrent edits of one plan queue up instead of losing each other's changes.
 * With `startIfMissing`, a missing plan is first inserted empty (version 0) inside the transaction,
 * so concurrent first edits also queue on that row; a refused edit rolls it back.
 */
async function editPlan(
  ctx: ServiceContext,
  workshopId: string,
  edit: (current: PlanInput | null) => Edit | null,
  opts: { startIfMissing?: boolean } = {},
): Promise<PlanWrite> {
  const db = ctx.database.db;
  const workshop = await findWorkshopToChange(ctx, workshopId);
  return db.transaction(async (tx) => {
    if (opts.startIfMissing) {
      const empty: PlanInput = {
        calendar: { start: workshop.startDate, workdays: [...DEFAULT_WORKDAYS], holidays: [] },
        workPackages: [],
      };
      await tx
        .insert(plans)
        .values({
          workshopId,
          input: empty,
          inputHash: "",
          version: 0,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .onConflictDoNothing();
    }
    const existing = await findPlanRow(tx, workshopId, true);
    const change = edit(existing?.input ?? null);
    if (!change) {
      if (!existing) throw new Error("an edit without a plan must change it");
      return {
        plan: toPlan(workshopId, existing, analyseStored(existing.input)),
        created: false,
        changed: false,
      };
    }
    const result = analysePlan(change.input);
    if (result.kind !== "ok") {
      // Paths are the request body's: `dependsOn.0`, not `workPackages.12.dependsOn.0`.
      const own = `workPackages.${change.index}.`;
      throw refused(result.problems, (p) =>
        p.path.startsWith(own) ? p.path.slice(own.length) : p.kind === "cycle" ? "dependsOn" : p.path,
      );
    }
    const inputHash = await sha256Hex(canonicalJson(change.input));
    const row = await save(tx, workshopId, change.input, inputHash, ctx.now);
    await audit(tx, ctx, {
      workshopId,
      action: change.action,
      entityType: "workshop",
      entityId: workshopId,
      details: { version: row.version, ...change.details },
    });
    return {
      plan: toPlan(workshopId, row, result.analysis),
      created: !existing || existing.version === 0,
      changed: true,
    };
  });
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function samePackage(a: WorkPackageInput, b: WorkPackageInput): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Adds one work package. Without a plan, one is started on the workshop's start date, Monday to
 * Friday. The same package again is a no-op (a retried request); a different one under an existing
 * key is a conflict.
 */
export async function addWorkPackage(
  ctx: ServiceContext,
  { workshopId, key, workPackage: body }: { workshopId: string; key: string; workPackage: NewWorkPackage },
): Promise<PlanWrite> {
  const { actor: _actor, ...fields } = body;
  const added: WorkPackageInput = stripUndefined({ key, ...fields });
  return editPlan(
    ctx,
    workshopId,
    (current) => {
      if (!current) throw new Error("startIfMissing guarantees a plan");
      const existing = current.workPackages.find((w) => w.key === key);
      if (existing) {
        if (samePackage(existing, added)) return null;
        throw new DomainError("CONFLICT", `Work package "${key}" already exists; PATCH it to change it.`, [
          { path: "key", message: "already exists" },
        ]);
      }
      return {
        input: { ...current, workPackages: [...current.workPackages, added] },
        index: current.workPackages.length,
        action: "plan.workPackage.add",
        details: { key },
      };
    },
    { startIfMissing: true },
  );
}

/** Changes the given fields of one work package; `null` clears owner, phase or deadline. */
export async function updateWorkPackage(
  ctx: ServiceContext,
  { workshopId, key, patch }: { workshopId: string; key: string; patch: WorkPackagePatch },
): Promise<PlanWrite> {
  return editPlan(ctx, workshopId, (current) => {
    const index = current?.workPackages.findIndex((w) => w.key === key) ?? -1;
    const existing = current?.workPackages[index];
    if (!current || !existing) throw new DomainError("NOT_FOUND", `The plan has no work package "${key}".`);
    const updated: WorkPackageInput = stripUndefined({ ...existing });
    for (const [field, value] of Object.entries(patch) as [keyof WorkPackagePatch, unknown][]) {
      if (value === undefined) continue;
      if (value === null) delete (updated as unknown as Record<string, unknown>)[field];
      else (updated as unknown as Record<string, unknown>)[field] = value;
    }
    if (samePackage(existing, updated)) return null;
    const workPackages = current.workPackages.map((w, i) => (i === index ? updated : w));
    return {
      input: { ...current, workPackages },
      index,
      action: "plan.workPackage.update",
      details: {
        key,
        fields: Object.keys(patch).filter((f) => patch[f as keyof WorkPackagePatch] !== undefined),
      },
    };
  });
}

/** Removes one work package; refused (422) while other packages depend on it, naming each. */
export async function removeWorkPackage(
  ctx: ServiceContext,
  { workshopId, key }: { workshopId: string; key: string },
): Promise<PlanWrite> {
  return editPlan(ctx, workshopId, (current) => {
    const index = current?.workPackages.findIndex((w) => w.key === key) ?? -1;
    if (!current || index < 0) throw new DomainError("NOT_FOUND", `The plan has no work package "${key}".`);
    const dependents = current.workPackages.filter((w) =>
      (w.dependsOn ?? []).some((l) => (typeof l === "string" ? l : l.key) === key),
    );
    if (dependents.length) {
      throw new DomainError(
        "UNPROCESSABLE",
        `Cannot remove "${key}": ${dependents.map((w) => w.key).join(", ")} depend${dependents.length === 1 ? "s" : ""} on it; remove those links first.`,
        dependents.map((w) => ({ path: "key", message: `"${w.key}" depends on it` })),
      );
    }
    return {
      input: { ...current, workPackages: current.workPackages.filter((_, i) => i !== index) },
      index,
      action: "plan.workPackage.remove",
      details: { key },
    };
  });
}

export async function explainWorkPackage(
  ctx: ServiceContext,
  { workshopId, key }: { workshopId: string; key: string },
): Promise<WhyAnswer> {
  const { analysis } = await getStoredPlan(ctx, { workshopId });
  const why = explainStart(analysis, key);
  if (!why) throw new DomainError("NOT_FOUND", `The plan has no work package "${key}".`);
  return why;
}
