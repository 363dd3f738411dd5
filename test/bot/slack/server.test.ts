import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { Config } from "../../../api/config.js";
import { type RunningServer, startNodeServer } from "../../../api/node-server.js";
import { createApiClient } from "../../../bot/api-client.js";
import { createCore } from "../../../bot/core/core.js";
import { createSlackApp } from "../../../bot/slack/app.js";
import { silentLogger } from "../../helpers/bots.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/db.js";
import { commandBody, type SlackRecorder, signSlack, startSlackRecorder } from "../../helpers/slack.js";

// `npm start` with Slack configured: one HTTP server for the API and /slack/events, the relay running.
const SECRET = "server-signing-secret";
let dir: string;
let pg: TestDatabase | undefined;
let rec: SlackRecorder;
let server: RunningServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "baton-slack-"));
  if (process.env.DATABASE_URL) {
    pg = await createTestDatabase();
    await pg.close();
  }
  rec = await startSlackRecorder();
  const config = Config.parse({
    PORT: "0",
    PGLITE_DIR: join(dir, "db"),
    DATABASE_URL: pg?.url ?? "",
    LOG_LEVEL: "silent",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: "xoxb-server-test",
    SLACK_API_URL: rec.apiUrl,
  });
  server = await startNodeServer({ config, print: () => {} });
});
afterAll(async () => {
  await server.close();
  await rec.close();
  await pg?.destroy();
  await rm(dir, { recursive: true, force: true });
});

it("serves /slack/events beside the API and posts the session's start message from its relay", async () => {
  const body = commandBody({ text: "start demo", channel_id: "C-srv", response_url: rec.responseUrl("srv") });
  const res = await fetch(`${server.url}/slack/events`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...signSlack(body, SECRET) },
    body,
  });
  expect(res.status).toBe(200);
  // The answer to the command and the relay's start message are independent: wait for both.
  await rec.waitFor(
    (c) =>
      c.some((x) => x.method === "chat.postMessage" && x.body.channel === "C-srv") &&
      c.some((x) => x.method === "response_url"),
  );
  expect(rec.of("response_url")[0]?.body.text).toContain('Started "Demo: introductions"');
  expect(rec.of("chat.postMessage")[0]?.body.text).toBe(
    "▶️ Now: Demo: introductions — 2 min. Replies in this thread belong to this session.",
  );
  // The API is on the same server.
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  const unsigned = await fetch(`${server.url}/slack/events`, { method: "POST", body: "x" });
  expect(unsigned.status).toBe(401);
});

it("builds a Socket Mode app, with no HTTP route, when an app token is given", async () => {
  const checks = rec.of("auth.test").length;
  const core = createCore({
    api: createApiClient({ token: "t", fetch: () => new Response("", { status: 503 }) }),
  });
  const bot = createSlackApp(
    { botToken: "xoxb-x", appToken: "xapp-x", apiUrl: rec.apiUrl },
    core,
    silentLogger,
  );
  expect(bot.handle).toBeUndefined();
  expect(bot.poster).toBeDefined();
  // Bolt's Socket Mode checks the token at once; let that call finish before the recorder closes.
  await rec.waitFor((c) => c.filter((x) => x.method === "auth.test").length > checks);
  await new Promise((r) => setTimeout(r, 50));
});

it("stops start-up with a clear message when Slack refuses the bot token", async () => {
  const core = createCore({
    api: createApiClient({ token: "t", fetch: () => new Response("", { status: 503 }) }),
  });
  const bot = createSlackApp(
    { botToken: "xoxb-bad", signingSecret: "s", apiUrl: "http://127.0.0.1:9/api/" },
    core,
    silentLogger,
  );
  await expect(bot.start()).rejects.toThrow(/Slack did not accept SLACK_BOT_TOKEN/);
});
