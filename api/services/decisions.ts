import { and, asc, eq, inArray } from "drizzle-orm";
import { agendaItems } from "../../db/schema/agenda-items.js";
import { type DecisionRow, decisions } from "../../db/schema/decisions.js";
import { renderMadr } from "../domain/outputs/madr.js";
import { localDate } from "../domain/time/natural-date.js";
import { DomainError, type ErrorDetail } from "../errors.js";
import type { Decision, PutDecision } from "../schemas/decision.js";
import { audit } from "./audit.js";
import { actorName, loadWorkshop, onDb, type ServiceContext } from "./context.js";
import { seedEnvironmentsFromDecision } from "./environments.js";
import { assertCanFacilitate } from "./facilitators.js";
import { addWorkPackage, findPlan } from "./plans.js";
import { actorDisplayName } from "./room-access.js";
import { DEFAULT_VIEW, type ScorecardFrame, scorecardFrame, visibleScorecard } from "./scorecard-frame.js";

/** A mitigation's new work package: a week of work until someone plans it properly. */
const MITIGATION_DAYS = 5;

function toDecision(row: DecisionRow, frame: ScorecardFrame): Decision {
  const label = frame.options.find((o) => o.key === row.option)?.label ?? row.option;
  const factorName = (key: string) => frame.factors.find((f) => f.key === key)?.name ?? key;
  const mitigated = new Set(row.mitigations.map((m) => m.factor));
  return {
    workshopId: row.workshopId,
    view: row.view,
    option: row.option,
    optionLabel: label,
    rationale: row.rationale,
    conditions: row.conditions,
    mitigations: row.mitigations.map((m) => ({
      factor: m.factor,
      factorName: factorName(m.factor),
      text: m.text,
      workPackage: m.workPackage ?? null,
    })),
    recommended: row.recommended,
    accepted: row.recommended.includes(row.option),
    gaps: row.gaps,
    unmitigatedGaps: row.gaps.filter((g) => !mitigated.has(g)),
    sessionId: row.agendaItemId,
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * Records what the room decided for one scorecard view (facilitators): the chosen option against
 * the scorecard's recommendation at this moment, the rationale, conditions and a mitigation per gap.
 * A mitigation naming a work package links it, adding it to the plan first when the plan lacks it.
 * A second PUT for the view replaces the first.
 */
export async function recordDecision(
  ctx: ServiceContext,
  input: PutDecision & { workshopId: string; view: string },
): Promise<Decision> {
  const { workshopId, view } = input;
  await loadWorkshop(ctx, workshopId);
  await assertCanFacilitate(ctx, workshopId);
  const frame = await scorecardFrame(ctx, workshopId);
  const details: ErrorDetail[] = [];
  if (!frame.views.includes(view))
    details.push({ path: "view", message: `one of ${frame.views.join(", ")}` });
  if (!frame.options.some((o) => o.key === input.option))
    details.push({ path: "option", message: `one of ${frame.options.map((o) => o.key).join(", ")}` });
  input.mitigations.forEach((m, i) => {
    if (!frame.factors.some((f) => f.key === m.factor))
      details.push({
        path: `mitigations.${i}.factor`,
        message: `one of ${frame.factors.map((f) => f.key).join(", ")}`,
      });
  });
  if (details.length) {
    throw new DomainError(
      "VALIDATION",
      `Invalid request: ${details.map((d) => `${d.path}: not a ${d.path.split(".").at(-1)} of this workshop's scorecard`).join("; ")}`,
      details,
    );
  }

  const scorecard = await visibleScorecard(ctx, workshopId);
  const scored = scorecard?.views.find((v) => (v.view ?? DEFAULT_VIEW) === view);
  const recommended = scored?.recommended.map((r) => r.option) ?? [];
  const chosen = scored?.recommended.find((r) => r.option === input.option);
  // Gaps of the chosen option: the scorecard names them for a recommended option; otherwise they are
  // its cells scoring below 2 (the same rule).
  const gaps = chosen
    ? chosen.gaps
    : (scored?.cells ?? [])
        .filter((c) => c.option === input.option && c.score !== null && c.score < 2)
        .map((c) => c.factor);

  // Work packages first (the plan service has its own transaction); an existing key is linked.
  const actor = actorName(ctx);
  const wanted = input.mitigations.filter((m) => m.workPackage);
  if (wanted.length) {
    const plan = await findPlan(ctx.database.db, workshopId);
    const have = new Set(plan?.workPackages.map((w) => w.key) ?? []);
    for (const m of wanted) {
      const key = m.workPackage as string;
      if (have.has(key)) continue;
      const factor = frame.factors.find((f) => f.key === m.factor)?.name ?? m.factor;
      const title = `Mitigate ${factor}: ${m.text}`;
      await addWorkPackage(ctx, {
        workshopId,
        key,
        workPackage: {
          title: title.length > 300 ? `${title.slice(0, 299)}…` : title,
          durationDays: MITIGATION_DAYS,
          dependsOn: [],
        },
      });
      have.add(key);
    }
  }

  const row = await ctx.database.db.transaction(async (tx) => {
    await loadWorkshop(onDb(ctx, tx), workshopId, { lock: true });
    const [running] = await tx
      .select({ id: agendaItems.id })
      .from(agendaItems)
      .where(and(eq(agendaItems.workshopId, workshopId), inArray(agendaItems.state, ["running", "paused"])));
    const values = {
      option: input.option,
      rationale: input.rationale,
      conditions: input.conditions,
      mitigations: input.mitigations.map((m) => ({
        factor: m.factor,
        text: m.text,
        ...(m.workPackage ? { workPackage: m.workPackage } : {}),
      })),
      recommended,
      gaps,
      decidedBy: actor,
      decidedByName: actorDisplayName(ctx),
      updatedAt: ctx.now,
    };
    const [saved] = await tx
      .insert(decisions)
      .values({ workshopId, view, agendaItemId: running?.id ?? null, createdAt: ctx.now, ...values })
      .onConflictDoUpdate({ target: [decisions.workshopId, decisions.view], set: values })
      .returning();
    if (!saved) throw new Error("upsert returned no row");
    await audit(tx, ctx, {
      workshopId,
      action: "decision.record",
      entityType: "decision",
      entityId: saved.id,
      details: {
        workshopId,
        view,
        option: input.option,
        recommended,
        accepted: recommended.includes(input.option),
      },
    });
    // The first decision seeds the strawman environments when the room has written none.
    await seedEnvironmentsFromDecision(tx, ctx, workshopId, {
      view,
      option: input.option,
      optionLabel: frame.options.find((o) => o.key === input.option)?.label ?? input.option,
    });
    return saved;
  });
  return toDecision(row, frame);
}

/** Every recorded decision of the workshop, by view name. */
export async function listDecisions(ctx: ServiceContext, input: { workshopId: string }): Promise<Decision[]> {
  const frame = await scorecardFrame(ctx, input.workshopId);
  const rows = await ctx.db
    .select()
    .from(decisions)
    .where(eq(decisions.workshopId, input.workshopId))
    .orderBy(asc(decisions.view));
  return rows.map((r) => toDecision(r, frame));
}

export async function getDecision(
  ctx: ServiceContext,
  input: { workshopId: string; view: string },
): Promise<Decision> {
  const found = (await listDecisions(ctx, input)).find((d) => d.view === input.view);
  if (!found) throw new DomainError("NOT_FOUND", `No decision recorded for the view "${input.view}" yet.`);
  return found;
}

/** The decision as a MADR Markdown record. */
export async function decisionMarkdown(
  ctx: ServiceContext,
  input: { workshopId: string; view: string },
): Promise<string> {
  const workshop = await loadWorkshop(ctx, input.workshopId);
  const decision = await getDecision(ctx, input);
  const frame = await scorecardFrame(ctx, input.workshopId);
  const scorecard = await visibleScorecard(ctx, input.workshopId);
  const scored = scorecard?.views.find((v) => (v.view ?? DEFAULT_VIEW) === input.view);
  return renderMadr({
    workshopName: workshop.name,
    view: input.view,
    option: { key: decision.option, label: decision.optionLabel },
    options: frame.options.map((o) => ({
      ...o,
      score: scored?.options.find((s) => s.option === o.key)?.score ?? null,
    })),
    recommended: decision.recommended,
    accepted: decision.accepted,
    rationale: decision.rationale,
    conditions: decision.conditions,
    mitigations: decision.mitigations.map((m) => ({ ...m, workPackage: m.workPackage ?? undefined })),
    decidedBy: decision.decidedByName || decision.decidedBy,
    date: localDate(new Date(decision.updatedAt), workshop.timezone),
  });
}
