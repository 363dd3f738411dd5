import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { polls } from "../../db/schema/polls.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import { votes } from "../../db/schema/votes.js";
import { createTestApp, SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "../helpers/app.js";
import { onPostgres } from "../helpers/db.js";
import { castVotes, launchPoll, person, runningWorkshop } from "../helpers/polls.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.tick(0);
  t.clock.set("2026-03-02T09:00:00Z");
});

async function voteRows(pollId: string) {
  return t.database.db.select().from(votes).where(eq(votes.pollId, pollId));
}

async function scorecardPoll(body: Record<string, unknown> = {}) {
  const w = await runningWorkshop(t);
  const res = await launchPoll(t, w, { kind: "scorecard", ...body });
  if (res.status !== 201) throw new Error(res.text);
  return { w, poll: res.json, pollId: res.json.id as string };
}

describe("launching a poll", () => {
  it("makes a blind scorecard from the template: 5 options × 7 factors, in the running session's thread", async () => {
    const w = await runningWorkshop(t, { channels: ["C1", "C2"] });
    const res = await launchPoll(t, w, { kind: "scorecard" });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      kind: "scorecard",
      title: "Scorecard",
      sessionId: w.sessionId,
      blind: true,
      anonymous: false,
      state: "open",
      views: [],
      scale: "lmh",
      voterCount: 0,
    });
    expect(res.json.options.map((o: { key: string }) => o.key)).toEqual([
      "confluent-platform-enterprise",
      "confluent-community",
      "confluent-cloud",
      "aws-msk",
      "apache-kafka-oss-self-managed",
    ]);
    expect(res.json.factors).toHaveLength(7);
    expect(res.json.factors[1]).toEqual({
      key: "cost",
      name: "Cost",
      polarity: "lower-is-better",
      weight: 1,
    });
    for (const f of res.json.factors) expect(f.key.length).toBeLessThanOrEqual(40);
    // One card message per bound channel, for the relays to post in the session's thread.
    const events = await t.database.db.select().from(timerEvents).where(eq(timerEvents.pollId, res.json.id));
    expect(events.map((e) => [e.kind, e.status]).sort()).toEqual([
      ["poll", "pending"],
      ["poll", "pending"],
    ]);
  });

  it("answers a retried launch (same Idempotency-Key) with the first poll", async () => {
    const w = await runningWorkshop(t);
    const first = await launchPoll(t, w, { kind: "scorecard" }, { "Idempotency-Key": "slack:trig-1" });
    const again = await launchPoll(t, w, { kind: "scorecard" }, { "Idempotency-Key": "slack:trig-1" });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json.id).toBe(first.json.id);
    expect(await t.database.db.select().from(polls).where(eq(polls.workshopId, w.id))).toHaveLength(1);
  });

  it.each([
    ["a choice without options", { kind: "choice", title: "Q?" }, "options"],
    ["a choice without a question", { kind: "choice", options: ["a", "b"] }, "title"],
    [
      "factors on a choice poll",
      { kind: "choice", title: "Q", options: ["a", "b"], factors: [{ name: "x" }] },
      "factors",
    ],
    ["a repeated option", { kind: "choice", title: "Q", options: ["Yes", "yes"] }, "options.1"],
    ["a zero weight", { kind: "scorecard", factors: [{ name: "Cost", weight: 0 }] }, "factors.0.weight"],
    ["a bad view name", { kind: "scorecard", views: ["Pre Prod"] }, "views.0"],
    ["a repeated view", { kind: "scorecard", views: ["prod", "prod"] }, "views"],
    [
      "both closesAt and closesInMinutes",
      { kind: "scorecard", closesInMinutes: 5, closesAt: "2030-01-01T00:00:00Z" },
      "closesInMinutes",
    ],
    ["a closesAt in the past", { kind: "scorecard", closesAt: "2026-03-02T08:00:00Z" }, "closesAt"],
    ["an unknown field", { kind: "scorecard", colour: "red" }, "colour"],
  ])("refuses %s with 400 naming the field, and creates nothing", async (_name, body, path) => {
    const w = await runningWorkshop(t);
    const res = await launchPoll(t, w, body);
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect(await t.database.db.select().from(polls).where(eq(polls.workshopId, w.id))).toHaveLength(0);
  });

  it("refuses a stakeholder politely (403) and a pm token (403)", async () => {
    const w = await runningWorkshop(t);
    const stake = await t.request("POST", `/v1/workshops/${w.id}/polls`, {
      token: w.bot,
      body: { kind: "scorecard", actor: SLACK_STAKEHOLDER },
    });
    expect(stake.status).toBe(403);
    expect(stake.json.error.message).toMatch(/only this workshop's facilitators/);
    const pm = await t.request("POST", `/v1/workshops/${w.id}/polls`, {
      token: await t.tokenFor("pm"),
      body: { kind: "scorecard" },
    });
    expect(pm.status).toBe(403);
  });
});

describe("voting", () => {
  it("records a vote, and a changed vote replaces the first", async () => {
    const { w, pollId } = await scorecardPoll();
    const first = await castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [
      { option: "aws-msk", factor: "cost", value: "M" },
    ]);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      pollId,
      votes: [
        {
          option: "aws-msk",
          optionLabel: "AWS MSK",
          factor: "cost",
          factorName: "Cost",
          view: null,
          value: "M",
        },
      ],
      closesAt: null,
    });
    t.clock.advance(60_000);
    await castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [{ option: "aws-msk", factor: "cost", value: "H" }]);
    const rows = await voteRows(pollId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      value: 3,
      voter: "slack:USTAKE",
      votedAt: new Date("2026-03-02T09:01:00Z"),
    });
  });

  it("keeps one row for 50 concurrent identical votes", async () => {
    const { w, pollId } = await scorecardPoll();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [
          { option: "confluent-cloud", factor: "cost", value: "L" },
        ]),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(await voteRows(pollId)).toHaveLength(1);
  });

  it("takes several cells in one request, each its own row", async () => {
    const { w, pollId } = await scorecardPoll();
    const res = await castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [
      { option: "aws-msk", factor: "cost", value: "L" },
      { option: "aws-msk", factor: "security-and-encryption", value: "H" },
      { option: "confluent-cloud", factor: "cost", value: "M" },
    ]);
    expect(res.status).toBe(200);
    expect(await voteRows(pollId)).toHaveLength(3);
  });

  it.each([
    ["an unknown option", [{ option: "kinesis", factor: "cost", value: "L" }], "votes.0.option"],
    ["a scorecard vote without a factor", [{ option: "aws-msk", value: "L" }], "votes.0.factor"],
    ["an unknown factor", [{ option: "aws-msk", factor: "vibes", value: "L" }], "votes.0.factor"],
    ["a 1–5 value on an L/M/H poll", [{ option: "aws-msk", factor: "cost", value: 2 }], "votes.0.value"],
    ["a value that is no vote at all", [{ option: "aws-msk", factor: "cost", value: "X" }], "votes.0.value"],
    [
      "a view on a poll without views",
      [{ option: "aws-msk", factor: "cost", view: "production", value: "L" }],
      "votes.0.view",
    ],
    [
      "the same cell twice",
      [
        { option: "aws-msk", factor: "cost", value: "L" },
        { option: "aws-msk", factor: "cost", value: "H" },
      ],
      "votes.1",
    ],
  ])("refuses %s with 400 naming it, and writes nothing", async (_name, body, path) => {
    const { w, pollId } = await scorecardPoll();
    const res = await castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [
      { option: "confluent-cloud", factor: "cost", value: "M" },
      ...body,
    ]);
    expect(res.status).toBe(400);
    const shifted = path.replace(/votes\.(\d+)/, (_m, i) => `votes.${Number(i) + 1}`);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(shifted);
    expect(await voteRows(pollId)).toHaveLength(0);
  });

  it("refuses a bot vote without the person it is for", async () => {
    const { w, pollId } = await scorecardPoll();
    const res = await t.request("PUT", `/v1/polls/${pollId}/votes`, {
      token: w.bot,
      body: { votes: [{ option: "aws-msk", factor: "cost", value: "L" }] },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: "actor", message: "required for bot tokens" }]);
  });

  it("answers 404 for a poll that does not exist", async () => {
    const w = await runningWorkshop(t);
    const res = await castVotes(t, w.bot, "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f", SLACK_STAKEHOLDER, [
      { option: "a", factor: "b", value: "L" },
    ]);
    expect(res.status).toBe(404);
  });
});

describe("ballots: several people's votes in one request", () => {
  const ballot = (who: ReturnType<typeof person>, votes: Record<string, unknown>[]) => ({
    actor: who,
    votes,
  });
  const post = (bot: string, pollId: string, ballots: unknown[]) =>
    t.request("POST", `/v1/polls/${pollId}/ballots`, { token: bot, body: { ballots } });

  it("records every ballot, answers one result per ballot in order, and a person's later ballot wins", async () => {
    const { w, pollId } = await scorecardPoll();
    const res = await post(w.bot, pollId, [
      ballot(person("UA", "Ann"), [{ option: "aws-msk", factor: "cost", value: "L" }]),
      ballot(person("UB", "Bo"), [{ option: "aws-msk", factor: "cost", value: "H" }]),
      ballot(person("UA", "Ann"), [{ option: "aws-msk", factor: "cost", value: "M" }]),
      ballot(person("UB", "Bo"), [
        { option: "confluent-cloud", factor: "security-and-encryption", value: "L" },
      ]),
    ]);
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { votes: { option: string; value: string }[] }) => r.votes[0])).toEqual([
      expect.objectContaining({ option: "aws-msk", factorName: "Cost", value: "L" }),
      expect.objectContaining({ option: "aws-msk", value: "H" }),
      expect.objectContaining({ option: "aws-msk", value: "M" }),
      expect.objectContaining({
        option: "confluent-cloud",
        factorName: "Security and encryption",
        value: "L",
      }),
    ]);
    const rows = (await voteRows(pollId)).map((r) => [
      r.voter,
      r.voterName,
      r.optionKey,
      r.factorKey,
      r.value,
    ]);
    expect(rows.sort()).toEqual(
      [
        ["slack:UA", "Ann", "aws-msk", "cost", 2],
        ["slack:UB", "Bo", "aws-msk", "cost", 3],
        ["slack:UB", "Bo", "confluent-cloud", "security-and-encryption", 1],
      ].sort(),
    );
    // The same batch again (a retry) changes nothing.
    await post(w.bot, pollId, [
      ballot(person("UA", "Ann"), [{ option: "aws-msk", factor: "cost", value: "M" }]),
    ]);
    expect(await voteRows(pollId)).toHaveLength(3);
  });

  it("writes nothing when any ballot is invalid, and names each problem by its ballot", async () => {
    const { w, pollId } = await scorecardPoll();
    const res = await post(w.bot, pollId, [
      ballot(person("UA"), [{ option: "aws-msk", factor: "cost", value: "L" }]),
      ballot(person("UB"), [{ option: "kinesis", factor: "cost", value: "L" }]),
      { votes: [{ option: "aws-msk", factor: "cost", value: "L" }] },
    ]);
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual([
      "ballots.1.votes.0.option",
      "ballots.2.actor",
    ]);
    expect(await voteRows(pollId)).toHaveLength(0);
    const malformed = await post(w.bot, pollId, [ballot(person("UA"), [{ option: "aws-msk", value: "X" }])]);
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.details.map((d: { path: string }) => d.path)).toContain(
      "ballots.0.votes.0.value",
    );
    expect((await post(w.bot, pollId, [])).status).toBe(400);
  });

  it("refuses every ballot on a closed poll with 409", async () => {
    const { w, pollId } = await scorecardPoll();
    await post(w.bot, pollId, [ballot(person("UA"), [{ option: "aws-msk", factor: "cost", value: "L" }])]);
    await t.request("POST", `/v1/polls/${pollId}/close`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR },
    });
    const res = await post(w.bot, pollId, [
      ballot(person("UA"), [{ option: "aws-msk", factor: "cost", value: "H" }]),
      ballot(person("UB"), [{ option: "aws-msk", factor: "cost", value: "H" }]),
    ]);
    expect(res.status).toBe(409);
    expect((await voteRows(pollId)).map((r) => r.value)).toEqual([1]);
  });

  it("keys anonymous ballots by hash, as single votes are", async () => {
    const w = await runningWorkshop(t);
    const pollId = (await launchPoll(t, w, { kind: "scorecard", anonymous: true })).json.id as string;
    await castVotes(t, w.bot, pollId, person("USECRET"), [{ option: "aws-msk", factor: "cost", value: "L" }]);
    const res = await post(w.bot, pollId, [
      ballot(person("USECRET"), [{ option: "aws-msk", factor: "cost", value: "H" }]),
    ]);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain("USECRET");
    const rows = await voteRows(pollId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ value: 3, voterName: "" });
    expect(rows[0]?.voter).toMatch(/^anon:[0-9a-f]{40}$/);
  });

  it("lets no batch through, nor timestamp a vote, after a close racing 10 batches", async () => {
    const { w, pollId } = await scorecardPoll();
    t.clock.tick(1);
    const batches = Array.from({ length: 10 }, (_, b) =>
      post(
        w.bot,
        pollId,
        Array.from({ length: 5 }, (_, i) =>
          ballot(person(`U${b}-${i}`), [{ option: "aws-msk", factor: "cost", value: "M" }]),
        ),
      ),
    );
    const close = t.request("POST", `/v1/polls/${pollId}/close`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR },
    });
    const [closed, ...results] = await Promise.all([close, ...batches]);
    expect(closed?.status).toBe(200);
    const closedAt = new Date(closed?.json.closedAt).getTime();
    expect(results.every((r) => r?.status === 200 || r?.status === 409)).toBe(true);
    const rows = await voteRows(pollId);
    expect(rows).toHaveLength(5 * results.filter((r) => r?.status === 200).length);
    for (const row of rows) expect(row.votedAt.getTime()).toBeLessThanOrEqual(closedAt);
  });

  it("applies choice ballots in order: a single choice ends on the person's last answer", async () => {
    const w = await runningWorkshop(t);
    const poll = (await launchPoll(t, w, { kind: "choice", title: "Region?", options: ["eu", "us"] })).json;
    const res = await post(w.bot, poll.id, [
      ballot(SLACK_STAKEHOLDER, [{ option: "eu", value: true }]),
      ballot(person("UB"), [{ option: "eu", value: true }]),
      ballot(SLACK_STAKEHOLDER, [{ option: "us", value: true }]),
    ]);
    expect(res.status).toBe(200);
    const rows = (await voteRows(poll.id)).map((r) => `${r.voter}=${r.optionKey}`).sort();
    expect(rows).toEqual(["slack:UB=eu", "slack:USTAKE=us"]);
  });
});

describe("closing", () => {
  it("refuses votes on a closed poll with 409, keeps the earlier ones, and closes idempotently", async () => {
    const { w, pollId } = await scorecardPoll();
    await castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [{ option: "aws-msk", factor: "cost", value: "L" }]);
    const stake = await t.request("POST", `/v1/polls/${pollId}/close`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER },
    });
    expect(stake.status).toBe(403);
    const closed = await t.request("POST", `/v1/polls/${pollId}/close`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR },
    });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({
      state: "closed",
      closedAt: "2026-03-02T09:00:00.000Z",
      talliesVisible: true,
    });
    const late = await castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [
      { option: "aws-msk", factor: "cost", value: "H" },
    ]);
    expect(late.status).toBe(409);
    expect(late.json.error.message).toMatch(/closed at 2026-03-02T09:00:00.000Z/);
    expect((await voteRows(pollId)).map((r) => r.value)).toEqual([1]);
    t.clock.advance(5000);
    const again = await t.request("POST", `/v1/polls/${pollId}/close`, {
      token: await t.tokenFor("facilitator"),
    });
    expect(again.json.closedAt).toBe("2026-03-02T09:00:00.000Z");
  });

  it("lets no vote through, nor timestamp one, after a close racing 20 votes", async () => {
    const { w, pollId } = await scorecardPoll();
    // Every reading of the clock is 1 ms later than the one before, so "after the close" is observable.
    t.clock.tick(1);
    const voters = Array.from({ length: 20 }, (_, i) => person(`U${i}`));
    const racing = voters.map((who, i) =>
      castVotes(t, w.bot, pollId, who, [{ option: "aws-msk", factor: "cost", value: "LMH"[i % 3] }]),
    );
    const close = t.request("POST", `/v1/polls/${pollId}/close`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR },
    });
    const [closed, ...results] = await Promise.all([close, ...racing]);
    expect(closed?.status).toBe(200);
    const closedAt = new Date(closed?.json.closedAt);
    const accepted = results.filter((r) => r?.status === 200).length;
    expect(results.every((r) => r?.status === 200 || r?.status === 409)).toBe(true);
    const rows = await voteRows(pollId);
    expect(rows).toHaveLength(accepted);
    for (const row of rows) expect(row.votedAt.getTime()).toBeLessThanOrEqual(closedAt.getTime());
    const [stored] = await t.database.db.select().from(polls).where(eq(polls.id, pollId));
    expect(stored?.closedAt?.toISOString()).toBe(closedAt.toISOString());
  });

  it("stops taking votes at closesAt even before any relay announces it, and records the close when claimed", async () => {
    // Its own database: relays claim every workshop's messages.
    const shared = t;
    t = await createTestApp();
    t.clock.set("2026-03-02T09:00:00Z");
    try {
      await closesAtScenario();
    } finally {
      await t.close();
      t = shared;
    }
  });

  async function closesAtScenario() {
    const { w, pollId, poll } = await scorecardPoll({ closesInMinutes: 10 });
    expect(poll.closesAt).toBe("2026-03-02T09:10:00.000Z");
    t.clock.set("2026-03-02T09:09:59.999Z");
    const inTime = await castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [
      { option: "aws-msk", factor: "cost", value: "L" },
    ]);
    expect(inTime.json.closesAt).toBe("2026-03-02T09:10:00.000Z");
    t.clock.set("2026-03-02T09:10:00Z");
    const late = await castVotes(t, w.bot, pollId, person("ULATE"), [
      { option: "aws-msk", factor: "cost", value: "L" },
    ]);
    expect([inTime.status, late.status]).toEqual([200, 409]);
    const view = await t.request("GET", `/v1/polls/${pollId}`, { token: w.bot });
    expect(view.json).toMatchObject({
      state: "closed",
      closedAt: "2026-03-02T09:10:00.000Z",
      talliesVisible: true,
    });

    // A relay claims the close message at its time (after the start message and the cards it updates,
    // each of which it waits for): the close is recorded at closesAt.
    const claimed: string[] = [];
    let closeEvent: Record<string, unknown> | undefined;
    for (let round = 0; round < 4 && !closeEvent; round++) {
      const claim = await t.request("POST", "/v1/timer-events/claim", {
        token: w.bot,
        body: { platforms: ["slack"] },
      });
      for (const e of claim.json.events) {
        claimed.push(e.kind);
        if (e.kind === "poll_close") closeEvent = e;
        await t.request("POST", `/v1/timer-events/${e.id}/delivered`, {
          token: w.bot,
          body: { messageRefs: [{ channel: "C1", ts: `1.${e.kind}` }] },
        });
      }
    }
    expect(claimed).toEqual(["started", "poll", "poll_close"]);
    expect(closeEvent).toMatchObject({
      pollMessageRef: { channel: "C1", ts: "1.poll" },
      poll: { id: pollId, state: "closed", talliesVisible: true },
    });
    const [stored] = await t.database.db.select().from(polls).where(eq(polls.id, pollId));
    expect(stored?.closedAt?.toISOString()).toBe("2026-03-02T09:10:00.000Z");
  }
});

describe("a close being committed", () => {
  it("holds back a vote that arrives meanwhile, which is then refused", async () => {
    const { w, pollId } = await scorecardPoll();
    let vote: Promise<{ status: number }> | undefined;
    let settledDuringClose = false;
    // A close in progress on another connection: the row is closed but not yet committed.
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`update polls set closed_at = now() where id = ${pollId}`);
      vote = castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [
        { option: "aws-msk", factor: "cost", value: "L" },
      ]);
      void vote.then(() => {
        settledDuringClose = true;
      });
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(settledDuringClose).toBe(false);
    expect((await vote)?.status).toBe(409);
    expect(await voteRows(pollId)).toEqual([]);
  });
});

describe.skipIf(!onPostgres)("closing while votes stream in, on PostgreSQL's connection pool", () => {
  it("keeps every vote accepted before the close and accepts none after it, with 20 voters voting on", async () => {
    t.clock.tick(1);
    for (let round = 0; round < 3; round++) {
      const { w, pollId, poll } = await scorecardPoll();
      const cells = (poll.options as { key: string }[]).flatMap((o) =>
        (poll.factors as { key: string }[]).map((f) => ({ option: o.key, factor: f.key })),
      );
      let accepted = 0;
      let refused = 0;
      let startClose: () => void = () => {};
      const closeWhenBusy = new Promise<void>((resolve) => {
        startClose = resolve;
      });
      // Each voter votes cell after cell until the poll refuses; the close comes once 20 votes are in.
      const voter = async (i: number) => {
        for (const cell of cells) {
          const res = await castVotes(t, w.bot, pollId, person(`U${round}-${i}`), [{ ...cell, value: "M" }]);
          if (res.status === 409) {
            refused++;
            return;
          }
          expect(res.status).toBe(200);
          if (++accepted === 20) startClose();
        }
      };
      const closing = closeWhenBusy.then(() =>
        t.request("POST", `/v1/polls/${pollId}/close`, { token: w.bot, body: { actor: SLACK_FACILITATOR } }),
      );
      const [closed] = await Promise.all([closing, ...Array.from({ length: 20 }, (_, i) => voter(i))]);
      const closedAt = new Date(closed.json.closedAt).getTime();
      const rows = await voteRows(pollId);
      expect(rows).toHaveLength(accepted);
      expect(rows.filter((r) => r.votedAt.getTime() > closedAt)).toEqual([]);
      expect(refused).toBe(20);
      expect(accepted).toBeGreaterThanOrEqual(20);
    }
  });
});

describe("blind polls", () => {
  async function withVotes() {
    const p = await scorecardPoll();
    await castVotes(t, p.w.bot, p.pollId, SLACK_STAKEHOLDER, [
      { option: "aws-msk", factor: "cost", value: "H" },
    ]);
    await castVotes(t, p.w.bot, p.pollId, person("UOTHER", "Olga"), [
      { option: "confluent-cloud", factor: "cost", value: "L" },
    ]);
    return p;
  }

  it("show the room who has voted, but not the tallies, until a facilitator reveals", async () => {
    const { w, pollId } = await withVotes();
    for (const query of ["", "?viewer=slack:USTAKE"]) {
      const res = await t.request("GET", `/v1/polls/${pollId}${query}`, { token: w.bot });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ state: "open", talliesVisible: false, results: null, voterCount: 2 });
      expect(res.json.voters.map((v: { displayName: string }) => v.displayName).sort()).toEqual([
        "Olga",
        "Sam Stakeholder",
      ]);
      expect(res.json.optionVoters.find((o: { option: string }) => o.option === "aws-msk")).toEqual({
        option: "aws-msk",
        view: null,
        voterCount: 1,
        voters: [{ platform: "slack", userId: "USTAKE", displayName: "Sam Stakeholder" }],
      });
      expect(res.text).not.toMatch(/"counts"|"mean"|"score"/);
    }
    const pm = await t.request("GET", `/v1/polls/${pollId}`, { token: await t.tokenFor("pm") });
    expect(pm.json.results).toBeNull();
    const pmCard = await t.request("GET", `/v1/workshops/${w.id}/scorecard`, {
      token: await t.tokenFor("pm"),
    });
    expect(pmCard.status).toBe(409);
    const stakeCard = await t.request("GET", `/v1/workshops/${w.id}/scorecard?viewer=slack:USTAKE`, {
      token: w.bot,
    });
    expect(stakeCard.status).toBe(409);
  });

  it("show facilitators the tallies before the reveal: their tokens, and bots acting for them", async () => {
    const { w, pollId } = await withVotes();
    const asFacilitator = await t.request("GET", `/v1/polls/${pollId}?viewer=slack:UFAC`, { token: w.bot });
    expect(asFacilitator.json.talliesVisible).toBe(true);
    expect(asFacilitator.json.results.kind).toBe("scorecard");
    const token = await t.request("GET", `/v1/workshops/${w.id}/scorecard`, {
      token: await t.tokenFor("facilitator"),
    });
    expect(token.status).toBe(200);
  });

  it("show everyone the tallies once revealed", async () => {
    const { w, pollId } = await withVotes();
    const stake = await t.request("POST", `/v1/polls/${pollId}/reveal`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER },
    });
    expect(stake.status).toBe(403);
    const revealed = await t.request("POST", `/v1/polls/${pollId}/reveal`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR },
    });
    expect(revealed.json).toMatchObject({ state: "revealed", revealedAt: "2026-03-02T09:00:00.000Z" });
    const res = await t.request("GET", `/v1/polls/${pollId}`, { token: w.bot });
    expect(res.json.talliesVisible).toBe(true);
    const card = await t.request("GET", `/v1/workshops/${w.id}/scorecard`, { token: await t.tokenFor("pm") });
    expect(card.status).toBe(200);
    const msk = card.json.views[0].cells.find(
      (c: { option: string; factor: string }) => c.option === "aws-msk" && c.factor === "cost",
    );
    expect(msk).toEqual({
      option: "aws-msk",
      factor: "cost",
      counts: { L: 0, M: 0, H: 1 },
      votes: 1,
      mean: 3,
      score: 1,
      disagreement: false,
    });
    // Confluent Cloud's cost L scores 3; AWS MSK's cost H scores 1: Cloud is recommended, nothing else voted.
    expect(card.json.views[0].recommended).toEqual([
      {
        option: "confluent-cloud",
        label: "Confluent Cloud",
        score: 3,
        gaps: [],
        unscored: expect.any(Array),
      },
    ]);
    // Voting goes on after a reveal, until the close.
    const more = await castVotes(t, w.bot, pollId, person("UNEW"), [
      { option: "aws-msk", factor: "cost", value: "M" },
    ]);
    expect(more.status).toBe(200);
  });

  it("are not blind when launched open: the room sees the tallies at once", async () => {
    const { w, pollId } = await scorecardPoll({ blind: false });
    const res = await t.request("GET", `/v1/polls/${pollId}`, { token: w.bot });
    expect(res.json).toMatchObject({ state: "open", talliesVisible: true });
  });
});

describe("anonymous polls", () => {
  it("never expose a voter's id through any route", async () => {
    const w = await runningWorkshop(t);
    const launched = await launchPoll(t, w, { kind: "scorecard", anonymous: true, blind: false });
    const pollId = launched.json.id;
    const secret = person("USECRET42", "Secret Person");
    const voted = await castVotes(t, w.bot, pollId, secret, [
      { option: "aws-msk", factor: "cost", value: "L" },
    ]);
    expect(voted.status).toBe(200);
    // The same person changing their vote still has one vote.
    await castVotes(t, w.bot, pollId, secret, [{ option: "aws-msk", factor: "cost", value: "M" }]);
    await castVotes(t, w.bot, pollId, person("UOTHER"), [{ option: "aws-msk", factor: "cost", value: "M" }]);
    await t.request("POST", `/v1/polls/${pollId}/close`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR },
    });
    const admin = await t.request("GET", `/v1/polls/${pollId}`);
    expect(admin.json).toMatchObject({ anonymous: true, voterCount: 2, voters: null });
    expect(admin.json.optionVoters.find((o: { option: string }) => o.option === "aws-msk")).toMatchObject({
      voterCount: 2,
      voters: null,
    });
    const answers = [
      voted,
      admin,
      await t.request("GET", `/v1/polls/${pollId}?viewer=slack:UFAC`, { token: w.bot }),
      await t.request("GET", `/v1/workshops/${w.id}/polls`),
      await t.request("GET", `/v1/workshops/${w.id}/scorecard`),
      await t.request("POST", "/v1/timer-events/claim", { token: w.bot, body: { platforms: ["slack"] } }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.text).not.toContain("USECRET42");
      expect(a.text).not.toContain("Secret Person");
    }
    // Not even the database holds the id: a keyed hash stands in for it.
    const rows = await voteRows(pollId);
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.voter).toMatch(/^anon:[0-9a-f]{40}$/);
      expect(r.voterName).toBe("");
    }
  });
});

describe("views: production and pre-prod", () => {
  it("keys each vote by view and gives one scorecard per view", async () => {
    const { w, pollId } = await scorecardPoll({
      views: ["production", "pre-prod"],
      options: ["Confluent Cloud", "AWS MSK"],
      factors: [
        { name: "Cost", polarity: "lower-is-better" },
        { name: "Operations", weight: 2 },
      ],
    });
    const missing = await castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [
      { option: "aws-msk", factor: "cost", value: "L" },
    ]);
    expect(missing.status).toBe(400);
    expect(missing.json.error.details[0].path).toBe("votes.0.view");
    await castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [
      { option: "aws-msk", factor: "cost", view: "production", value: "H" },
      { option: "aws-msk", factor: "cost", view: "pre-prod", value: "L" },
      { option: "confluent-cloud", factor: "operations", view: "production", value: "H" },
    ]);
    expect(await voteRows(pollId)).toHaveLength(3);
    const card = await t.request("GET", `/v1/workshops/${w.id}/scorecard`);
    expect(card.json.views.map((v: { view: string }) => v.view)).toEqual(["production", "pre-prod"]);
    const [prod, pre] = card.json.views;
    expect(prod.recommended.map((r: { option: string }) => r.option)).toEqual(["confluent-cloud"]);
    expect(pre.recommended).toEqual([
      { option: "aws-msk", label: "AWS MSK", score: 3, gaps: [], unscored: ["operations"] },
    ]);
  });
});

describe("choice polls", () => {
  it("single choice: choosing another answer replaces the first; false withdraws it", async () => {
    const w = await runningWorkshop(t);
    const poll = (
      await launchPoll(t, w, {
        kind: "choice",
        title: "Which region first?",
        options: ["eu-west-1", "us-east-1"],
      })
    ).json;
    expect(poll.options.map((o: { key: string }) => o.key)).toEqual(["eu-west-1", "us-east-1"]);
    await castVotes(t, w.bot, poll.id, SLACK_STAKEHOLDER, [{ option: "eu-west-1", value: true }]);
    await castVotes(t, w.bot, poll.id, SLACK_STAKEHOLDER, [{ option: "us-east-1", value: true }]);
    expect((await voteRows(poll.id)).map((r) => r.optionKey)).toEqual(["us-east-1"]);
    const two = await castVotes(t, w.bot, poll.id, SLACK_STAKEHOLDER, [
      { option: "eu-west-1", value: true },
      { option: "us-east-1", value: true },
    ]);
    expect(two.status).toBe(400);
    await castVotes(t, w.bot, poll.id, SLACK_STAKEHOLDER, [{ option: "us-east-1", value: false }]);
    expect(await voteRows(poll.id)).toHaveLength(0);
  });

  it("multiple choice: each chosen answer counts; tallies give each answer's share of the voters", async () => {
    const w = await runningWorkshop(t);
    const poll = (
      await launchPoll(t, w, {
        kind: "choice",
        title: "Which tools?",
        options: ["Grafana", "Datadog", "Splunk"],
        multiple: true,
        blind: false,
      })
    ).json;
    await castVotes(t, w.bot, poll.id, SLACK_STAKEHOLDER, [
      { option: "grafana", value: true },
      { option: "datadog", value: true },
    ]);
    await castVotes(t, w.bot, poll.id, person("U2"), [{ option: "grafana", value: true }]);
    const res = await t.request("GET", `/v1/polls/${poll.id}`, { token: w.bot });
    expect(res.json.results).toEqual({
      kind: "choice",
      voters: 2,
      tallies: [
        { option: "grafana", label: "Grafana", count: 2, share: 1, rank: 1 },
        { option: "datadog", label: "Datadog", count: 1, share: 0.5, rank: 2 },
        { option: "splunk", label: "Splunk", count: 0, share: 0, rank: null },
      ],
    });
  });
});

describe("the viewer's own votes", () => {
  const mine = async (pollId: string, viewer: string | null, token: string) =>
    t.request("GET", `/v1/polls/${pollId}${viewer ? `?viewer=${viewer}` : ""}`, { token });

  it("gives a bot its viewer's votes, and whether they facilitate; nothing without a viewer", async () => {
    const { w, pollId } = await scorecardPoll({ views: ["production", "pre-prod"] });
    await castVotes(t, w.bot, pollId, SLACK_STAKEHOLDER, [
      { option: "aws-msk", factor: "cost", view: "production", value: "H" },
      { option: "aws-msk", factor: "cost", view: "pre-prod", value: "L" },
    ]);
    await castVotes(t, w.bot, pollId, person("UOTHER"), [
      { option: "confluent-cloud", factor: "cost", view: "production", value: "M" },
    ]);
    const stake = await mine(pollId, "slack:USTAKE", w.bot);
    expect(stake.status).toBe(200);
    expect(stake.json).toMatchObject({
      talliesVisible: false,
      results: null,
      viewerFacilitates: false,
      myVotes: [
        { option: "aws-msk", factor: "cost", view: "pre-prod", value: "L" },
        { option: "aws-msk", factor: "cost", view: "production", value: "H" },
      ],
    });
    // A facilitator who has not voted: no votes, but the controls and (blind poll) the tallies.
    const fac = await mine(pollId, "slack:UFAC", w.bot);
    expect(fac.json).toMatchObject({ myVotes: [], viewerFacilitates: true, talliesVisible: true });
    const room = await mine(pollId, null, w.bot);
    expect(room.json).toMatchObject({ myVotes: null, viewerFacilitates: null });
    // Another token naming a viewer is refused: only the bot answers people about their own.
    const admin = await mine(pollId, "slack:USTAKE", t.adminToken);
    expect(admin.status).toBe(403);
    expect(admin.json.error.details[0].path).toBe("viewer");
  });

  it("shows a choice as chosen (true) and a 1–5 rating as its number", async () => {
    const w = await runningWorkshop(t);
    const choice = (
      await launchPoll(t, w, { kind: "choice", title: "Region?", options: ["eu-west-1", "us-east-1"] })
    ).json;
    await castVotes(t, w.bot, choice.id, SLACK_STAKEHOLDER, [{ option: "us-east-1", value: true }]);
    expect((await mine(choice.id, "slack:USTAKE", w.bot)).json.myVotes).toEqual([
      { option: "us-east-1", factor: "choice", view: null, value: true },
    ]);
    await castVotes(t, w.bot, choice.id, SLACK_STAKEHOLDER, [{ option: "us-east-1", value: false }]);
    expect((await mine(choice.id, "slack:USTAKE", w.bot)).json.myVotes).toEqual([]);
  });

  it("gives a voter their own votes on an anonymous poll, and never anyone else's", async () => {
    const w = await runningWorkshop(t);
    const pollId = (await launchPoll(t, w, { kind: "scorecard", anonymous: true })).json.id;
    const secret = person("USECRET42", "Secret Person");
    await castVotes(t, w.bot, pollId, secret, [{ option: "aws-msk", factor: "cost", value: "L" }]);
    await castVotes(t, w.bot, pollId, secret, [{ option: "aws-msk", factor: "cost", value: "M" }]);
    await castVotes(t, w.bot, pollId, person("UOTHER"), [
      { option: "confluent-cloud", factor: "cost", value: "H" },
    ]);
    const own = await mine(pollId, "slack:USECRET42", w.bot);
    expect(own.json).toMatchObject({
      voters: null,
      myVotes: [{ option: "aws-msk", factor: "cost", view: null, value: "M" }],
    });
    expect(own.text).not.toContain("USECRET42");
    expect(own.text).not.toContain("Secret Person");
    const other = await mine(pollId, "slack:UOTHER", w.bot);
    expect(other.json.myVotes).toEqual([
      { option: "confluent-cloud", factor: "cost", view: null, value: "H" },
    ]);
    // Someone who did not vote sees no votes, though the poll has two voters.
    expect((await mine(pollId, "slack:UNOBODY", w.bot)).json).toMatchObject({ voterCount: 2, myVotes: [] });
  });
});

describe("poll messages", () => {
  // Their own database: relays claim every workshop's messages.
  let shared: TestApp;
  beforeAll(async () => {
    shared = t;
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    t = shared;
  });

  it("wait for the session's start message in that channel, then post in its thread", async () => {
    const w = await runningWorkshop(t);
    const poll = (await launchPoll(t, w, { kind: "scorecard" })).json;
    const first = await t.request("POST", "/v1/timer-events/claim", {
      token: w.bot,
      body: { platforms: ["slack"] },
    });
    expect(first.json.events.map((e: { kind: string }) => e.kind)).toEqual(["started"]);
    const started = first.json.events[0];
    await t.request("POST", `/v1/timer-events/${started.id}/delivered`, {
      token: w.bot,
      body: { messageRefs: [{ channel: "C1", ts: "100.1" }] },
    });
    const second = await t.request("POST", "/v1/timer-events/claim", {
      token: w.bot,
      body: { platforms: ["slack"] },
    });
    expect(second.json.events).toHaveLength(1);
    expect(second.json.events[0]).toMatchObject({
      kind: "poll",
      threadRef: { channel: "C1", ts: "100.1" },
      poll: { id: poll.id, state: "open", talliesVisible: false, results: null },
    });
  });

  it("are not cancelled when the session moves on, and a finished session asks for feedback", async () => {
    const w = await runningWorkshop(t);
    const poll = (await launchPoll(t, w, { kind: "scorecard", closesInMinutes: 60 })).json;
    await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
      token: w.bot,
      body: { action: "next", actor: SLACK_FACILITATOR },
    });
    const rows = await t.database.db
      .select()
      .from(timerEvents)
      .where(and(eq(timerEvents.workshopId, w.id), eq(timerEvents.agendaItemId, w.sessionId)));
    const notes = rows.filter((r) => ["poll", "poll_close", "feedback"].includes(r.kind));
    expect(notes.map((r) => [r.kind, r.status, r.pollId]).sort()).toEqual([
      ["feedback", "pending", null],
      ["poll", "pending", poll.id],
      ["poll_close", "pending", poll.id],
    ]);
  });
});
