import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { TimerRelay } from "../../bot/core/relay.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import { createBoundWorkshop, SLACK_FACILITATOR } from "../helpers/app.js";
import { createTestBots, recordingPoster, silentLogger } from "../helpers/bots.js";
import { onPostgres } from "../helpers/db.js";

let b: Awaited<ReturnType<typeof createTestBots>>;
beforeAll(async () => {
  b = await createTestBots();
});
afterAll(async () => {
  await b.t.close();
});
afterEach(async () => {
  await b.t.database.db.delete(timerEvents);
  b.recorder.posts.length = 0;
});

const _MIN = 60_000;

async function startWorkshop(opts: { channels?: string[]; items?: number } = {}) {
  b.t.clock.set("2026-03-02T09:00:00Z");
  const w = await createBoundWorkshop(b.t, opts);
  await b.api.agendaAction(w.id, { action: "start", actor: SLACK_FACILITATOR });
  return w;
}

const posted = () => b.recorder.posts.map((p) => `${p.event.kind}:${p.message.text}`);

describe("the timer relay", () => {
  it("posts the start, the warnings, time's up and overruns on time, threaded under the start", async () => {
    await startWorkshop();
    await b.relay.tick();
    b.t.clock.set("2026-03-02T09:25:00Z");
    await b.relay.tick();
    b.t.clock.set("2026-03-02T09:29:00Z");
    await b.relay.tick();
    b.t.clock.set("2026-03-02T09:30:00Z");
    await b.relay.tick();
    b.t.clock.set("2026-03-02T09:35:00Z");
    await b.relay.tick();
    await b.relay.tick();
    expect(posted()).toEqual([
      "started:▶️ Now: Session 1 — 30 min. Replies in this thread belong to this session.",
      "warning5:⏳ 5 minutes left in Session 1.",
      "warning1:⏳ 1 minute left in Session 1.",
      "timeup:⏰ Time's up for Session 1 — `/agenda next` or extend.",
      "overrun:⏰ Session 1 is running 5 min over — `/agenda next` or extend.",
    ]);
    const [start, ...rest] = b.recorder.posts;
    expect(start?.event.threadRef).toBeNull();
    for (const p of rest) expect(p.event.threadRef).toEqual({ channel: "C1", ts: "1700000001.000100" });
    expect(b.recorder.posts[3]?.message.sections?.[0]?.text).toBe("Next: Session 2 (planned 09:30).");
  });

  it("delivers a message once, after the lease, when a relay dies between claiming and posting", async () => {
    await startWorkshop();
    // A relay claims the start message, then its process dies before posting.
    const claimed = await b.api.claimTimerEvents({ platforms: ["slack"], limit: 10, leaseSeconds: 30 });
    expect(claimed.map((e) => e.kind)).toEqual(["started"]);
    expect(await b.relay.tick()).toBe(0);
    expect(posted()).toEqual([]);
    b.t.clock.advance(31_000);
    expect(await b.relay.tick()).toBe(1);
    expect(await b.relay.tick()).toBe(0);
    expect(b.recorder.posts.map((p) => [p.event.kind, p.event.claims])).toEqual([["started", 2]]);
  });

  it("retries a post that failed, once its lease runs out", async () => {
    await startWorkshop();
    b.recorder.failNext(1);
    await b.relay.tick();
    expect(posted()).toEqual([]);
    b.t.clock.advance(31_000);
    await b.relay.tick();
    expect(b.recorder.posts.map((p) => p.event.kind)).toEqual(["started"]);
  });

  it("does not post a warning for a session that was extended before it came due", async () => {
    await startWorkshop();
    await b.relay.tick();
    b.t.clock.set("2026-03-02T09:24:00Z");
    await b.api.agendaAction((await b.api.getBinding({ platform: "slack", channelId: "C1" }))?.id ?? "", {
      action: "extend",
      minutes: 10,
      actor: SLACK_FACILITATOR,
    });
    b.t.clock.set("2026-03-02T09:25:00Z");
    await b.relay.tick();
    b.t.clock.set("2026-03-02T09:35:00Z");
    await b.relay.tick();
    expect(b.recorder.posts.map((p) => `${p.event.kind}@${p.event.dueAt.slice(11, 16)}`)).toEqual([
      "started@09:00",
      "warning5@09:35",
    ]);
  });

  it("polls on its own once started, and stops cleanly", async () => {
    await startWorkshop();
    const recorder = recordingPoster();
    const relay = new TimerRelay({
      api: b.api,
      posters: { slack: recorder.poster },
      logger: silentLogger,
      now: b.t.clock.now,
      intervalMs: 20,
    });
    relay.start();
    for (let i = 0; i < 100 && recorder.posts.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await relay.stop();
    expect(recorder.posts.map((p) => p.event.kind)).toEqual(["started"]);
  });
});

describe.skipIf(!onPostgres)("two relays on PostgreSQL", () => {
  it("post each of 100 due messages exactly once between them", async () => {
    b.t.clock.set("2026-03-02T09:00:00Z");
    for (let i = 0; i < 50; i++) {
      const w = await createBoundWorkshop(b.t, { items: 1, channels: [`R${i}a`, `R${i}b`] });
      await b.api.agendaAction(w.id, { action: "start", actor: SLACK_FACILITATOR });
    }
    const shared = recordingPoster();
    const relays = [0, 1].map(
      () =>
        new TimerRelay({
          api: b.api,
          posters: { slack: shared.poster },
          logger: silentLogger,
          now: b.t.clock.now,
          batchSize: 9,
        }),
    );
    const counts = [0, 0];
    await Promise.all(
      relays.map(async (relay, i) => {
        for (;;) {
          const n = await relay.tick();
          if (n === 0) break;
          counts[i] = (counts[i] ?? 0) + n;
        }
      }),
    );
    const ids = shared.posts.map((p) => p.event.id);
    expect(ids).toHaveLength(100);
    expect(new Set(ids).size).toBe(100);
    expect(counts.every((c) => c > 0)).toBe(true);
  });
});
