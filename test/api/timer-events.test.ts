import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { createLogger } from "../../api/logger.js";
import { createDb } from "../../db/index.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import {
  createBoundWorkshop,
  createTestApp,
  fakeClock,
  SLACK_FACILITATOR,
  type TestApp,
} from "../helpers/app.js";
import { createTestDatabase, onPostgres } from "../helpers/db.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
// Claims are global: each test starts with no messages left over from the one before.
afterEach(async () => {
  await t.database.db.delete(timerEvents);
});

const MIN = 60_000;

async function start(opts: { items?: number; channels?: string[] } = {}) {
  t.clock.set("2026-03-02T09:00:00Z");
  const w = await createBoundWorkshop(t, opts);
  const res = await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
    token: w.bot,
    body: { action: "start", actor: SLACK_FACILITATOR },
  });
  expect(res.status).toBe(200);
  return w;
}

async function claim(bot: string, body: Record<string, unknown> = {}) {
  const res = await t.request("POST", "/v1/timer-events/claim", {
    token: bot,
    body: { platforms: ["slack"], ...body },
  });
  expect(res.status).toBe(200);
  return res.json.events as Array<Record<string, unknown> & { id: string; kind: string }>;
}

async function deliver(bot: string, id: string, ref: Record<string, unknown> = { channel: "C1", ts: "1.1" }) {
  return t.request("POST", `/v1/timer-events/${id}/delivered`, { token: bot, body: { messageRefs: [ref] } });
}

async function drain(bot: string) {
  for (const e of await claim(bot, { limit: 500 })) await deliver(bot, e.id);
}

describe("claiming timer messages", () => {
  it("hands out only what is due, with what the relay needs to post it", async () => {
    const w = await start();
    const events = await claim(w.bot);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "started",
      claims: 1,
      platform: "slack",
      channelId: "C1",
      threadRef: null,
      workshop: { id: w.id },
      item: { title: "Session 1", plannedMinutes: 30, endsAt: "2026-03-02T09:30:00.000Z" },
      next: { title: "Session 2", localStart: "09:30" },
    });
    expect(await claim(w.bot)).toEqual([]);
  });

  it("threads later messages under the session's delivered start message", async () => {
    const w = await start();
    const [started] = await claim(w.bot);
    await deliver(w.bot, started?.id ?? "", { channel: "C1", ts: "1700000000.0001" });
    t.clock.advance(25 * MIN);
    const [warning] = await claim(w.bot);
    expect(warning).toMatchObject({ kind: "warning5", threadRef: { channel: "C1", ts: "1700000000.0001" } });
  });

  it("claims a message again once its lease runs out (the relay died), and only then", async () => {
    const w = await start();
    const [first] = await claim(w.bot, { leaseSeconds: 30 });
    t.clock.advance(29_000);
    expect(await claim(w.bot)).toEqual([]);
    t.clock.advance(2_000);
    const again = await claim(w.bot);
    expect(again.map((e) => [e.id, e.claims])).toEqual([[first?.id, 2]]);
    expect((await deliver(w.bot, first?.id ?? "")).status).toBe(200);
    t.clock.advance(60_000);
    expect(await claim(w.bot)).toEqual([]);
  });

  it("records delivery idempotently", async () => {
    const w = await start();
    const [e] = await claim(w.bot);
    expect((await deliver(w.bot, e?.id ?? "")).json).toEqual({ id: e?.id, status: "delivered" });
    expect((await deliver(w.bot, e?.id ?? "")).status).toBe(200);
  });

  it("drops messages whose session moved on, and refuses delivering one cancelled meanwhile", async () => {
    const w = await start();
    await drain(w.bot);
    t.clock.advance(25 * MIN);
    const [warning] = await claim(w.bot);
    expect(warning?.kind).toBe("warning5");
    // The facilitator extends while the relay holds the warning: the old one is cancelled.
    await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
      token: w.bot,
      body: { action: "extend", minutes: 10, actor: SLACK_FACILITATOR },
    });
    const late = await deliver(w.bot, warning?.id ?? "");
    expect(late.status).toBe(409);
    expect(late.json.error.message).toContain("its session moved on");
    // The new 5-minute warning is due at 09:35.
    t.clock.set("2026-03-02T09:35:00Z");
    expect((await claim(w.bot)).map((e) => [e.kind, e.dueAt])).toEqual([
      ["warning5", "2026-03-02T09:35:00.000Z"],
    ]);
  });

  it("sends time's up, then an overrun reminder every 5 minutes while the session runs over", async () => {
    const w = await start();
    await drain(w.bot);
    t.clock.set("2026-03-02T09:30:00Z");
    // Claimed late (at 09:30), the warnings are superseded by time's up.
    expect((await claim(w.bot)).map((e) => e.kind)).toEqual(["timeup"]);
    await drain(w.bot);
    const seen: string[] = [];
    for (const m of [35, 40, 45, 50]) {
      t.clock.set(`2026-03-02T09:${m}:00Z`);
      for (const e of await claim(w.bot)) {
        seen.push(`${e.kind}#${e.seq}@${String(e.dueAt).slice(11, 16)}`);
        await deliver(w.bot, e.id);
      }
    }
    expect(seen).toEqual(["overrun#1@09:35", "overrun#2@09:40", "overrun#3@09:45", "overrun#4@09:50"]);
  });

  it("after an outage posts the newest news once, not a burst of stale reminders", async () => {
    const w = await start();
    await drain(w.bot);
    t.clock.set("2026-03-02T09:47:00Z");
    const events = await claim(w.bot);
    expect(events.map((e) => `${e.kind}#${e.seq}`)).toEqual(["overrun#1"]);
    await deliver(w.bot, events[0]?.id ?? "");
    expect(await claim(w.bot)).toEqual([]);
    t.clock.set("2026-03-02T09:50:00Z");
    expect((await claim(w.bot)).map((e) => `${e.kind}#${e.seq}`)).toEqual(["overrun#4"]);
  });

  it("posts to each bound channel once, and only on the relay's own platforms", async () => {
    const w = await start({ channels: ["C1", "C2"] });
    expect(await claim(w.bot, { platforms: ["teams"] })).toEqual([]);
    const events = await claim(w.bot);
    expect(events.map((e) => e.channelId).sort()).toEqual(["C1", "C2"]);
  });

  it("gives a channel bound mid-session the running session at once", async () => {
    const w = await start();
    await drain(w.bot);
    t.clock.advance(10 * MIN);
    await t.request("PUT", "/v1/channels/slack/C-LATE/binding", {
      token: w.bot,
      body: { workshopId: w.id, actor: SLACK_FACILITATOR },
    });
    expect((await claim(w.bot)).map((e) => [e.kind, e.channelId])).toEqual([["started", "C-LATE"]]);
  });

  it("refuses a claim from a token that is not a bot's, and bad bodies", async () => {
    const pm = await t.request("POST", "/v1/timer-events/claim", {
      token: await t.tokenFor("pm"),
      body: { platforms: ["slack"] },
    });
    expect(pm.status).toBe(403);
    const bad = await t.request("POST", "/v1/timer-events/claim", {
      token: await t.tokenFor("bot"),
      body: { platforms: [], leaseSeconds: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path).sort()).toEqual([
      "leaseSeconds",
      "platforms",
    ]);
  });
});

describe.skipIf(!onPostgres)("concurrent relays on PostgreSQL", () => {
  it("two claimers taking 100 due messages at once get each exactly once", async () => {
    t.clock.set("2026-03-02T09:00:00Z");
    const bot = await t.tokenFor("bot");
    // 50 workshops × 2 channels = 100 start messages due now.
    for (let i = 0; i < 50; i++) {
      const w = await createBoundWorkshop(t, { items: 1, channels: [`CC${i}a`, `CC${i}b`] });
      await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
        token: bot,
        body: { action: "start", actor: SLACK_FACILITATOR },
      });
    }
    const taken: string[][] = [[], []];
    await Promise.all(
      [0, 1].map(async (r) => {
        for (;;) {
          const events = await claim(bot, { limit: 7 });
          if (events.length === 0) break;
          taken[r]?.push(...events.map((e) => e.id));
        }
      }),
    );
    const all = [...(taken[0] ?? []), ...(taken[1] ?? [])];
    expect(all.length).toBe(100);
    expect(new Set(all).size).toBe(100);
    expect(taken[0]?.length).toBeGreaterThan(0);
    expect(taken[1]?.length).toBeGreaterThan(0);
  });
});

describe("a restart", () => {
  it("loses no timer: a new process on the same database claims what is due", async () => {
    const dir = await mkdtemp(join(tmpdir(), "baton-restart-"));
    const pg = onPostgres ? await createTestDatabase() : undefined;
    await pg?.close();
    const open = async () => {
      const database = await createDb({ databaseUrl: pg?.url, pgliteDir: join(dir, "db") });
      await database.migrate();
      return database;
    };
    try {
      const clock = fakeClock("2026-03-02T09:00:00Z");
      let database = await open();
      const { bootstrapAdmin } = await import("../../api/services/bootstrap-admin.js");
      const admin = await bootstrapAdmin(database, undefined, clock.now());
      const token = admin.kind === "generated" ? admin.token : "";
      let app = createApp({ database, logger: createLogger("silent"), now: clock.now });
      const call = async (method: string, path: string, body: unknown) => {
        const res = await app.request(path, {
          method,
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
        return (await res.json()) as Record<string, unknown>;
      };
      const w = await call("POST", "/v1/workshops", { name: "R", timezone: "UTC", startDate: "2026-03-02" });
      await call("PUT", "/v1/channels/slack/C1/binding", { workshopId: w.id });
      await call("POST", `/v1/workshops/${w.id}/agenda/actions`, { action: "start" });
      await database.close();

      // Later, in a new process.
      clock.set("2026-03-02T09:55:00Z");
      database = await open();
      app = createApp({ database, logger: createLogger("silent"), now: clock.now });
      const claimed = (await call("POST", "/v1/timer-events/claim", { platforms: ["slack"] })) as {
        events: { kind: string }[];
      };
      // Only the newest news after the outage: the start, and that the session runs over.
      expect(claimed.events.map((e) => e.kind)).toEqual(["started", "overrun"]);
      const rows = await database.db
        .select()
        .from(timerEvents)
        .where(eq(timerEvents.workshopId, String(w.id)));
      expect(rows.map((r) => `${r.kind}:${r.status}`).sort()).toEqual([
        "overrun:claimed",
        "started:claimed",
        "timeup:cancelled",
        "warning1:cancelled",
        "warning5:cancelled",
      ]);
      await database.close();
    } finally {
      await pg?.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
