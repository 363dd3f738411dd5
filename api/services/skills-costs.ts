import { and, eq } from "drizzle-orm";
import { type MatrixKind, workshopMatrices } from "../../db/schema/workshop-matrices.js";
import { costTotals } from "../domain/outputs/costs.js";
import { skillGaps } from "../domain/outputs/skills.js";
import { DomainError, type ErrorDetail } from "../errors.js";
import type { Costs, PutCosts, PutSkills, Skills } from "../schemas/skills-costs.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, onDb, type ServiceContext } from "./context.js";
import { assertCanFacilitate } from "./facilitators.js";
import { addWorkPackage, findPlan } from "./plans.js";
import { DEFAULT_VIEW, scorecardFrame, visibleScorecard } from "./scorecard-frame.js";

/** Working days of training per level a skill falls short. */
const TRAINING_DAYS_PER_LEVEL = 5;

type StoredSkills = Omit<PutSkills, "actor">;
type StoredCosts = Omit<PutCosts, "actor">;

function refuse(details: ErrorDetail[]): never {
  throw new DomainError(
    "VALIDATION",
    `Invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`,
    details,
  );
}

async function readMatrix<T>(ctx: ServiceContext, workshopId: string, kind: MatrixKind) {
  const [row] = await ctx.db
    .select()
    .from(workshopMatrices)
    .where(and(eq(workshopMatrices.workshopId, workshopId), eq(workshopMatrices.kind, kind)));
  return row ? { input: row.input as unknown as T, updatedAt: row.updatedAt.toISOString() } : null;
}

async function writeMatrix(ctx: ServiceContext, workshopId: string, kind: MatrixKind, input: object) {
  const actor = actorName(ctx);
  await ctx.database.db.transaction(async (tx) => {
    await loadWorkshop(onDb(ctx, tx), workshopId, { lock: true });
    const values = { input: input as Record<string, unknown>, updatedBy: actor, updatedAt: ctx.now };
    await tx
      .insert(workshopMatrices)
      .values({ workshopId, kind, ...values })
      .onConflictDoUpdate({ target: [workshopMatrices.workshopId, workshopMatrices.kind], set: values });
    await audit(tx, ctx, {
      workshopId,
      action: `${kind}.replace`,
      entityType: kind,
      entityId: workshopId,
      details: { workshopId },
    });
  });
}

const trainingKey = (skill: string) => `training-${skill}`.slice(0, 64);

function skillsAnswer(workshopId: string, stored: StoredSkills | null, updatedAt: string | null): Skills {
  const input: StoredSkills = stored ?? {
    people: [],
    skills: [],
    levels: {},
    target: {},
    trainingWorkPackages: false,
  };
  return {
    workshopId,
    people: input.people.map((p) => ({ name: p.name, role: p.role ?? null })),
    skills: input.skills,
    levels: input.levels,
    target: input.target,
    gaps: skillGaps(input).map((g) => ({
      ...g,
      workPackage: input.trainingWorkPackages && g.gap > 0 ? trainingKey(g.skill) : null,
    })),
    updatedAt,
  };
}

/**
 * Replaces the skills matrix (facilitators). Every name in `levels` must be a person and every skill
 * key a listed skill. With `trainingWorkPackages`, each skill with a gap gets (or links) a plan work
 * package `training-<skill>` of 5 working days per level short.
 */
export async function putSkills(
  ctx: ServiceContext,
  input: PutSkills & { workshopId: string },
): Promise<Skills> {
  const { workshopId, actor: _actor, ...stored } = input;
  await loadWorkshop(ctx, workshopId);
  await assertCanFacilitate(ctx, workshopId);
  const people = new Set(stored.people.map((p) => p.name));
  const skills = new Set(stored.skills);
  const details: ErrorDetail[] = [];
  if (people.size !== stored.people.length)
    details.push({ path: "people", message: "each name at most once" });
  if (skills.size !== stored.skills.length)
    details.push({ path: "skills", message: "each skill at most once" });
  for (const [name, levels] of Object.entries(stored.levels)) {
    if (!people.has(name)) details.push({ path: `levels.${name}`, message: "not one of people" });
    for (const skill of Object.keys(levels))
      if (!skills.has(skill)) details.push({ path: `levels.${name}.${skill}`, message: "not one of skills" });
  }
  for (const skill of Object.keys(stored.target))
    if (!skills.has(skill)) details.push({ path: `target.${skill}`, message: "not one of skills" });
  if (details.length) refuse(details);

  const answer = skillsAnswer(workshopId, stored, ctx.now.toISOString());
  if (stored.trainingWorkPackages) {
    const plan = await findPlan(ctx.database.db, workshopId);
    const have = new Set(plan?.workPackages.map((w) => w.key) ?? []);
    for (const g of answer.gaps) {
      if (!g.workPackage || have.has(g.workPackage)) continue;
      await addWorkPackage(ctx, {
        workshopId,
        key: g.workPackage,
        workPackage: {
          title: `Training: ${g.skill} to level ${g.target}`,
          durationDays: TRAINING_DAYS_PER_LEVEL * g.gap,
          dependsOn: [],
        },
      });
    }
  }
  await writeMatrix(ctx, workshopId, "skills", stored);
  return answer;
}

export async function getSkills(ctx: ServiceContext, input: { workshopId: string }): Promise<Skills> {
  await loadWorkshop(ctx, input.workshopId);
  const found = await readMatrix<StoredSkills>(ctx, input.workshopId, "skills");
  return skillsAnswer(input.workshopId, found?.input ?? null, found?.updatedAt ?? null);
}

/** Replaces the cost table (facilitators); every option must be a scorecard option. */
export async function putCosts(
  ctx: ServiceContext,
  input: PutCosts & { workshopId: string },
): Promise<Costs> {
  const { workshopId, actor: _actor, ...stored } = input;
  await loadWorkshop(ctx, workshopId);
  await assertCanFacilitate(ctx, workshopId);
  const frame = await scorecardFrame(ctx, workshopId);
  const known = frame.options.map((o) => o.key);
  const details = stored.items.flatMap((item, i): ErrorDetail[] =>
    known.includes(item.option) ? [] : [{ path: `items.${i}.option`, message: `one of ${known.join(", ")}` }],
  );
  if (details.length) refuse(details);
  await writeMatrix(ctx, workshopId, "costs", stored);
  return getCosts(ctx, { workshopId });
}

/**
 * The cost table with totals per option (and currency) and environment, beside the room's votes on
 * the scorecard's cost factor (the factor whose key or name says "cost").
 */
export async function getCosts(ctx: ServiceContext, input: { workshopId: string }): Promise<Costs> {
  const { workshopId } = input;
  await loadWorkshop(ctx, workshopId);
  const found = await readMatrix<StoredCosts>(ctx, workshopId, "costs");
  const items = found?.input.items ?? [];
  const frame = await scorecardFrame(ctx, workshopId);
  const label = (key: string) => frame.options.find((o) => o.key === key)?.label ?? key;
  const scorecard = await visibleScorecard(ctx, workshopId);
  const costFactor = scorecard?.factors.find((f) => /cost/i.test(f.key) || /cost/i.test(f.name));
  const costVotes =
    scorecard && costFactor
      ? scorecard.views.flatMap((v) =>
          v.cells
            .filter((c) => c.factor === costFactor.key)
            .map((c) => ({
              option: c.option,
              view: v.view ?? DEFAULT_VIEW,
              factor: c.factor,
              counts: c.counts,
              votes: c.votes,
              mean: c.mean,
            })),
        )
      : [];
  return {
    workshopId,
    items: items.map((i) => ({ ...i, note: i.note ?? null })),
    totals: costTotals(items).map((t) => ({ ...t, label: label(t.option) })),
    costVotes,
    updatedAt: found?.updatedAt ?? null,
  };
}
