import { type NonWorkingDay, weekdayName } from "./calendar.js";
import { FF, FS, SF, SS } from "./graph.js";
import { type PlanAnalysis, shownFinishDay, shownStartDay } from "./schedule.js";
import { LINK_TYPES, type Link } from "./types.js";

export interface WhyStep {
  key: string;
  title: string;
  durationDays: number;
  earlyStart: string;
  earlyFinish: string;
  /** The link that set this package's early start; null when the plan's start did. */
  drivenBy: Link | null;
  explanation: string;
  /** Calendar days the calendar skipped between the date that drove this one and this one. */
  nonWorkingDays: NonWorkingDay[];
}

export interface WhyAnswer {
  key: string;
  earlyStart: string;
  /** From the package the plan's start drives, through each driving link, to the one asked about. */
  chain: WhyStep[];
}

/**
 * Why a package starts when it does: its driving link (the one whose bound equals its early start;
 * the first listed when several tie), then that predecessor's, back to a package the plan's start
 * sets. Null when there is no such key.
 */
export function explainStart(a: PlanAnalysis, key: string): WhyAnswer | null {
  const target = a.graph.indexOf.get(key);
  if (target === undefined) return null;
  const steps: WhyStep[] = [];
  for (let s: number | null = target; s !== null; ) {
    const { step, next } = explain(a, s);
    steps.push(step);
    s = next;
  }
  steps.reverse();
  return { key, earlyStart: steps.at(-1)?.earlyStart ?? "", chain: steps };
}

function explain(a: PlanAnalysis, s: number): { step: WhyStep; next: number | null } {
  const { calendar, graph } = a;
  const wp = a.input.workPackages[s];
  const d = a.duration[s] ?? 0;
  const es = a.es[s] ?? 0;
  const ef = a.ef[s] ?? 0;
  const epoch = (day: number) => calendar.epochOf(day) ?? calendar.startDay;
  const show = (day: number) => `${weekdayName(epoch(day))} ${calendar.dateOf(day)}`;
  const base = {
    key: graph.keys[s] ?? "",
    title: wp?.title ?? "",
    durationDays: d,
    earlyStart: calendar.dateOf(shownStartDay(es, d)),
    earlyFinish: calendar.dateOf(shownFinishDay(ef, d)),
  };

  let driving = -1;
  let earlierBound: number | null = null;
  for (let k = graph.inStart[s] ?? 0; k < (graph.inStart[s + 1] ?? 0); k++) {
    const bound = startBound(a, s, k);
    if (bound === es) {
      driving = k;
      break;
    }
    if (earlierBound === null || bound > earlierBound) earlierBound = bound;
  }

  if (driving < 0) {
    const startEpoch = epoch(0);
    const skipped = calendar.nonWorkingDaysBetween(calendar.startDay - 1, startEpoch);
    const from =
      startEpoch === calendar.startDay
        ? `the plan's start, ${show(0)}`
        : `the first working day on or after the plan's start ${weekdayName(calendar.startDay)} ${calendar.iso(calendar.startDay)}: ${show(0)}`;
    const clamp =
      earlierBound !== null
        ? "; its links would allow an earlier start, but nothing starts before the plan"
        : "";
    return {
      step: {
        ...base,
        drivenBy: null,
        explanation: `${base.key} starts on working day 0, ${from}${clamp}.`,
        nonWorkingDays: skipped,
      },
      next: null,
    };
  }

  const p = graph.inPred[driving] ?? 0;
  const type = graph.inType[driving] ?? FS;
  const lag = graph.inLag[driving] ?? 0;
  const pd = a.duration[p] ?? 0;
  const pKey = graph.keys[p] ?? "";
  const fromFinish = type === FS || type === FF;
  const toFinish = type === FF || type === SF;
  const anchorDay = fromFinish ? shownFinishDay(a.ef[p] ?? 0, pd) : shownStartDay(a.es[p] ?? 0, pd);
  const drivenDay = toFinish ? shownFinishDay(ef, d) : shownStartDay(es, d);
  const lagText =
    lag === 0
      ? "no lag"
      : lag > 0
        ? `a lag of ${lag} working day${lag === 1 ? "" : "s"}`
        : `a lead of ${-lag} working day${lag === -1 ? "" : "s"}`;
  const linkName = `${LINK_TYPES[type]}${lag === 0 ? "" : lag > 0 ? `+${lag}` : `${lag}`}`;
  let explanation =
    `${linkName} after ${pKey}: ${pKey} ${fromFinish ? "finishes" : "starts"} on ${show(anchorDay)}; ` +
    `with ${lagText}, ${base.key} ${toFinish ? "finishes" : "starts"} on ${show(drivenDay)}`;
  if (toFinish) explanation += `, so it starts ${d} working day${d === 1 ? "" : "s"} earlier, on ${show(es)}`;
  const skipped = calendar.nonWorkingDaysBetween(epoch(anchorDay), epoch(drivenDay));
  if (skipped.length)
    explanation += `, skipping ${skipped.length} non-working day${skipped.length === 1 ? "" : "s"}`;
  return {
    step: {
      ...base,
      drivenBy: { key: pKey, type: LINK_TYPES[type] ?? "FS", lagDays: lag },
      explanation: `${explanation}.`,
      nonWorkingDays: skipped,
    },
    next: p,
  };
}

/** The earliest start link `k` into `s` allows (before the day-0 floor). */
function startBound(a: PlanAnalysis, s: number, k: number): number {
  const p = a.graph.inPred[k] ?? 0;
  const lag = a.graph.inLag[k] ?? 0;
  const d = a.duration[s] ?? 0;
  switch (a.graph.inType[k]) {
    case FS:
      return (a.ef[p] ?? 0) + lag;
    case SS:
      return (a.es[p] ?? 0) + lag;
    case FF:
      return (a.ef[p] ?? 0) + lag - d;
    case SF:
      return (a.es[p] ?? 0) + lag - d;
    default:
      return 0;
  }
}
