import { and, desc, eq } from "drizzle-orm";
import { polls } from "../../db/schema/polls.js";
import { assignKeys } from "../domain/scorecard/keys.js";
import { DEFAULT_TEMPLATE_ID, TEMPLATES } from "../domain/templates/index.js";
import { DomainError } from "../errors.js";
import type { WorkshopScorecard } from "../schemas/poll.js";
import { loadWorkshop, type ServiceContext } from "./context.js";
import { getScorecard } from "./polls.js";

/** The view name a poll without views is recorded under. */
export const DEFAULT_VIEW = "default";

/**
 * What the room's options and factors are: those of the workshop's latest scorecard poll, or, before
 * one is launched, the template's (keyed as a scorecard poll would key them).
 */
export interface ScorecardFrame {
  options: { key: string; label: string }[];
  factors: { key: string; name: string }[];
  /** View names; [DEFAULT_VIEW] for a poll without views. */
  views: string[];
  pollId: string | null;
}

export async function scorecardFrame(ctx: ServiceContext, workshopId: string): Promise<ScorecardFrame> {
  const workshop = await loadWorkshop(ctx, workshopId);
  const [poll] = await ctx.db
    .select({ id: polls.id, options: polls.options, factors: polls.factors, views: polls.views })
    .from(polls)
    .where(and(eq(polls.workshopId, workshopId), eq(polls.kind, "scorecard")))
    .orderBy(desc(polls.createdAt), desc(polls.id))
    .limit(1);
  if (poll) {
    return {
      options: poll.options.map((o) => ({ key: o.key, label: o.label })),
      factors: poll.factors.map((f) => ({ key: f.key, name: f.name })),
      views: poll.views.length ? poll.views : [DEFAULT_VIEW],
      pollId: poll.id,
    };
  }
  // As a scorecard poll launched now would have them (a custom agenda gets the default template's).
  const template = TEMPLATES[workshop.templateId ?? DEFAULT_TEMPLATE_ID] ?? TEMPLATES[DEFAULT_TEMPLATE_ID];
  if (!template) return { options: [], factors: [], views: [DEFAULT_VIEW], pollId: null };
  const { keys: optionKeys } = assignKeys(template.scorecard.options.map((label) => ({ label })));
  const { keys: factorKeys } = assignKeys(template.scorecard.factors.map((f) => ({ label: f.name })));
  return {
    options: template.scorecard.options.map((label, i) => ({ key: optionKeys[i] ?? label, label })),
    factors: template.scorecard.factors.map((f, i) => ({ key: factorKeys[i] ?? f.name, name: f.name })),
    views: [DEFAULT_VIEW],
    pollId: null,
  };
}

/** A 400 naming `field` unless `option` is one of the frame's option keys. */
export function assertOption(frame: ScorecardFrame, option: string, field = "option"): void {
  if (frame.options.some((o) => o.key === option)) return;
  const known = frame.options.map((o) => o.key).join(", ");
  throw new DomainError(
    "VALIDATION",
    `${field}: "${option}" is not an option of this workshop's scorecard${known ? ` (${known})` : " (it has none yet)"}`,
    [{ path: field, message: known ? `one of ${known}` : "the workshop has no scorecard options yet" }],
  );
}

/**
 * The computed scorecard as this caller may see it, or null when there is none yet or it is still
 * blind to them: a decision can be recorded before the room has voted.
 */
export async function visibleScorecard(
  ctx: ServiceContext,
  workshopId: string,
): Promise<WorkshopScorecard | null> {
  try {
    return await getScorecard(ctx, {
      workshopId,
      viewer:
        ctx.caller.role === "bot" && ctx.actor ? `${ctx.actor.platform}:${ctx.actor.userId}` : undefined,
      // The room's results only: the person's own votes (keyed in an anonymous poll) are not needed.
      ownVotes: false,
    });
  } catch (err) {
    if (err instanceof DomainError && (err.code === "NOT_FOUND" || err.code === "CONFLICT")) return null;
    throw err;
  }
}
