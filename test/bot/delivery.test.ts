import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiClient } from "../../bot/api-client.js";
import type { BatonApi } from "../../bot/core/api.js";
import { createCore } from "../../bot/core/core.js";
import { type Poster, TimerRelay } from "../../bot/core/relay.js";
import { createSlackApp, type SlackBot } from "../../bot/slack/app.js";
import { createTeamsBot, type TeamsBot } from "../../bot/teams/app.js";
import { channelBindings } from "../../db/schema/channel-bindings.js";
import { timerEvents } from "../../db/schema/timer-events.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { rsaKeys, startBotFramework } from "../helpers/bot-framework.js";
import { silentLogger } from "../helpers/bots.js";
import { commandBody, type SlackRecorder, sendSigned, startSlackRecorder } from "../helpers/slack.js";

/**
 * Fault injection on the delivery of timer messages: a relay "killed" (its calls stop) at each point
 * between claiming a message and recording where it landed, on Slack (history readable and not) and
 * Teams, then a second relay takes over once the lease runs out. What each case guarantees is what
 * docs/architecture.md ("Delivery") states.
 */
const SECRET = "delivery-signing-secret";
let t: TestApp;
let api: BatonApi;
let rec: SlackRecorder;
let slack: SlackBot;
let framework: Awaited<ReturnType<typeof startBotFramework>>;
let teams: TeamsBot;

beforeAll(async () => {
  t = await createTestApp();
  api = createApiClient({ token: await t.tokenFor("bot"), fetch: t.app.fetch });
  rec = await startSlackRecorder();
  const core = createCore({ api, now: t.clock.now });
  slack = createSlackApp(
    { botToken: "xoxb-test", signingSecret: SECRET, apiUrl: rec.apiUrl },
    core,
    silentLogger,
  );
  await slack.start();
  framework = await startBotFramework(rsaKeys().publicKey);
  teams = createTeamsBot({ allowAnonymous: true, throttle: { sleep: async () => {} } }, core, silentLogger);
});
afterAll(async () => {
  await slack.stop();
  await framework.close();
  await rec.close();
  await t.close();
});
beforeEach(() => {
  rec.setHistoryReadable(true);
  t.clock.set("2026-03-02T09:00:00Z");
});

/** A relay whose process "dies" at `at`: every call from then on fails, as if it were killed there. */
function dyingRelay(platform: "slack" | "teams", at: "before-post" | "after-post") {
  const poster = platform === "slack" ? slack.poster : teams.poster;
  const killed = (): never => {
    throw new Error("process killed");
  };
  const dying: BatonApi = {
    ...api,
    markDelivered: async () => killed(),
  };
  const posters: Partial<Record<string, Poster>> = {
    [platform]: at === "before-post" ? { post: async () => killed() } : poster,
  };
  return new TimerRelay({ api: dying, posters, logger: silentLogger, now: t.clock.now, watch: false });
}

function relayFor(platform: "slack" | "teams", over: BatonApi = api) {
  const posters: Partial<Record<string, Poster>> = {
    [platform]: platform === "slack" ? slack.poster : teams.poster,
  };
  return new TimerRelay({ api: over, posters, logger: silentLogger, now: t.clock.now, watch: false });
}

/** `/agenda start demo` in a fresh Slack channel: its start message is then due. */
async function startInSlack(channel: string) {
  await sendSigned(
    slack,
    SECRET,
    commandBody({ text: "start demo", channel_id: channel, response_url: rec.responseUrl(channel) }),
  );
  await rec.answeredOn(channel);
}

const slackPosts = (channel: string) => rec.of("chat.postMessage").filter((c) => c.body.channel === channel);

/** `agenda start demo` in a fresh Teams channel. */
async function startInTeams(channel: string) {
  const res = await teams.handle(
    new Request("http://baton.test/api/messages", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        type: "message",
        id: `m-${channel}`,
        text: "agenda start demo",
        channelId: "msteams",
        serviceUrl: framework.serviceUrl,
        from: { id: "29:fran", name: "Fran Facilitator", aadObjectId: "aad-fran" },
        recipient: { id: "28:baton", name: "Baton" },
        conversation: { id: channel, isGroup: true, conversationType: "channel" },
      }),
    }),
  );
  expect(res.status).toBe(200);
}

/** Posts to a Teams channel other than the command's reply (the first send). */
const teamsPosts = (channel: string) => framework.calls.filter((c) => c.conversationId === channel).slice(1);

async function startedRow(channelId: string) {
  const [binding] = await t.database.db
    .select()
    .from(channelBindings)
    .where(eq(channelBindings.channelId, channelId));
  const [row] = await t.database.db
    .select()
    .from(timerEvents)
    .where(and(eq(timerEvents.bindingId, binding?.id ?? ""), eq(timerEvents.kind, "started")));
  return row;
}

describe("Slack, history readable", () => {
  it("posts once when the relay is killed between posting and recording: the next one finds it by its metadata", async () => {
    await startInSlack("C-read");
    await dyingRelay("slack", "after-post").tick();
    expect(slackPosts("C-read")).toHaveLength(1);
    t.clock.advance(31_000);
    expect(await relayFor("slack").tick()).toBe(1);
    expect(slackPosts("C-read")).toHaveLength(1);
    expect(await startedRow("C-read")).toMatchObject({
      status: "delivered",
      attempts: 2,
      messageRef: { channel: "C-read", ts: slackPosts("C-read")[0]?.ts },
    });
  });

  it("posts once when the relay is killed after recording the attempt but before posting", async () => {
    await startInSlack("C-early");
    await dyingRelay("slack", "before-post").tick();
    expect(slackPosts("C-early")).toHaveLength(0);
    t.clock.advance(31_000);
    await relayFor("slack").tick();
    expect(slackPosts("C-early")).toHaveLength(1);
    expect(rec.of("conversations.history").filter((c) => c.body.channel === "C-early")).toHaveLength(1);
  });
});

describe("Slack, a long thread", () => {
  it("finds a message posted past the thread's first page of replies, and posts it once", async () => {
    await startInSlack("C-long");
    expect(await relayFor("slack").tick()).toBe(1);
    const threadTs = slackPosts("C-long")[0]?.ts;
    // The room talks in the session's thread: 250 replies, more than one page (200) of conversations.replies.
    for (let i = 0; i < 250; i++) {
      await fetch(`${rec.apiUrl}chat.postMessage`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ channel: "C-long", thread_ts: threadTs, text: `chatter ${i}` }),
      });
    }
    t.clock.advance(3 * 60_000);
    await dyingRelay("slack", "after-post").tick();
    const posted = () =>
      slackPosts("C-long").filter(
        (c) => c.body.thread_ts === threadTs && !String(c.body.text).startsWith("chatter"),
      );
    expect(posted()).toHaveLength(1);
    t.clock.advance(31_000);
    await relayFor("slack").tick();
    expect(posted()).toHaveLength(1);
    const reads = rec.of("conversations.replies").filter((c) => c.body.channel === "C-long");
    expect(reads.map((c) => (c.body.cursor === undefined ? null : String(c.body.cursor)))).toEqual([
      null,
      "200",
    ]);
  });
});

describe("Slack, history unreadable (no channels:history scope)", () => {
  it("posts once when the relay is killed before posting: the retry posts, nothing was there", async () => {
    rec.setHistoryReadable(false);
    await startInSlack("C-noscope-early");
    await dyingRelay("slack", "before-post").tick();
    t.clock.advance(31_000);
    await relayFor("slack").tick();
    expect(slackPosts("C-noscope-early")).toHaveLength(1);
  });

  it("posts again when killed between Slack's answer and the record: the documented window, never a loss", async () => {
    rec.setHistoryReadable(false);
    await startInSlack("C-noscope");
    await dyingRelay("slack", "after-post").tick();
    t.clock.advance(31_000);
    await relayFor("slack").tick();
    // It looked (refused: missing_scope) and, unable to know, posted: at least once, at most twice.
    expect(rec.of("conversations.history").filter((c) => c.body.channel === "C-noscope")).toHaveLength(1);
    expect(slackPosts("C-noscope")).toHaveLength(2);
    expect(await startedRow("C-noscope")).toMatchObject({ status: "delivered", attempts: 2 });
  });
});

describe("Teams", () => {
  it("posts once when the relay is killed after recording the attempt but before posting", async () => {
    await startInTeams("19:early@thread.tacv2");
    await dyingRelay("teams", "before-post").tick();
    t.clock.advance(31_000);
    await relayFor("teams").tick();
    expect(teamsPosts("19:early@thread.tacv2")).toHaveLength(1);
  });

  it("posts again when killed between the Bot Connector's answer and the record: the documented window", async () => {
    await startInTeams("19:late@thread.tacv2");
    await dyingRelay("teams", "after-post").tick();
    t.clock.advance(31_000);
    await relayFor("teams").tick();
    // The Bot Connector cannot list a channel's messages: the retry cannot look, so it posts.
    expect(teamsPosts("19:late@thread.tacv2")).toHaveLength(2);
  });
});

describe.each(["slack", "teams"] as const)(
  "a relay whose lease ran out before it posted (%s)",
  (platform) => {
    it("does not post: the attempt is refused and the relay that took over posts it once", async () => {
      const channel = platform === "slack" ? "C-slow" : "19:slow@thread.tacv2";
      if (platform === "slack") await startInSlack(channel);
      else await startInTeams(channel);
      const rescuer = relayFor(platform);
      // The slow relay claims, then stalls (a throttle queue, a GC pause) past its lease; meanwhile
      // another relay claims the message again and posts it.
      const slow = relayFor(platform, {
        ...api,
        claimTimerBatch: async (input) => {
          const claimed = await api.claimTimerBatch(input);
          t.clock.advance(31_000);
          expect(await rescuer.tick()).toBe(1);
          return claimed;
        },
      });
      await slow.tick();
      const posts = platform === "slack" ? slackPosts(channel) : teamsPosts(channel);
      expect(posts).toHaveLength(1);
      expect(await startedRow(channel)).toMatchObject({ status: "delivered", claims: 2, attempts: 1 });
    });
  },
);
