import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { lineItems } from "../../db/schema/line-items.js";
import { sessionFeedback } from "../../db/schema/session-feedback.js";
import { createTestApp, SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "../helpers/app.js";
import { castVotes, launchPoll, person, runningWorkshop } from "../helpers/polls.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set("2026-03-02T09:00:00Z");
});

async function capture(
  w: { id: string; bot: string },
  body: Record<string, unknown>,
  headers?: Record<string, string>,
) {
  return t.request("POST", `/v1/workshops/${w.id}/items`, {
    token: w.bot,
    body: { actor: SLACK_STAKEHOLDER, ...body },
    ...(headers ? { headers } : {}),
  });
}

describe("line items", () => {
  it("captures an item in the running session, by anyone in the room, with a link to its message", async () => {
    const w = await runningWorkshop(t);
    const res = await capture(w, {
      kind: "assumption",
      text: "  Production runs in two AWS regions ",
      priority: "high",
      timeframe: "Q3 2026",
      source: {
        platform: "slack",
        channelId: "C1",
        messageRef: "1700000000.000100",
        url: "https://acme.slack.com/archives/C1/p1700000000000100",
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      kind: "assumption",
      text: "Production runs in two AWS regions",
      priority: "high",
      timeframe: "Q3 2026",
      sessionId: w.sessionId,
      sessionTitle: "Session 1",
      author: { platform: "slack", userId: "USTAKE", displayName: "Sam Stakeholder" },
      source: { channelId: "C1", messageRef: "1700000000.000100" },
      relevance: null,
    });
  });

  it("answers a retried capture (same Idempotency-Key) with the first item", async () => {
    const w = await runningWorkshop(t);
    const a = await capture(w, { kind: "risk", text: "Skills gap" }, { "Idempotency-Key": "slack:t1" });
    const b = await capture(w, { kind: "risk", text: "Skills gap" }, { "Idempotency-Key": "slack:t1" });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.json.id).toBe(a.json.id);
    expect(await t.database.db.select().from(lineItems).where(eq(lineItems.workshopId, w.id))).toHaveLength(
      1,
    );
  });

  it.each([
    ["an unknown kind", { kind: "wish", text: "x" }, "kind"],
    ["empty text", { kind: "risk", text: "   " }, "text"],
    ["an unknown priority", { kind: "risk", text: "x", priority: "urgent" }, "priority"],
    [
      "a source link that is no URL",
      { kind: "risk", text: "x", source: { platform: "slack", url: "not a url" } },
      "source.url",
    ],
  ])("refuses %s with 400 naming the field", async (_name, body, path) => {
    const w = await runningWorkshop(t);
    const res = await capture(w, body);
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await t.database.db.select().from(lineItems).where(eq(lineItems.workshopId, w.id))).toHaveLength(
      0,
    );
  });

  it("lets its author or a facilitator edit priority and timeframe, and nobody else", async () => {
    const w = await runningWorkshop(t);
    const item = (await capture(w, { kind: "requirement", text: "Schema registry" })).json;
    const mine = await t.request("PATCH", `/v1/items/${item.id}`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER, priority: "medium", timeframe: "before go-live" },
    });
    expect(mine.json).toMatchObject({ priority: "medium", timeframe: "before go-live" });
    const other = await t.request("PATCH", `/v1/items/${item.id}`, {
      token: w.bot,
      body: { actor: person("UOTHER"), priority: "low" },
    });
    expect(other.status).toBe(403);
    const fac = await t.request("PATCH", `/v1/items/${item.id}`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR, priority: null },
    });
    expect(fac.json).toMatchObject({ priority: null, timeframe: "before go-live" });
  });

  it("ranks items by relevance once the relevance poll's results may be seen", async () => {
    const w = await runningWorkshop(t);
    const texts = ["Multi-region", "Schema registry", "Tiered storage"];
    const ids: string[] = [];
    for (const text of texts) {
      ids.push((await capture(w, { kind: "requirement", text })).json.id);
      t.clock.advance(1000);
    }
    const poll = (await launchPoll(t, w, { kind: "relevance" })).json;
    expect(poll.options.map((o: { key: string; label: string }) => [o.key, o.label])).toEqual([
      [ids[0], "requirement: Multi-region"],
      [ids[1], "requirement: Schema registry"],
      [ids[2], "requirement: Tiered storage"],
    ]);
    // Schema registry H H, Tiered storage M, Multi-region unrated.
    await castVotes(t, w.bot, poll.id, SLACK_STAKEHOLDER, [
      { option: ids[1], value: "H" },
      { option: ids[2], value: "M" },
    ]);
    await castVotes(t, w.bot, poll.id, person("U2"), [{ option: ids[1], value: "H" }]);
    const blind = await t.request("GET", `/v1/workshops/${w.id}/items?order=relevance&viewer=slack:USTAKE`, {
      token: w.bot,
    });
    expect(blind.json.items.map((i: { text: string }) => i.text)).toEqual(texts);
    expect(blind.json.items.every((i: { relevance: unknown }) => i.relevance === null)).toBe(true);

    await t.request("POST", `/v1/polls/${poll.id}/reveal`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR },
    });
    const ranked = await t.request("GET", `/v1/workshops/${w.id}/items?order=relevance`, { token: w.bot });
    expect(
      ranked.json.items.map(
        (i: { text: string; relevance: { mean: number | null; rank: number | null } | null }) => [
          i.text,
          i.relevance?.mean,
          i.relevance?.rank,
        ],
      ),
    ).toEqual([
      ["Schema registry", 3, 1],
      ["Tiered storage", 2, 2],
      ["Multi-region", null, null],
    ]);
    const risks = await t.request("GET", `/v1/workshops/${w.id}/items?kind=risk`, { token: w.bot });
    expect(risks.json.items).toEqual([]);
  });

  it("refuses a relevance poll when nothing was captured yet", async () => {
    const w = await runningWorkshop(t);
    const res = await launchPoll(t, w, { kind: "relevance" });
    expect(res.status).toBe(422);
  });
});

describe("session feedback", () => {
  async function feedback(
    w: { id: string; bot: string },
    who: Record<string, unknown>,
    body: Record<string, unknown>,
  ) {
    return t.request("POST", `/v1/workshops/${w.id}/feedback`, {
      token: w.bot,
      body: { actor: who, ...body },
    });
  }

  it("keeps one rating and comment per session and person; a second replaces the first", async () => {
    const w = await runningWorkshop(t);
    const first = await feedback(w, SLACK_STAKEHOLDER, { sessionId: w.sessionId, rating: 2 });
    expect(first.json).toMatchObject({ sessionTitle: "Session 1", rating: 2, comment: null });
    t.clock.advance(60_000);
    const comment = await feedback(w, SLACK_STAKEHOLDER, {
      sessionId: w.sessionId,
      comment: "More hands-on",
    });
    expect(comment.json).toMatchObject({ rating: 2, comment: "More hands-on" });
    t.clock.advance(60_000);
    const changed = await feedback(w, SLACK_STAKEHOLDER, { sessionId: w.sessionId, rating: 4 });
    expect(changed.json).toMatchObject({ rating: 4, comment: "More hands-on" });
    t.clock.advance(60_000);
    await feedback(w, person("U2"), { sessionId: w.sessionId, rating: 5, comment: "Great" });
    t.clock.advance(60_000);
    await feedback(w, person("U3"), { sessionId: w.sessionId, comment: "Too fast" });
    expect(
      await t.database.db.select().from(sessionFeedback).where(eq(sessionFeedback.workshopId, w.id)),
    ).toHaveLength(3);

    const summary = await t.request("GET", `/v1/workshops/${w.id}/feedback?sessionId=${w.sessionId}`, {
      token: await t.tokenFor("pm"),
    });
    expect(summary.json.sessions).toEqual([
      {
        sessionId: w.sessionId,
        title: "Session 1",
        state: "running",
        count: 2,
        mean: 4.5,
        distribution: { "1": 0, "2": 0, "3": 0, "4": 1, "5": 1 },
        // Each comment is dated by its row's last change, oldest first.
        comments: [
          { text: "More hands-on", at: "2026-03-02T09:02:00.000Z" },
          { text: "Great", at: "2026-03-02T09:03:00.000Z" },
          { text: "Too fast", at: "2026-03-02T09:04:00.000Z" },
        ],
      },
    ]);
    expect(summary.text).not.toContain("USTAKE");
  });

  it("lists every session of the workshop, in agenda order", async () => {
    const w = await runningWorkshop(t, { items: 3 });
    const all = await t.request("GET", `/v1/workshops/${w.id}/feedback`, { token: w.bot });
    expect(all.json.sessions.map((s: { title: string; count: number }) => [s.title, s.count])).toEqual([
      ["Session 1", 0],
      ["Session 2", 0],
      ["Session 3", 0],
    ]);
  });

  it("refuses feedback with neither rating nor comment, a rating of 6, and a session not started yet", async () => {
    const w = await runningWorkshop(t, { items: 2 });
    const none = await feedback(w, SLACK_STAKEHOLDER, { sessionId: w.sessionId });
    expect(none.status).toBe(400);
    const six = await feedback(w, SLACK_STAKEHOLDER, { sessionId: w.sessionId, rating: 6 });
    expect(six.json.error.details[0].path).toBe("rating");
    const agenda = await t.request("GET", `/v1/workshops/${w.id}/agenda`, { token: w.bot });
    const later = await feedback(w, SLACK_STAKEHOLDER, { sessionId: agenda.json.items[1].id, rating: 3 });
    expect(later.status).toBe(409);
    expect(later.json.error.message).toBe(
      '"Session 2" has not started yet; there is nothing to give feedback on.',
    );
  });
});
