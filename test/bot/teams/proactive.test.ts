import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore } from "../../../bot/core/core.js";
import { TimerRelay } from "../../../bot/core/relay.js";
import { createTeamsBot } from "../../../bot/teams/app.js";
import { ConversationThrottle, TEAMS_WINDOWS } from "../../../bot/teams/throttle.js";
import { rsaKeys, startBotFramework } from "../../helpers/bot-framework.js";
import { createTestBots, silentLogger } from "../../helpers/bots.js";

let framework: Awaited<ReturnType<typeof startBotFramework>>;
let b: Awaited<ReturnType<typeof createTestBots>>;
const CHANNEL = "19:proactive@thread.tacv2";

beforeAll(async () => {
  framework = await startBotFramework(rsaKeys().publicKey);
  b = await createTestBots();
  b.t.clock.set("2026-03-02T09:00:00Z");
});
afterAll(async () => {
  await framework.close();
  await b.t.close();
});

/** A fresh Teams bot, as after a process restart: nothing carried over but the database. */
function freshTeamsBot() {
  const core = createCore({ api: b.api, now: b.t.clock.now });
  const teams = createTeamsBot(
    { allowAnonymous: true, throttle: { sleep: async () => {} } },
    core,
    silentLogger,
  );
  const relay = new TimerRelay({
    api: b.api,
    posters: { teams: teams.poster },
    logger: silentLogger,
    now: b.t.clock.now,
  });
  return { teams, relay };
}

function message(text: string) {
  return {
    type: "message",
    id: `m-${Math.random().toString(36).slice(2)}`,
    text,
    channelId: "msteams",
    serviceUrl: framework.serviceUrl,
    from: { id: "29:fran", name: "Fran Facilitator", aadObjectId: "aad-fran" },
    recipient: { id: "28:baton", name: "Baton" },
    conversation: { id: CHANNEL, isGroup: true, conversationType: "channel" },
  };
}

describe("proactive timer messages in Teams", () => {
  it("posts from the stored conversation reference after a restart, threading under the session's start", async () => {
    const first = freshTeamsBot();
    const res = await first.teams.handle(
      new Request("http://baton.test/api/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(message("agenda start demo")),
      }),
    );
    expect(res.status).toBe(200);
    // The command's reply went back through the Bot Connector.
    expect(framework.calls).toHaveLength(1);
    expect(framework.calls[0]?.conversationId).toBe(CHANNEL);

    // The process restarts: a new bot and relay, with only the database in common.
    const restarted = freshTeamsBot();
    await restarted.relay.tick();
    const start = framework.calls[1];
    expect(start?.conversationId).toBe(CHANNEL);
    const card = (
      (start?.body.attachments ?? []) as {
        content: { body: { text: string }[]; actions: { type: string }[] };
      }[]
    )[0]?.content;
    expect(card?.body[0]?.text).toBe(
      "▶️ Now: Demo: introductions — 2 min. Replies in this thread belong to this session.",
    );
    expect(card?.actions.map((a) => a.type)).toEqual(["Action.Execute", "Action.Execute", "Action.Execute"]);

    b.t.clock.advance(60_000);
    await restarted.relay.tick();
    const warning = framework.calls[2];
    expect(warning?.conversationId).toBe(`${CHANNEL};messageid=act-2`);
    expect(warning?.body.text).toBe("⏳ 1 minute left in Demo: introductions.");
  });

  it("retries a send that Teams throttled (429 with Retry-After) and delivers it once", async () => {
    const { teams, relay } = freshTeamsBot();
    void teams;
    framework.refuse(429, 2, "1");
    b.t.clock.advance(60_000);
    const before = framework.calls.length;
    expect(await relay.tick()).toBe(1);
    expect(framework.calls.length - before).toBe(1);
    expect(framework.calls.at(-1)?.body.text).toBe(
      "⏰ Time's up for Demo: introductions — `/agenda next` or extend.",
    );
  });
});

describe("the per-conversation throttle", () => {
  it("sends a burst of 20 into one conversation within Teams' limits, with no unhandled 429", async () => {
    let now = 0;
    const sent: number[] = [];
    const throttle = new ConversationThrottle({
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
      random: () => 0.5,
    });
    // A service that refuses with 429 whenever a limit would be broken.
    const send = async () => {
      const inLastSecond = sent.filter((t) => now - t < 1000).length;
      if (inLastSecond >= 7) throw Object.assign(new Error("Too Many Requests"), { statusCode: 429 });
      sent.push(now);
      return now;
    };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => throttle.run("conv-1", send)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(sent).toHaveLength(20);
    for (const w of TEAMS_WINDOWS) {
      for (const t of sent)
        expect(sent.filter((s) => s >= t && s < t + w.ms).length).toBeLessThanOrEqual(w.max);
    }
    // Other conversations are not held up by this one.
    const other = await throttle.run("conv-2", async () => now);
    expect(other).toBe(now);
  });

  it("gives up after its retries on a persistent refusal, and does not retry other errors", async () => {
    const throttle = new ConversationThrottle({ sleep: async () => {}, maxRetries: 2 });
    let attempts = 0;
    await expect(
      throttle.run("c", async () => {
        attempts++;
        throw Object.assign(new Error("Bad Gateway"), { statusCode: 502 });
      }),
    ).rejects.toThrow("Bad Gateway");
    expect(attempts).toBe(3);
    attempts = 0;
    await expect(
      throttle.run("c", async () => {
        attempts++;
        throw Object.assign(new Error("Forbidden"), { statusCode: 403 });
      }),
    ).rejects.toThrow("Forbidden");
    expect(attempts).toBe(1);
  });
});
