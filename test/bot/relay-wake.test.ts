import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../../bot/api-client.js";
import type { BatonApi } from "../../bot/core/api.js";
import { TimerRelay } from "../../bot/core/relay.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import { createBoundWorkshop, createTestApp, SLACK_FACILITATOR, type TestApp } from "../helpers/app.js";
import { recordingPoster, silentLogger } from "../helpers/bots.js";

/**
 * Relays wake for the next due message: the claim says when it is due, a long-poll (LISTEN/NOTIFY on
 * PostgreSQL, in process on PGlite) says when something new was written. The safety net here is a
 * minute, so anything posted well within it came from a wake-up, not from polling. The bound is a
 * second, not the quarter second the design aims at, so a loaded CI machine does not fail it; the
 * quarter second is measured under load by `npm run bench` (bench/RESULTS.md).
 */
const WAKE_BOUND_MS = 1000;
let t: TestApp;
let api: BatonApi;
const relays: TimerRelay[] = [];
beforeAll(async () => {
  t = await createTestApp();
  api = createApiClient({ fetch: t.app.fetch, token: await t.tokenFor("bot") });
});
afterAll(async () => {
  await t.close();
});
afterEach(async () => {
  for (const r of relays.splice(0)) await r.stop();
  await t.database.db.delete(timerEvents);
});

/** A relay on `over` that counts its claims, with a one-minute safety net. */
function relayOn(over: BatonApi) {
  const recorder = recordingPoster();
  const posted: { kind: string; lateMs: number }[] = [];
  let claims = 0;
  const counting: BatonApi = {
    ...over,
    claimTimerBatch: (input) => {
      claims++;
      return over.claimTimerBatch(input);
    },
  };
  const relay = new TimerRelay({
    api: counting,
    posters: {
      slack: {
        async post(event, message) {
          posted.push({ kind: event.kind, lateMs: t.clock.now().getTime() - Date.parse(event.dueAt) });
          return recorder.poster.post(event, message);
        },
      },
    },
    logger: silentLogger,
    now: t.clock.now,
    intervalMs: 60_000,
  });
  relays.push(relay);
  return { relay, posted, claims: () => claims };
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
}

describe("relays wake for the next due message", () => {
  it("posts a warning within a quarter second of its due time, with a timer rather than polling", async () => {
    t.clock.set("2026-03-02T09:00:00Z");
    const w = await createBoundWorkshop(t, { channels: ["CW1"] });
    await api.agendaAction(w.id, { action: "start", actor: SLACK_FACILITATOR });
    // 600 ms before "5 minutes left", with time passing for real from there.
    t.clock.set("2026-03-02T09:24:59.400Z");
    t.clock.realTime();
    const { relay, posted, claims } = relayOn(api);
    relay.start();
    await until(() => posted.some((p) => p.kind === "warning5"));
    const warning = posted.find((p) => p.kind === "warning5");
    expect(warning).toBeDefined();
    expect(warning?.lateMs).toBeGreaterThanOrEqual(0);
    expect(warning?.lateMs).toBeLessThan(WAKE_BOUND_MS);
    // The start message at once, then one timer for the warning (a wake-up or two, never a poll loop).
    expect(claims()).toBeLessThanOrEqual(5);
  });

  it("wakes at once when another process writes a message (a transition through the API)", async () => {
    t.clock.set("2026-03-02T09:00:00Z");
    t.clock.realTime();
    const w = await createBoundWorkshop(t, { channels: ["CW2"] });
    const { relay, posted } = relayOn(api);
    relay.start();
    await new Promise((r) => setTimeout(r, 200)); // idle: nothing due, the safety net a minute away
    // Not through this relay's core (which would kick it): only the database's notification can wake it.
    await api.agendaAction(w.id, { action: "start", actor: SLACK_FACILITATOR });
    const startedAt = Date.now();
    await until(() => posted.some((p) => p.kind === "started"));
    expect(posted.map((p) => p.kind)).toEqual(["started"]);
    expect(Date.now() - startedAt).toBeLessThan(WAKE_BOUND_MS);
  });

  it("does the same for a relay that reaches the API over HTTP (API_URL)", async () => {
    const server = serve({ fetch: (req) => t.app.fetch(req), port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { relay, posted } = relayOn(createApiClient({ baseUrl: url, token: await t.tokenFor("bot") }));
    try {
      t.clock.set("2026-03-02T09:00:00Z");
      t.clock.realTime();
      const w = await createBoundWorkshop(t, { channels: ["CW3"] });
      relay.start();
      await new Promise((r) => setTimeout(r, 200));
      await api.agendaAction(w.id, { action: "start", actor: SLACK_FACILITATOR });
      const startedAt = Date.now();
      await until(() => posted.some((p) => p.kind === "started"));
      expect(posted.map((p) => p.kind)).toEqual(["started"]);
      expect(Date.now() - startedAt).toBeLessThan(WAKE_BOUND_MS);
    } finally {
      await relay.stop();
      if ("closeAllConnections" in server) server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("answers a long-poll without a cursor at once, and one with the current cursor when something changes", async () => {
    t.clock.set("2026-03-02T09:00:00Z");
    const w = await createBoundWorkshop(t, { channels: ["CW4"] });
    const first = await api.waitForTimerEvents({ platforms: ["slack"], timeoutSeconds: 5 });
    expect(first.nextDueAt).toBeNull();
    const waiting = api.waitForTimerEvents({ platforms: ["slack"], cursor: first.cursor, timeoutSeconds: 5 });
    const began = Date.now();
    await api.agendaAction(w.id, { action: "start", actor: SLACK_FACILITATOR });
    const next = await waiting;
    expect(Date.now() - began).toBeLessThan(2000);
    expect(next.cursor).not.toBe(first.cursor);
    // The start message is due now (claimable); the next one is "5 minutes left" at 09:25.
    expect(next.nextDueAt).toBe("2026-03-02T09:25:00.000Z");
    // Nothing changes: it waits out its timeout.
    const idle = Date.now();
    const same = await api.waitForTimerEvents({
      platforms: ["slack"],
      cursor: next.cursor,
      timeoutSeconds: 1,
    });
    expect(same.cursor).toBe(next.cursor);
    expect(Date.now() - idle).toBeGreaterThanOrEqual(900);
  });
});
