import { describe, expect, it } from "vitest";
import {
  type AgendaAction,
  applyAction,
  endsAt,
  projectAgenda,
  type RunItem,
  timerSlots,
} from "../../api/domain/agenda/run.js";

const T0 = new Date("2026-03-02T09:00:00Z");
const min = (n: number) => new Date(T0.getTime() + n * 60_000);

function item(position: number, startMin: number, endMin: number, patch: Partial<RunItem> = {}): RunItem {
  return {
    id: `i${position}`,
    position,
    day: 1,
    kind: "session",
    title: `Item ${position}`,
    plannedStart: min(startMin),
    plannedEnd: min(endMin),
    state: "pending",
    actualStart: null,
    actualEnd: null,
    endsAt: null,
    pausedAt: null,
    pausedSeconds: 0,
    extendedMinutes: 0,
    version: 0,
    ...patch,
  };
}

/** Three 30-minute items back to back from 09:00. */
const fresh = () => [item(0, 0, 30), item(1, 30, 60), item(2, 60, 90)];

function run(items: RunItem[], steps: [AgendaAction, number][]): RunItem[] {
  let state = items;
  for (const [action, at] of steps) {
    const r = applyAction(state, action, min(at));
    if (!r.ok) throw new Error(`${action.type} at +${at}: ${r.message}`);
    state = state.map((i) => r.changed.find((c) => c.id === i.id) ?? i);
  }
  return state;
}

describe("transitions", () => {
  it("start runs the first pending item with endsAt = start + planned length", () => {
    const r = applyAction(fresh(), { type: "start" }, min(2));
    expect(r.ok && r.current).toMatchObject({
      id: "i0",
      state: "running",
      actualStart: min(2),
      endsAt: min(32),
      version: 1,
    });
  });

  it("next finishes the current item and starts the next", () => {
    const items = run(fresh(), [
      [{ type: "start" }, 0],
      [{ type: "next" }, 25],
    ]);
    expect(items.map((i) => i.state)).toEqual(["done", "running", "pending"]);
    expect(items[0]).toMatchObject({ actualEnd: min(25), endsAt: null });
    expect(items[1]?.endsAt).toEqual(min(55));
  });

  it("next on the last item finishes the agenda; another next is refused", () => {
    const items = run(fresh(), [
      [{ type: "start" }, 0],
      [{ type: "next" }, 30],
      [{ type: "next" }, 60],
      [{ type: "next" }, 90],
    ]);
    expect(items.map((i) => i.state)).toEqual(["done", "done", "done"]);
    const r = applyAction(items, { type: "next" }, min(91));
    expect(r).toEqual({ ok: false, message: expect.stringContaining("the agenda is finished") });
  });

  it("endsAt counts extensions and paused time", () => {
    const items = run(fresh(), [
      [{ type: "start" }, 0],
      [{ type: "pause" }, 10],
      [{ type: "resume" }, 17],
      [{ type: "extend", minutes: 5 }, 20],
    ]);
    expect(items[0]).toMatchObject({
      state: "running",
      pausedSeconds: 7 * 60,
      extendedMinutes: 5,
      endsAt: min(42),
    });
  });

  it("a paused item's end moves while it stays paused", () => {
    const items = run(fresh(), [
      [{ type: "start" }, 0],
      [{ type: "pause" }, 10],
    ]);
    expect(endsAt(items[0] as RunItem, min(25))).toEqual(min(45));
  });

  it("back reopens the previous item with a fresh timebox and returns the current one to pending", () => {
    const items = run(fresh(), [
      [{ type: "start" }, 0],
      [{ type: "next" }, 30],
      [{ type: "back" }, 35],
    ]);
    expect(items.map((i) => i.state)).toEqual(["running", "pending", "pending"]);
    expect(items[0]).toMatchObject({ actualStart: min(35), endsAt: min(65), actualEnd: null });
    expect(items[1]).toMatchObject({ actualStart: null, endsAt: null });
  });

  it("skip skips the next pending item so next jumps over it", () => {
    const items = run(fresh(), [
      [{ type: "start" }, 0],
      [{ type: "skip" }, 5],
      [{ type: "next" }, 30],
    ]);
    expect(items.map((i) => i.state)).toEqual(["done", "skipped", "running"]);
  });

  it.each([
    ["start while running", [[{ type: "start" }, 0]], { type: "start" }, "already running"],
    ["resume when not paused", [[{ type: "start" }, 0]], { type: "resume" }, "is not paused"],
    ["resume with nothing started", [], { type: "resume" }, "Nothing is paused"],
    [
      "pause when paused",
      [
        [{ type: "start" }, 0],
        [{ type: "pause" }, 1],
      ],
      { type: "pause" },
      "already paused",
    ],
    ["pause with nothing running", [], { type: "pause" }, "Nothing is running"],
    ["extend with nothing running", [], { type: "extend", minutes: 5 }, "Nothing is running"],
    ["back at the first item", [[{ type: "start" }, 0]], { type: "back" }, "no earlier item"],
    [
      "skip with nothing after",
      [
        [{ type: "start" }, 0],
        [{ type: "next" }, 1],
        [{ type: "next" }, 2],
      ],
      { type: "skip" },
      "no upcoming item",
    ],
  ] as [string, [AgendaAction, number][], AgendaAction, string][])(
    "refuses %s",
    (_name, steps, action, message) => {
      const r = applyAction(run(fresh(), steps), action, min(10));
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message).toContain(message);
    },
  );
});

describe("timer slots", () => {
  it("a fresh 30-minute session: start now, 5 and 1 minute warnings, time's up, first overrun", () => {
    const [started] = run(fresh(), [[{ type: "start" }, 0]]);
    expect(timerSlots(started as RunItem, min(0), true)).toEqual([
      { kind: "started", seq: 0, dueAt: min(0) },
      { kind: "warning5", seq: 0, dueAt: min(25) },
      { kind: "warning1", seq: 0, dueAt: min(29) },
      { kind: "timeup", seq: 0, dueAt: min(30) },
      { kind: "overrun", seq: 1, dueAt: min(35) },
    ]);
  });

  it("after extending with 3 minutes left, the 5-minute warning is back in the future", () => {
    const items = run(fresh(), [
      [{ type: "start" }, 0],
      [{ type: "extend", minutes: 3 }, 27],
    ]);
    expect(timerSlots(items[0] as RunItem, min(27), false).map((s) => [s.kind, s.dueAt])).toEqual([
      ["warning5", min(28)],
      ["warning1", min(32)],
      ["timeup", min(33)],
      ["overrun", min(38)],
    ]);
  });

  it("leaves out warnings already past and sends nothing while paused", () => {
    const items = run(fresh(), [[{ type: "start" }, 0]]);
    expect(timerSlots(items[0] as RunItem, min(26), false).map((s) => s.kind)).toEqual([
      "warning1",
      "timeup",
      "overrun",
    ]);
    const paused = run(items, [[{ type: "pause" }, 10]]);
    expect(timerSlots(paused[0] as RunItem, min(10), false)).toEqual([]);
  });

  it("a 3-minute item gets no 5-minute warning", () => {
    const [short] = run([item(0, 0, 3)], [[{ type: "start" }, 0]]);
    expect(timerSlots(short as RunItem, min(0), true).map((s) => s.kind)).toEqual([
      "started",
      "warning1",
      "timeup",
      "overrun",
    ]);
  });
});

describe("projection", () => {
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);

  it("says how far behind the day runs and which item moves", () => {
    // Item 0 started 12 minutes late; item 1 (09:30) now starts at 09:42.
    const items = run(fresh(), [[{ type: "start" }, 12]]);
    const p = projectAgenda(items, min(13), hhmm);
    expect(p.behindMinutes).toBe(12);
    expect(p.summary).toBe('Running 12 min behind: "Item 1" moves to 09:42 unless a session is cut short.');
    expect(p.items.map((i) => hhmm(i.projectedStart))).toEqual(["09:12", "09:42", "10:12"]);
  });

  it("lets slack before a later item absorb the delay", () => {
    const items = run([item(0, 0, 30), item(1, 60, 90)], [[{ type: "start" }, 10]]);
    const p = projectAgenda(items, min(11), hhmm);
    expect(p.items.map((i) => hhmm(i.projectedStart))).toEqual(["09:10", "10:00"]);
    expect(p.summary).toBe("Running 10 min behind; the rest of the day's slack absorbs it.");
  });

  it("is on time, ahead, and honest before the start and after the end", () => {
    expect(projectAgenda(run(fresh(), [[{ type: "start" }, 0]]), min(1), hhmm).summary).toBe("On time.");
    expect(projectAgenda(run(fresh(), [[{ type: "start" }, -5]]), min(1), hhmm).summary).toBe(
      "Running 5 min ahead of plan.",
    );
    expect(projectAgenda(fresh(), min(0), hhmm).summary).toBe("Not started yet.");
  });

  it("re-bases a day whose first item starts 15 minutes or more late, and says so", () => {
    // Started at 21:45 instead of 09:00 (12 h 45 min late): nothing behind, the day's plan moves with it.
    const late = run(fresh(), [[{ type: "start" }, 765]]);
    const p = projectAgenda(late, min(770), hhmm);
    expect(p.rebasedMinutes).toBe(765);
    expect(p.behindMinutes).toBe(0);
    expect(p.summary).toBe("Day 1 started at 21:45 instead of 09:00, so its plan moved with it. On time.");
    expect(p.items.map((i) => hhmm(i.projectedStart))).toEqual(["21:45", "22:15", "22:45"]);
    // Later delay counts from the moved plan.
    const extended = run(fresh(), [
      [{ type: "start" }, 765],
      [{ type: "extend", minutes: 10 }, 770],
    ]);
    expect(projectAgenda(extended, min(771), hhmm).behindMinutes).toBe(10);
  });

  it.each([
    [14, 0, 14],
    [15, 15, 0],
    [-30, 0, -30],
  ])("a start %i min off plan re-bases by %i and leaves %i min behind", (late, rebased, behind) => {
    const p = projectAgenda(run(fresh(), [[{ type: "start" }, late]]), min(late + 1), hhmm);
    expect(p.rebasedMinutes).toBe(rebased);
    expect(p.behindMinutes).toBe(behind);
  });

  it("says a workshop whose days passed was never started", () => {
    expect(projectAgenda(fresh(), min(91), hhmm).summary).toBe(
      "Never started; its planned days have passed.",
    );
  });

  it("does not carry a delay into the next day", () => {
    const items = run([item(0, 0, 30), { ...item(1, 1440, 1470), day: 2 }], [[{ type: "start" }, 45]]);
    const p = projectAgenda(items, min(46), hhmm);
    expect(hhmm(p.items[1]?.projectedStart as Date)).toBe("09:00");
  });
});
