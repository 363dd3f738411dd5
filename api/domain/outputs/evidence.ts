/**
 * Which evidence an output of the agenda is fed by, read from its title, pure.
 *
 * Everything captured in the output's own session counts toward it: line items, polls and decisions
 * recorded while that session ran. Two kinds of evidence belong to the workshop rather than a session
 * and are counted only where the title asks for them: the plan's work packages for outputs about a
 * plan, timeline, steps or dependencies, and use cases for outputs about use cases, data flows or
 * findings. Every other output shows 0 for those two.
 */
export interface EvidenceSources {
  workPackages: boolean;
  useCases: boolean;
}

const PLAN = /\b(plan|timeline|steps|work-package|dependency|dependencies)\b/i;
const USE_CASES = /\b(use case|data-flow|data flow|findings)\b/i;

export function evidenceSources(title: string): EvidenceSources {
  return { workPackages: PLAN.test(title), useCases: USE_CASES.test(title) };
}

/** The day-2 review session: a session whose title starts with or names a "review" of the earlier day. */
export function isReviewSession(title: string): boolean {
  return /\breview\b/i.test(title);
}
