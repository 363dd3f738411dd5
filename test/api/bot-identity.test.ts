import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Config } from "../../api/config.js";
import { type RunningServer, startNodeServer } from "../../api/node-server.js";
import { startProcessBotIdentity } from "../../api/services/internal-token.js";
import { createTestApp } from "../helpers/app.js";
import { createTestDatabase, onPostgres, type TestDatabase } from "../helpers/db.js";
import { commandBody, type SlackRecorder, signSlack, startSlackRecorder } from "../helpers/slack.js";

describe("a process's own bot identity", () => {
  it("works until its heartbeat stops, then expires on its own; another identity never revokes it", async () => {
    const t = await createTestApp({ tokenCacheSeconds: 0 });
    try {
      const a = await startProcessBotIdentity(t.database.db, { now: t.clock.now, ttlSeconds: 60 });
      const b = await startProcessBotIdentity(t.database.db, { now: t.clock.now, ttlSeconds: 60 });
      expect(a.name).not.toBe(b.name);
      const ok = (token: string) => t.request("GET", "/v1/workshops", { token }).then((r) => r.status);
      expect(await ok(a.token)).toBe(200);
      expect(await ok(b.token)).toBe(200);
      // 50 s later, b beats and a (a crashed process) does not; 20 s after that a has lapsed.
      t.clock.advance(50_000);
      expect(await b.renew()).toBe(true);
      t.clock.advance(20_000);
      expect(await ok(a.token)).toBe(401);
      expect(await ok(b.token)).toBe(200);
      // A clean shutdown revokes at once, and a revoked identity is not revived by a late heartbeat.
      await b.close();
      expect(await ok(b.token)).toBe(401);
      expect(await b.renew()).toBe(false);
      await a.close();
    } finally {
      await t.close();
    }
  });
});

// Two `npm start` processes on one PostgreSQL database, each with its own bots and relay.
describe.skipIf(!onPostgres)("two app instances on one PostgreSQL database", () => {
  const SECRET = "replica-signing-secret";
  let dir: string;
  let pg: TestDatabase;
  let recA: SlackRecorder;
  let recB: SlackRecorder;
  let a: RunningServer;
  let b: RunningServer;
  const start = (rec: SlackRecorder, name: string) =>
    startNodeServer({
      config: Config.parse({
        PORT: "0",
        PGLITE_DIR: join(dir, name),
        DATABASE_URL: pg.url ?? "",
        LOG_LEVEL: "silent",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: `xoxb-${name}`,
        SLACK_API_URL: rec.apiUrl,
      }),
      print: () => {},
    });
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "baton-replicas-"));
    pg = await createTestDatabase();
    await pg.close();
    recA = await startSlackRecorder();
    recB = await startSlackRecorder();
    a = await start(recA, "a");
    b = await start(recB, "b");
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await recA.close();
    await recB.close();
    await pg.destroy();
    await rm(dir, { recursive: true, force: true });
  });

  async function command(server: RunningServer, rec: SlackRecorder, channel: string, text: string) {
    const id = `${channel}-${Math.random().toString(36).slice(2, 8)}`;
    const body = commandBody({ text, channel_id: channel, response_url: rec.responseUrl(id) });
    const res = await fetch(`${server.url}/slack/events`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...signSlack(body, SECRET) },
      body,
    });
    expect(res.status).toBe(200);
    await rec.answeredOn(id);
    return rec.of("response_url").at(-1)?.body.text;
  }

  it("each has its own bot token, and both answer commands and claim timers after the other started", async () => {
    expect(a.botTokenId).not.toBe(b.botTokenId);
    const live = await a.database.rows<{ id: string }>(
      sql`select id from api_tokens where id in (${a.botTokenId}, ${b.botTokenId}) and revoked_at is null and expires_at > now()`,
    );
    expect(live).toHaveLength(2);
    // The first process, after the second started: its token still works.
    const first = String(await command(a, recA, "C-a", "start demo"));
    expect(first).toContain("Started");
    expect(first).not.toMatch(/revoked/i);
    const second = String(await command(b, recB, "C-b", "start demo"));
    expect(second).toContain("Started");
    // Both relays claim with their own tokens (a revoked token would make tick() reject with 401).
    await expect(a.bots.relay.tick()).resolves.toBeGreaterThanOrEqual(0);
    await expect(b.bots.relay.tick()).resolves.toBeGreaterThanOrEqual(0);
    // Each channel's start message is posted once, by whichever relay claimed it.
    const starts = () =>
      [...recA.of("chat.postMessage"), ...recB.of("chat.postMessage")].filter((c) =>
        String(c.body.text).startsWith("▶️ Now: Demo"),
      );
    const until = Date.now() + 5000;
    while (starts().length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(
      starts()
        .map((c) => c.body.channel)
        .sort(),
    ).toEqual(["C-a", "C-b"]);
  });

  it("a third process starting and stopping leaves the other two working", async () => {
    const recC = await startSlackRecorder();
    const c = await start(recC, "c");
    await c.close();
    await recC.close();
    expect(String(await command(a, recA, "C-a", "status"))).not.toMatch(/revoked|unknown/i);
    expect(String(await command(b, recB, "C-b", "status"))).not.toMatch(/revoked|unknown/i);
    await expect(a.bots.relay.tick()).resolves.toBeGreaterThanOrEqual(0);
  });
});
