/**
 * The agenda state machine (DESIGN section 5), pure: items in, changed items out, `now` passed in.
 * States: pending → running ⇄ paused → done | skipped.
 * endsAt = actualStart + planned length + extensions + time paused.
 */

export type ItemState = "pending" | "running" | "paused" | "done" | "skipped";

export interface RunItem {
  id: string;
  position: number;
  day: number;
  kind: "session" | "break";
  title: string;
  plannedStart: Date;
  plannedEnd: Date;
  state: ItemState;
  actualStart: Date | null;
  actualEnd: Date | null;
  endsAt: Date | null;
  pausedAt: Date | null;
  pausedSeconds: number;
  extendedMinutes: number;
  version: number;
}

export type AgendaAction =
  | { type: "start" }
  | { type: "next" }
  | { type: "back" }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "extend"; minutes: number }
  | { type: "skip" };

export type TransitionResult =
  | {
      ok: true;
      /** Items whose state changed, with their version bumped. */
      changed: RunItem[];
      /** The item now running or paused, if any. */
      current: RunItem | null;
      /** Items whose timers must be (re)written; `fresh` ones also announce their start. */
      reschedule: { item: RunItem; fresh: boolean }[];
      message: string;
    }
  | { ok: false; message: string };

const MINUTE = 60_000;

export function plannedMinutes(item: Pick<RunItem, "plannedStart" | "plannedEnd">): number {
  return Math.round((item.plannedEnd.getTime() - item.plannedStart.getTime()) / MINUTE);
}

/** When the item ends if nothing else changes; for a paused item, counting the pause up to `now`. */
export function endsAt(item: RunItem, now: Date): Date | null {
  if (!item.actualStart) return null;
  const paused = item.pausedSeconds * 1000 + (item.pausedAt ? now.getTime() - item.pausedAt.getTime() : 0);
  return new Date(
    item.actualStart.getTime() + (plannedMinutes(item) + item.extendedMinutes) * MINUTE + paused,
  );
}

export function currentItem(items: readonly RunItem[]): RunItem | undefined {
  return items.find((i) => i.state === "running" || i.state === "paused");
}

function bump(item: RunItem, patch: Partial<RunItem>): RunItem {
  return { ...item, ...patch, version: item.version + 1 };
}

function begin(item: RunItem, now: Date): RunItem {
  const started = bump(item, {
    state: "running",
    actualStart: now,
    actualEnd: null,
    pausedAt: null,
    pausedSeconds: 0,
    extendedMinutes: 0,
  });
  return { ...started, endsAt: endsAt(started, now) };
}

function finish(item: RunItem, now: Date): RunItem {
  const paused = item.pausedAt ? Math.round((now.getTime() - item.pausedAt.getTime()) / 1000) : 0;
  return bump(item, {
    state: "done",
    actualEnd: now,
    pausedAt: null,
    pausedSeconds: item.pausedSeconds + paused,
    endsAt: null,
  });
}

const label = (i: RunItem) => `"${i.title}"`;

export function applyAction(itemsIn: readonly RunItem[], action: AgendaAction, now: Date): TransitionResult {
  const items = [...itemsIn].sort((a, b) => a.position - b.position);
  const current = currentItem(items);
  const nextPending = (after: number) => items.find((i) => i.position > after && i.state === "pending");

  switch (action.type) {
    case "start": {
      if (current) {
        return {
          ok: false,
          message: `${label(current)} is already ${current.state}. Use \`next\` to move on.`,
        };
      }
      const first = items.find((i) => i.state === "pending");
      if (!first)
        return { ok: false, message: "Every item on the agenda is done or skipped: nothing left to start." };
      const started = begin(first, now);
      return {
        ok: true,
        changed: [started],
        current: started,
        reschedule: [{ item: started, fresh: true }],
        message: `Started ${label(started)}.`,
      };
    }
    case "next": {
      const after = current
        ? current.position
        : Math.max(-1, ...items.filter((i) => i.state !== "pending").map((i) => i.position));
      const upcoming = nextPending(after);
      if (!current && !upcoming) {
        return {
          ok: false,
          message: "That was the last item: the agenda is finished. Use `back` to reopen the last one.",
        };
      }
      const changed: RunItem[] = [];
      if (current) changed.push(finish(current, now));
      if (!upcoming) {
        return {
          ok: true,
          changed,
          current: null,
          reschedule: [],
          message: `Finished ${label(current as RunItem)}. That was the last item on the agenda.`,
        };
      }
      const started = begin(upcoming, now);
      changed.push(started);
      return {
        ok: true,
        changed,
        current: started,
        reschedule: [{ item: started, fresh: true }],
        message: current
          ? `Finished ${label(current)}; started ${label(started)}.`
          : `Started ${label(started)}.`,
      };
    }
    case "back": {
      const pivot = current ? current.position : Number.POSITIVE_INFINITY;
      const previous = [...items]
        .reverse()
        .find((i) => i.position < pivot && (i.state === "done" || i.state === "skipped"));
      if (!previous) return { ok: false, message: "There is no earlier item to go back to." };
      const changed: RunItem[] = [];
      if (current) {
        changed.push(
          bump(current, {
            state: "pending",
            actualStart: null,
            actualEnd: null,
            endsAt: null,
            pausedAt: null,
            pausedSeconds: 0,
            extendedMinutes: 0,
          }),
        );
      }
      // The earlier item gets a fresh timebox of its planned length.
      const restarted = begin(previous, now);
      changed.push(restarted);
      return {
        ok: true,
        changed,
        current: restarted,
        reschedule: [{ item: restarted, fresh: true }],
        message: `Back to ${label(restarted)}, restarted with ${plannedMinutes(restarted)} min.`,
      };
    }
    case "pause": {
      if (current?.state !== "running") {
        return {
          ok: false,
          message: current
            ? `${label(current)} is already paused. Use \`resume\`.`
            : "Nothing is running to pause.",
        };
      }
      const paused = bump(current, { state: "paused", pausedAt: now, endsAt: null });
      return {
        ok: true,
        changed: [paused],
        current: paused,
        reschedule: [{ item: paused, fresh: false }],
        message: `Paused ${label(paused)}.`,
      };
    }
    case "resume": {
      if (current?.state !== "paused") {
        return {
          ok: false,
          message: current ? `${label(current)} is not paused.` : "Nothing is paused to resume.",
        };
      }
      const pausedFor = Math.round((now.getTime() - (current.pausedAt as Date).getTime()) / 1000);
      const resumed = bump(current, {
        state: "running",
        pausedAt: null,
        pausedSeconds: current.pausedSeconds + pausedFor,
      });
      const withEnd = { ...resumed, endsAt: endsAt(resumed, now) };
      return {
        ok: true,
        changed: [withEnd],
        current: withEnd,
        reschedule: [{ item: withEnd, fresh: false }],
        message: `Resumed ${label(withEnd)}.`,
      };
    }
    case "extend": {
      if (!current) return { ok: false, message: "Nothing is running to extend." };
      const extended = bump(current, { extendedMinutes: current.extendedMinutes + action.minutes });
      const withEnd = { ...extended, endsAt: current.state === "running" ? endsAt(extended, now) : null };
      return {
        ok: true,
        changed: [withEnd],
        current: withEnd,
        reschedule: [{ item: withEnd, fresh: false }],
        message: `Extended ${label(withEnd)} by ${action.minutes} min.`,
      };
    }
    case "skip": {
      const upcoming = nextPending(current ? current.position : -1);
      if (!upcoming) return { ok: false, message: "There is no upcoming item to skip." };
      const skipped = bump(upcoming, { state: "skipped" });
      const after = nextPending(upcoming.position);
      return {
        ok: true,
        changed: [skipped],
        current: current ?? null,
        reschedule: [],
        message: `Skipped ${label(skipped)}.${after ? ` Next up: ${label(after)}.` : ""}`,
      };
    }
  }
}

export interface TimerSlot {
  kind: "started" | "warning5" | "warning1" | "timeup" | "overrun";
  seq: number;
  dueAt: Date;
}

export const OVERRUN_EVERY_MINUTES = 5;
/** Overrun reminders stop after this many (an hour), so a forgotten session does not nag all day. */
export const MAX_OVERRUNS = 12;

/**
 * The messages a running item will send: its start (when fresh), 5 and 1 minute warnings, time's up
 * at endsAt, then overrun reminders every 5 minutes (the first is written here; each delivered one
 * writes the next). Warnings already in the past are left out; a paused item sends nothing.
 */
export function timerSlots(item: RunItem, now: Date, fresh: boolean): TimerSlot[] {
  if (item.state !== "running" || !item.endsAt) return [];
  const end = item.endsAt.getTime();
  const slots: TimerSlot[] = [];
  if (fresh) slots.push({ kind: "started", seq: 0, dueAt: now });
  for (const [kind, minutes] of [
    ["warning5", 5],
    ["warning1", 1],
  ] as const) {
    const due = end - minutes * MINUTE;
    // A warning is only useful if it is still ahead and the session runs longer than the warning.
    if (due > now.getTime() && (item.actualStart?.getTime() ?? 0) < due)
      slots.push({ kind, seq: 0, dueAt: new Date(due) });
  }
  slots.push({ kind: "timeup", seq: 0, dueAt: new Date(end) });
  slots.push(overrunSlot(item.endsAt, 1));
  return slots;
}

export function overrunSlot(itemEndsAt: Date, seq: number): TimerSlot {
  return {
    kind: "overrun",
    seq,
    dueAt: new Date(itemEndsAt.getTime() + seq * OVERRUN_EVERY_MINUTES * MINUTE),
  };
}

export interface ProjectedItem {
  id: string;
  projectedStart: Date;
  projectedEnd: Date;
}

export interface Projection {
  items: ProjectedItem[];
  /** Minutes the current item will end after its (re-based) planned end; negative: ahead. Null when nothing runs. */
  behindMinutes: number | null;
  /**
   * Minutes the current day's plan moved because its first item started that much later than planned
   * (at least REBASE_THRESHOLD_MINUTES); 0 otherwise, or when nothing runs.
   */
  rebasedMinutes: number;
  /** A sentence for people, e.g. "Running 12 min behind: "Lunch break" moves to 12:12 unless …". */
  summary: string;
}

/**
 * A day whose first item starts at least this many minutes late is re-based: the whole day's plan moves
 * with it, so "behind" counts only what happened after the start (facilitators start when the room is
 * ready). A smaller gap is a late start the room should hear about; an early start keeps the plan.
 */
export const REBASE_THRESHOLD_MINUTES = 15;

/** Per day, how far its plan moves: how late its first item started, when that is re-based. */
function dayShifts(items: readonly RunItem[]): Map<number, number> {
  const shifts = new Map<number, number>();
  for (const item of items) {
    if (shifts.has(item.day) || !item.actualStart) continue;
    const first = items.find((i) => i.day === item.day);
    // Only a day whose first item was the one started re-bases (skipping ahead is not "starting late").
    const shift = first === item ? item.actualStart.getTime() - item.plannedStart.getTime() : 0;
    shifts.set(
      item.day,
      shift >= REBASE_THRESHOLD_MINUTES * MINUTE ? Math.round(shift / MINUTE) * MINUTE : 0,
    );
  }
  return shifts;
}

/**
 * Where the rest of the day lands: done items at their actual times, the current item until its
 * endsAt, and each later pending item of the same day at the later of its planned start (moved by the
 * day's re-base, see REBASE_THRESHOLD_MINUTES) and the previous item's projected end (slack in the
 * agenda absorbs delay). A new day starts as planned.
 */
export function projectAgenda(
  itemsIn: readonly RunItem[],
  now: Date,
  formatLocal: (d: Date) => string,
): Projection {
  const items = [...itemsIn].sort((a, b) => a.position - b.position);
  const shifts = dayShifts(items);
  const shiftOf = (i: RunItem) => shifts.get(i.day) ?? 0;
  const out: ProjectedItem[] = [];
  let cursor = null as { day: number; end: number } | null;
  for (const item of items) {
    let start: number;
    let end: number;
    const planned = plannedMinutes(item) * MINUTE;
    const plannedStart = item.plannedStart.getTime() + shiftOf(item);
    if (item.state === "done" && item.actualStart && item.actualEnd) {
      start = item.actualStart.getTime();
      end = item.actualEnd.getTime();
    } else if ((item.state === "running" || item.state === "paused") && item.actualStart) {
      start = item.actualStart.getTime();
      end = Math.max(endsAt(item, now)?.getTime() ?? start, item.state === "paused" ? now.getTime() : 0);
    } else if (item.state === "skipped") {
      start = cursor && cursor.day === item.day ? cursor.end : plannedStart;
      end = start;
    } else {
      start = Math.max(plannedStart, cursor && cursor.day === item.day ? cursor.end : 0);
      end = start + planned;
    }
    out.push({ id: item.id, projectedStart: new Date(start), projectedEnd: new Date(end) });
    if (item.state !== "pending" || cursor === null || cursor.day !== item.day || end > cursor.end) {
      cursor = { day: item.day, end: Math.max(end, cursor?.day === item.day ? cursor.end : 0) };
    }
  }
  const current = currentItem(items);
  if (!current) {
    const remaining = items.filter((i) => i.state === "pending").length;
    const last = items.at(-1);
    return {
      items: out,
      behindMinutes: null,
      rebasedMinutes: 0,
      summary:
        remaining === items.length
          ? last && now.getTime() >= last.plannedEnd.getTime()
            ? "Never started; its planned days have passed."
            : "Not started yet."
          : remaining === 0
            ? "The agenda is finished."
            : "Between items.",
    };
  }
  const rebased = shiftOf(current);
  const projectedEnd = out.find((p) => p.id === current.id)?.projectedEnd ?? current.plannedEnd;
  const behind = Math.round((projectedEnd.getTime() - current.plannedEnd.getTime() - rebased) / MINUTE);
  const moved = items
    .filter((i) => i.position > current.position && i.state === "pending" && i.day === current.day)
    .map((i) => ({ item: i, p: out.find((p) => p.id === i.id) as ProjectedItem }))
    .find(({ item, p }) => p.projectedStart.getTime() > item.plannedStart.getTime() + rebased);
  let summary: string;
  if (behind > 0) {
    summary = `Running ${behind} min behind`;
    summary += moved
      ? `: "${moved.item.title}" moves to ${formatLocal(moved.p.projectedStart)} unless a session is cut short.`
      : "; the rest of the day's slack absorbs it.";
  } else if (behind < 0) {
    summary = `Running ${-behind} min ahead of plan.`;
  } else {
    summary = "On time.";
  }
  if (rebased !== 0) {
    const first = items.find((i) => i.day === current.day) as RunItem;
    summary =
      `Day ${current.day} started at ${formatLocal(first.actualStart as Date)} instead of ` +
      `${formatLocal(first.plannedStart)}, so its plan moved with it. ${summary}`;
  }
  return { items: out, behindMinutes: behind, rebasedMinutes: Math.round(rebased / MINUTE), summary };
}
