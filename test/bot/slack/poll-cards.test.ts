import type { webApi } from "@slack/bolt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { PollView } from "../../../bot/core/poll-types.js";
import type { TimerEvent } from "../../../bot/core/types.js";
import { SlackPollCards } from "../../../bot/slack/poll-cards.js";
import { createTestApp } from "../../helpers/app.js";
import { silentLogger } from "../../helpers/bots.js";
import { castVotes, launchPoll, person, runningWorkshop } from "../../helpers/polls.js";

// The coalescing of card updates, on fake timers: a real poll from the API, Slack's Web API replaced by
// a recording double (what matters here is when chat.update is called, not HTTP).
let empty: PollView;
let voted: PollView;
beforeAll(async () => {
  const t = await createTestApp();
  const w = await runningWorkshop(t);
  const launched = await launchPoll(t, w, { kind: "scorecard", options: ["Confluent Cloud", "AWS MSK"] });
  empty = (await t.request("GET", `/v1/polls/${launched.json.id}`, { token: w.bot })).json;
  await castVotes(t, w.bot, launched.json.id, person("U1", "Ana"), [
    { option: "aws-msk", factor: "cost", value: "L" },
  ]);
  voted = (await t.request("GET", `/v1/polls/${launched.json.id}`, { token: w.bot })).json;
  await t.close();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  vi.setSystemTime(new Date("2026-03-02T09:00:00Z"));
  const updates: { ts: string; at: number; text: string }[] = [];
  let ts = 0;
  const client = {
    chat: {
      postMessage: async () => ({
        ok: true,
        channel: "C1",
        ts: `1700000000.${String(++ts).padStart(6, "0")}`,
      }),
      update: async (args: { ts: string; blocks: unknown }) => {
        updates.push({ ts: args.ts, at: Date.now(), text: JSON.stringify(args.blocks) });
        return { ok: true };
      },
    },
  } as unknown as webApi.WebClient;
  let current = empty;
  const reads: number[] = [];
  const cards = new SlackPollCards(client, {
    api: {
      getPoll: async () => {
        reads.push(Date.now());
        return current;
      },
    },
    members: { list: async () => [] },
    logger: silentLogger,
    minIntervalMs: 1000,
    now: () => Date.now(),
  });
  const event = {
    id: "e1",
    kind: "poll",
    claims: 1,
    channelId: "C1",
    threadRef: { ts: "1699999999.000100" },
  } as unknown as TimerEvent;
  return {
    cards,
    updates,
    reads: () => reads,
    setPoll(p: PollView, ref: Record<string, unknown>) {
      current = { ...p, messages: [{ platform: "slack", channelId: "C1", ref }] };
      return current;
    },
    post: () => cards.post(event, empty),
  };
}

describe("poll card updates in Slack", () => {
  it("coalesce a burst of votes into one read and one update of the card that changed", async () => {
    const s = setup();
    const ref = await s.post();
    expect(Object.keys(ref.cards)).toEqual(["head", "o::confluent-cloud", "o::aws-msk"]);
    // Posting counts as an update: a second later the cards may change.
    await vi.advanceTimersByTimeAsync(1000);
    s.setPoll(voted, { ...ref });
    for (let i = 0; i < 50; i++) s.cards.touch(voted.id);
    await vi.advanceTimersByTimeAsync(0);
    expect(s.reads()).toHaveLength(1);
    // The header (1 has voted) and AWS MSK's card changed; Confluent Cloud's did not.
    expect(s.updates.map((u) => u.ts).sort()).toEqual([ref.cards.head, ref.cards["o::aws-msk"]].sort());
    expect(s.cards.idle).toBe(true);
  });

  it("update a message at most once a second, however the votes keep coming", async () => {
    const s = setup();
    const ref = await s.post();
    s.setPoll(voted, { ...ref });
    // Votes keep arriving every 100 ms for 3.5 s; each changes the cards.
    for (let i = 0; i < 35; i++) {
      s.setPoll({ ...voted, voterCount: i + 1 }, { ...ref });
      s.cards.touch(voted.id);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(2000);
    const head = s.updates.filter((u) => u.ts === ref.cards.head).map((u) => u.at);
    expect(head.length).toBeGreaterThanOrEqual(3);
    expect(head.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < head.length; i++)
      expect((head[i] ?? 0) - (head[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
    // The poll is read once per refresh, and refreshes are a second apart too.
    const reads = s.reads();
    for (let i = 1; i < reads.length; i++)
      expect((reads[i] ?? 0) - (reads[i - 1] ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(reads.length).toBeLessThanOrEqual(7);
  });

  it("defer an update that comes too soon after the last (a reveal right after a vote) to the next refresh", async () => {
    const s = setup();
    const ref = await s.post();
    await vi.advanceTimersByTimeAsync(1000);
    const withVote = s.setPoll(voted, { ...ref });
    s.cards.touch(voted.id);
    await vi.advanceTimersByTimeAsync(0);
    const first = s.updates.length;
    // 200 ms later the relay updates the cards for a reveal: too soon for the changed cards.
    await vi.advanceTimersByTimeAsync(200);
    const revealed = s.setPoll({ ...withVote, state: "revealed", talliesVisible: true }, { ...ref });
    await s.cards.update(revealed, { ...ref });
    expect(s.updates.length).toBe(first);
    await vi.advanceTimersByTimeAsync(1000);
    expect(s.updates.length).toBeGreaterThan(first);
    const late = s.updates.slice(first);
    expect(late.every((u) => u.at >= new Date("2026-03-02T09:00:02Z").getTime())).toBe(true);
  });

  it("leave a card alone when its content did not change", async () => {
    const s = setup();
    const ref = await s.post();
    s.setPoll(empty, { ...ref });
    s.cards.touch(empty.id);
    await vi.advanceTimersByTimeAsync(1500);
    expect(s.reads()).toHaveLength(1);
    expect(s.updates).toEqual([]);
  });
});
