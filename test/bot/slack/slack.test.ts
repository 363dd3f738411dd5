import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiClient } from "../../../bot/api-client.js";
import { createCore } from "../../../bot/core/core.js";
import { TimerRelay } from "../../../bot/core/relay.js";
import { createSlackApp, type SlackBot } from "../../../bot/slack/app.js";
import { channelBindings } from "../../../db/schema/channel-bindings.js";
import { timerEvents } from "../../../db/schema/timer-events.js";
import { workshops } from "../../../db/schema/workshops.js";
import { createTestApp, type TestApp } from "../../helpers/app.js";
import { silentLogger } from "../../helpers/bots.js";
import {
  buttonBody,
  commandBody,
  type SlackRecorder,
  sendSigned,
  signSlack,
  startSlackRecorder,
} from "../../helpers/slack.js";

const SECRET = "test-signing-secret";
let t: TestApp;
let rec: SlackRecorder;
let slack: SlackBot;
let relay: TimerRelay;
let apiDelayMs = 0;

beforeAll(async () => {
  t = await createTestApp();
  rec = await startSlackRecorder();
  const token = await t.tokenFor("bot");
  const api = createApiClient({
    token,
    fetch: async (req) => {
      if (apiDelayMs) await new Promise((r) => setTimeout(r, apiDelayMs));
      return t.app.fetch(req);
    },
  });
  const core = createCore({ api, now: t.clock.now });
  slack = createSlackApp(
    { botToken: "xoxb-test", signingSecret: SECRET, apiUrl: rec.apiUrl },
    core,
    silentLogger,
  );
  await slack.start();
  relay = new TimerRelay({ api, posters: { slack: slack.poster }, logger: silentLogger, now: t.clock.now });
});
afterAll(async () => {
  await rec.close();
  await t.close();
});
beforeEach(() => {
  rec.calls.length = 0;
  apiDelayMs = 0;
  t.clock.set(new Date().toISOString());
});

const send = (body: string, headers: Record<string, string> = {}, contentType?: string) =>
  sendSigned(slack, SECRET, body, headers, contentType);

async function state() {
  const db = t.database.db;
  return {
    workshops: (await db.select().from(workshops)).length,
    bindings: (await db.select().from(channelBindings)).length,
    events: (await db.select().from(timerEvents)).length,
  };
}

async function agendaStates(channel: string) {
  const [b] = await t.database.db
    .select()
    .from(channelBindings)
    .where(eq(channelBindings.channelId, channel));
  const res = await t.request("GET", `/v1/workshops/${b?.workshopId}/agenda`);
  return res.json.items.map((i: { state: string }) => i.state).slice(0, 4);
}

describe("request verification", () => {
  const body = commandBody({ text: "start", channel_id: "C-sec" });
  const now = Math.floor(Date.now() / 1000);
  it.each([
    ["a bad signature", { "X-Slack-Signature": "v0=deadbeef" }],
    ["a signature made with another secret", signSlack(body, "not-the-secret")],
    ["a missing signature header", { "X-Slack-Signature": "" }],
    ["a missing timestamp header", { "X-Slack-Request-Timestamp": "" }],
    ["a timestamp 6 minutes old", signSlack(body, SECRET, now - 360)],
    ["a timestamp 6 minutes ahead", signSlack(body, SECRET, now + 360)],
  ])("refuses %s with 401 and changes nothing", async (_name, headers) => {
    const before = await state();
    const res = await send(body, headers);
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 50));
    // (Bolt checks its own token with auth.test when it starts; that is not this request.)
    expect(rec.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it("answers ssl_check with 200 and does nothing else", async () => {
    const before = await state();
    const res = await send(new URLSearchParams({ ssl_check: "1", token: "legacy" }).toString());
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    expect(await state()).toEqual(before);
  });

  it("answers Slack's URL verification challenge", async () => {
    const res = await send(
      JSON.stringify({ type: "url_verification", challenge: "abc123" }),
      {},
      "application/json",
    );
    expect(res).toEqual({ status: 200, text: JSON.stringify({ challenge: "abc123" }) });
  });
});

describe("/agenda through the real Bolt app", () => {
  it("starts a workshop, answers ephemerally, and the session's start message posts as Block Kit", async () => {
    const res = await send(
      commandBody({ text: "start", channel_id: "C-start", response_url: rec.responseUrl("start") }),
    );
    expect(res.status).toBe(200);
    await rec.waitFor((c) => c.some((x) => x.method === "response_url"));
    const [reply] = rec.of("response_url");
    expect(reply?.body).toMatchObject({
      response_type: "ephemeral",
      text: expect.stringContaining('This channel now follows "Event-Driven Architecture workshop"'),
    });
    // The user's Slack time zone was used for the new workshop.
    const [w] = await t.database.db.select().from(workshops).orderBy(workshops.createdAt);
    expect(w?.timezone).toBe("Europe/London");

    await relay.tick();
    const [post] = rec.of("chat.postMessage");
    expect(post?.body.channel).toBe("C-start");
    expect(post?.body.thread_ts).toBeUndefined();
    expect(post?.body.text).toBe(
      "▶️ Now: Introduction to Apache Kafka and event-driven architectures — 30 min. Replies in this thread belong to this session.",
    );
    const blocks = post?.body.blocks as Array<Record<string, unknown>>;
    expect(blocks[0]).toEqual({ type: "section", text: { type: "mrkdwn", text: post?.body.text } });
    const actions = blocks.find((b) => b.type === "actions") as { elements: Array<Record<string, unknown>> };
    expect(
      actions.elements.map((e) => [
        (e.text as { text: string }).text,
        String(e.action_id).split(":")[1],
        e.style,
      ]),
    ).toEqual([
      ["Next", "next", "primary"],
      ["+5 min", "extend", undefined],
      ["Pause", "pause", undefined],
    ]);
    expect(post?.body.metadata).toMatchObject({ event_type: "baton_timer_event" });
  });

  it("answers /agenda status ephemerally with the running session, time left and what is next", async () => {
    await send(
      commandBody({ text: "start demo", channel_id: "C-status", response_url: rec.responseUrl("a") }),
    );
    await rec.waitFor((c) => c.some((x) => x.method === "response_url"));
    rec.calls.length = 0;
    await send(commandBody({ text: "status", channel_id: "C-status", response_url: rec.responseUrl("b") }));
    await rec.waitFor((c) => c.some((x) => x.method === "response_url"));
    const [reply] = rec.of("response_url");
    expect(reply?.body.response_type).toBe("ephemeral");
    expect(reply?.body.text).toBe("▶️ Demo: introductions: 2 min left");
    const fields = ((reply?.body.blocks ?? []) as Array<{ fields?: { text: string }[] }>)
      .flatMap((b) => b.fields ?? [])
      .map((f) => f.text);
    expect(fields).toEqual([
      "*Now*\nDemo: introductions — 2 min left",
      expect.stringMatching(/^\*Next\*\nDemo: the big decision at \d\d:\d\d$/),
    ]);
  });

  it("acknowledges within Slack's 3 seconds even when the API is slow, and answers later", async () => {
    apiDelayMs = 1500;
    const started = Date.now();
    const res = await send(
      commandBody({ text: "help", channel_id: "C-slow", response_url: rec.responseUrl("slow") }),
    );
    const ackMs = Date.now() - started;
    expect(res.status).toBe(200);
    expect(ackMs).toBeLessThan(1000);
    apiDelayMs = 1500;
    await send(commandBody({ text: "status", channel_id: "C-slow", response_url: rec.responseUrl("slow2") }));
    expect(Date.now() - started).toBeLessThan(2000);
    await rec.waitFor((c) => c.filter((x) => x.method === "response_url").length === 2, 8000);
  });

  it("applies a retried command (X-Slack-Retry-Num, same trigger) once", async () => {
    await send(
      commandBody({ text: "start demo", channel_id: "C-retry", response_url: rec.responseUrl("r0") }),
    );
    await rec.waitFor((c) => c.some((x) => x.method === "response_url"));
    const next = commandBody({
      text: "next",
      channel_id: "C-retry",
      trigger_id: "trig-fixed",
      response_url: rec.responseUrl("r1"),
    });
    await send(next);
    await rec.waitFor((c) => c.filter((x) => x.method === "response_url").length === 2);
    await send(next, { "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout" });
    await rec.waitFor((c) => c.filter((x) => x.method === "response_url").length === 3);
    expect(await agendaStates("C-retry")).toEqual(["done", "running", "pending"]);
  });

  it("presses Next from the session message once, even when the click is delivered twice", async () => {
    await send(
      commandBody({ text: "start demo", channel_id: "C-click", response_url: rec.responseUrl("c0") }),
    );
    await rec.waitFor((c) => c.some((x) => x.method === "response_url"));
    await relay.tick();
    const post = rec.of("chat.postMessage").find((p) => p.body.channel === "C-click");
    const actions = (
      (post?.body.blocks ?? []) as Array<{ type: string; elements?: { action_id: string }[] }>
    ).find((b) => b.type === "actions");
    const nextId = actions?.elements?.[0]?.action_id ?? "";
    const click = buttonBody({
      actionId: nextId,
      channelId: "C-click",
      responseUrl: rec.responseUrl("c1"),
      actionTs: "1700000099.123",
    });
    expect((await send(click)).status).toBe(200);
    await send(click, { "X-Slack-Retry-Num": "1" });
    await rec.waitFor((c) => c.filter((x) => x.method === "response_url").length === 3);
    const replies = rec.of("response_url").slice(1);
    expect(replies[0]?.body).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
      text: 'Finished "Demo: introductions"; started "Demo: the big decision".',
    });
    expect(await agendaStates("C-click")).toEqual(["done", "running", "pending"]);
  });

  it("refuses a stakeholder's click politely, as a warning only they see", async () => {
    await send(
      commandBody({ text: "start demo", channel_id: "C-stake", response_url: rec.responseUrl("s0") }),
    );
    await rec.waitFor((c) => c.some((x) => x.method === "response_url"));
    await relay.tick();
    const post = rec.of("chat.postMessage").find((p) => p.body.channel === "C-stake");
    const actions = (
      (post?.body.blocks ?? []) as Array<{ type: string; elements?: { action_id: string }[] }>
    ).find((b) => b.type === "actions");
    await send(
      buttonBody({
        actionId: actions?.elements?.[0]?.action_id ?? "",
        userId: "USTAKE",
        channelId: "C-stake",
        responseUrl: rec.responseUrl("s1"),
      }),
    );
    await rec.waitFor((c) => c.filter((x) => x.method === "response_url").length === 2);
    const refusal = rec.of("response_url")[1];
    expect(refusal?.body.response_type).toBe("ephemeral");
    expect(String(refusal?.body.text)).toMatch(
      /^:warning: Sorry fran, only this workshop's facilitators can do that/,
    );
    expect(await agendaStates("C-stake")).toEqual(["running", "pending", "pending"]);
  });
});

describe("posting timer messages", () => {
  it("retries a post that failed once its lease runs out", async () => {
    await send(
      commandBody({ text: "start demo", channel_id: "C-fail", response_url: rec.responseUrl("f0") }),
    );
    await rec.waitFor((c) => c.some((x) => x.method === "response_url"));
    rec.failNextPosts(1);
    await relay.tick();
    t.clock.advance(31_000);
    await relay.tick();
    const posts = rec.of("chat.postMessage").filter((p) => p.body.channel === "C-fail");
    expect(posts).toHaveLength(2); // the failed attempt, and the retry
    expect(await relay.tick()).toBe(0);
  });

  it("does not post twice when a relay died after posting but before recording it", async () => {
    await send(commandBody({ text: "start demo", channel_id: "C-dup", response_url: rec.responseUrl("d0") }));
    await rec.waitFor((c) => c.some((x) => x.method === "response_url"));
    // A relay whose process dies right after Slack accepted the message.
    const realApi = createApiClient({ token: await t.tokenFor("bot"), fetch: t.app.fetch });
    const dying = new TimerRelay({
      api: { ...realApi, markDelivered: async () => Promise.reject(new Error("process killed")) },
      posters: { slack: slack.poster },
      logger: silentLogger,
      now: t.clock.now,
    });
    await dying.tick();
    expect(rec.of("chat.postMessage").filter((p) => p.body.channel === "C-dup")).toHaveLength(1);
    t.clock.advance(31_000);
    await relay.tick();
    expect(rec.of("conversations.history").filter((c) => c.body.channel === "C-dup")).toHaveLength(1);
    expect(rec.of("chat.postMessage").filter((p) => p.body.channel === "C-dup")).toHaveLength(1);
    // Recorded as delivered: nothing left to claim for it.
    const [b] = await t.database.db
      .select()
      .from(channelBindings)
      .where(eq(channelBindings.channelId, "C-dup"));
    const rows = await t.database.db
      .select()
      .from(timerEvents)
      .where(eq(timerEvents.bindingId, b?.id ?? ""));
    expect(rows.find((r) => r.kind === "started")).toMatchObject({
      status: "delivered",
      messageRef: { channel: "C-dup" },
    });
  });
});
