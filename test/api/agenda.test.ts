import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema/audit-log.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import {
  createBoundWorkshop,
  createTestApp,
  SLACK_FACILITATOR,
  SLACK_STAKEHOLDER,
  type TestApp,
} from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const MIN = 60_000;

async function act(id: string, bot: string, body: Record<string, unknown>, headers?: Record<string, string>) {
  return t.request("POST", `/v1/workshops/${id}/agenda/actions`, {
    token: bot,
    body: { actor: SLACK_FACILITATOR, ...body },
    headers,
  });
}

async function pendingEvents(workshopId: string) {
  const rows = await t.database.db
    .select()
    .from(timerEvents)
    .where(and(eq(timerEvents.workshopId, workshopId), eq(timerEvents.status, "pending")));
  return rows
    .map((r) => `${r.kind}${r.seq ? `#${r.seq}` : ""}@${r.dueAt.toISOString().slice(11, 16)}`)
    .sort();
}

describe("agenda transitions through the API", () => {
  it("start writes the session's messages for every bound channel in the same transaction", async () => {
    t.clock.set("2026-03-02T09:00:00Z");
    const w = await createBoundWorkshop(t, { channels: ["C1", "C2"] });
    const res = await act(w.id, w.bot, { action: "start" });
    expect(res.status).toBe(200);
    expect(res.json.message).toBe('Started "Session 1".');
    expect(res.json.agenda).toMatchObject({ secondsLeft: 30 * 60, summary: "On time." });
    const per = ["overrun#1@09:35", "started@09:00", "timeup@09:30", "warning1@09:29", "warning5@09:25"];
    expect(await pendingEvents(w.id)).toEqual([...per, ...per].sort());
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, w.id), eq(auditLog.action, "agenda.start")));
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor).toBe("slack:UFAC");
  });

  it("re-bases a day started late and says when the summary has news", async () => {
    // The template-like agenda starts 09:00; the room was ready at 11:40.
    t.clock.set("2026-03-02T11:40:00Z");
    const w = await createBoundWorkshop(t, { channels: ["C1"] });
    const started = await act(w.id, w.bot, { action: "start" });
    expect(started.json).toMatchObject({
      summaryChanged: true,
      agenda: { rebasedMinutes: 160, behindMinutes: 0 },
    });
    expect(started.json.agenda.summary).toMatch(
      /^Day 1 started at \d\d:\d\d instead of \d\d:\d\d, so its plan moved/,
    );
    t.clock.advance(30 * MIN);
    const next = await act(w.id, w.bot, { action: "next" });
    expect(next.json).toMatchObject({ summaryChanged: false, agenda: { behindMinutes: 0 } });
    const extended = await act(w.id, w.bot, { action: "extend", minutes: 10 });
    expect(extended.json).toMatchObject({ summaryChanged: true, agenda: { behindMinutes: 10 } });
  });

  it("extend and pause reschedule the timers; resume brings them back shifted by the pause", async () => {
    t.clock.set("2026-03-02T09:00:00Z");
    const w = await createBoundWorkshop(t);
    await act(w.id, w.bot, { action: "start" });
    t.clock.advance(20 * MIN);
    const extended = await act(w.id, w.bot, { action: "extend", minutes: 10 });
    expect(extended.json.agenda.items[0].endsAt).toBe("2026-03-02T09:40:00.000Z");
    expect(await pendingEvents(w.id)).toEqual([
      "overrun#1@09:45",
      "started@09:00",
      "timeup@09:40",
      "warning1@09:39",
      "warning5@09:35",
    ]);

    const paused = await act(w.id, w.bot, { action: "pause" });
    expect(paused.json.agenda.items[0].state).toBe("paused");
    expect(await pendingEvents(w.id)).toEqual(["started@09:00"]);

    t.clock.advance(7 * MIN);
    const resumed = await act(w.id, w.bot, { action: "resume" });
    expect(resumed.json.agenda.items[0]).toMatchObject({
      state: "running",
      endsAt: "2026-03-02T09:47:00.000Z",
      pausedSeconds: 420,
    });
    expect(await pendingEvents(w.id)).toEqual([
      "overrun#1@09:52",
      "started@09:00",
      "timeup@09:47",
      "warning1@09:46",
      "warning5@09:42",
    ]);
  });

  it("next cancels the finished session's timers and schedules the next one's", async () => {
    t.clock.set("2026-03-02T09:00:00Z");
    const w = await createBoundWorkshop(t);
    await act(w.id, w.bot, { action: "start" });
    t.clock.advance(28 * MIN);
    const res = await act(w.id, w.bot, { action: "next" });
    expect(res.json.message).toBe('Finished "Session 1"; started "Session 2".');
    // The finished session asks for feedback in its thread (issue 4).
    expect(await pendingEvents(w.id)).toEqual([
      "feedback@09:28",
      "overrun#1@10:03",
      "started@09:28",
      "timeup@09:58",
      "warning1@09:57",
      "warning5@09:53",
    ]);
  });

  it("reports how late the day runs", async () => {
    t.clock.set("2026-03-02T09:12:00Z");
    const w = await createBoundWorkshop(t);
    await act(w.id, w.bot, { action: "start" });
    const agenda = await t.request("GET", `/v1/workshops/${w.id}/agenda`, { token: await t.tokenFor("pm") });
    expect(agenda.status).toBe(200);
    expect(agenda.json.behindMinutes).toBe(12);
    expect(agenda.json.summary).toBe(
      'Running 12 min behind: "Session 2" moves to 09:42 unless a session is cut short.',
    );
    expect(
      agenda.json.items.map((i: { state: string; projectedLocalStart: string }) => [
        i.state,
        i.projectedLocalStart,
      ]),
    ).toEqual([
      ["running", "09:12"],
      ["pending", "09:42"],
      ["pending", "10:12"],
    ]);
  });

  it.each([
    ["resume when not paused", [{ action: "start" }], { action: "resume" }, 409, "is not paused"],
    [
      "next after the last session",
      [{ action: "start" }, { action: "next" }, { action: "next" }, { action: "next" }],
      { action: "next" },
      409,
      "the agenda is finished",
    ],
    ["pause with nothing running", [], { action: "pause" }, 409, "Nothing is running"],
    ["extend -5", [{ action: "start" }], { action: "extend", minutes: -5 }, 400, "at least 1 minute"],
    [
      "extend without minutes",
      [{ action: "start" }],
      { action: "extend" },
      400,
      "minutes: required for extend",
    ],
    ["an unknown action", [], { action: "rewind" }, 400, "action"],
  ])("refuses %s and changes nothing", async (_name, steps, action, status, message) => {
    t.clock.set("2026-03-02T09:00:00Z");
    const w = await createBoundWorkshop(t);
    for (const s of steps) expect((await act(w.id, w.bot, s)).status).toBe(200);
    const before = await t.request("GET", `/v1/workshops/${w.id}/agenda`);
    const events = await pendingEvents(w.id);
    const res = await act(w.id, w.bot, action);
    expect(res.status).toBe(status);
    expect(res.json.error.message).toContain(message);
    expect((await t.request("GET", `/v1/workshops/${w.id}/agenda`)).json.items).toEqual(before.json.items);
    expect(await pendingEvents(w.id)).toEqual(events);
  });

  it("politely refuses someone who is not a facilitator, and changes nothing", async () => {
    t.clock.set("2026-03-02T09:00:00Z");
    const w = await createBoundWorkshop(t);
    const res = await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
      token: w.bot,
      body: { action: "start", actor: SLACK_STAKEHOLDER },
    });
    expect(res.status).toBe(403);
    expect(res.json.error.message).toBe(
      "Sorry Sam Stakeholder, only this workshop's facilitators can do that (Fran Facilitator); ask one of them to add you.",
    );
    expect(await pendingEvents(w.id)).toEqual([]);
  });

  it("lets a facilitator add another, who may then drive", async () => {
    const w = await createBoundWorkshop(t);
    const added = await t.request("POST", `/v1/workshops/${w.id}/facilitators`, {
      token: w.bot,
      body: { facilitator: SLACK_STAKEHOLDER, actor: SLACK_FACILITATOR },
    });
    expect(added.status).toBe(200);
    const res = await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
      token: w.bot,
      body: { action: "start", actor: SLACK_STAKEHOLDER },
    });
    expect(res.status).toBe(200);
  });

  it("needs an actor when a bot token acts", async () => {
    const w = await createBoundWorkshop(t);
    const res = await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
      token: w.bot,
      body: { action: "start" },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: "actor", message: "required for bot tokens" }]);
  });

  it("answers a retried action (same Idempotency-Key) without applying it twice", async () => {
    t.clock.set("2026-03-02T09:00:00Z");
    const w = await createBoundWorkshop(t);
    await act(w.id, w.bot, { action: "start" });
    const headers = { "Idempotency-Key": "slack-action-123" };
    const first = await act(w.id, w.bot, { action: "next" }, headers);
    const again = await act(w.id, w.bot, { action: "next" }, headers);
    expect(again.status).toBe(200);
    expect(again.json.message).toBe(first.json.message);
    expect(again.json.agenda.items.map((i: { state: string }) => i.state)).toEqual([
      "done",
      "running",
      "pending",
    ]);
  });

  it("refuses a button from an old message once the session moved on", async () => {
    const w = await createBoundWorkshop(t);
    const started = await act(w.id, w.bot, { action: "start" });
    const first = started.json.agenda.currentItemId;
    await act(w.id, w.bot, { action: "next" });
    const res = await act(w.id, w.bot, { action: "next", expectCurrentItemId: first });
    expect(res.status).toBe(409);
    expect(res.json.error.message).toBe(
      '"Session 1" is no longer the current one; now running: "Session 2".',
    );
  });

  it("moves one step per press when two facilitators press next at once", async () => {
    const w = await createBoundWorkshop(t, { items: 4 });
    await act(w.id, w.bot, { action: "start" });
    const results = await Promise.all([
      act(w.id, w.bot, { action: "next" }),
      act(w.id, w.bot, { action: "next" }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    const agenda = await t.request("GET", `/v1/workshops/${w.id}/agenda`);
    expect(agenda.json.items.map((i: { state: string }) => i.state)).toEqual([
      "done",
      "done",
      "running",
      "pending",
    ]);
  });
});
