import { PassThrough } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startConsoleSession } from "../../bot/console/session.js";
import { TimerRelay } from "../../bot/core/relay.js";
import { createTestBots, silentLogger } from "../helpers/bots.js";

let b: Awaited<ReturnType<typeof createTestBots>>;
beforeAll(async () => {
  b = await createTestBots();
});
afterAll(async () => {
  await b.t.close();
});

it("runs the agenda from a terminal: commands, timer messages, and buttons pressed by number", async () => {
  b.t.clock.set("2026-03-02T09:00:00Z");
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (c) => {
    text += String(c);
  });
  const session = startConsoleSession({
    core: b.core,
    input,
    output,
    actor: { platform: "console", userId: "ada", displayName: "Ada" },
    channel: { platform: "console", channelId: "terminal-ada" },
    clock: b.t.clock.now,
  });
  const relay = new TimerRelay({
    api: b.api,
    posters: { console: session.poster },
    logger: silentLogger,
    now: b.t.clock.now,
  });
  const say = async (line: string) => {
    input.write(`${line}\n`);
    await new Promise((r) => setTimeout(r, 150));
  };

  await say("/agenda start demo");
  await relay.tick();
  expect(text).toContain('Started "Demo: introductions"');
  expect(text).toContain("▶️ Now: Demo: introductions — 2 min.");
  expect(text).toContain("[1] Next   [2] +5 min   [3] Pause");

  b.t.clock.advance(60_000);
  await relay.tick();
  expect(text).toContain("↳ [09:01] ⏳ 1 minute left in Demo: introductions.");

  await say("2");
  expect(text).toContain('Extended "Demo: introductions" by 5 min.');
  await say("/agenda wat");
  expect(text).toContain("⚠ I don't know `wat`.");
  await say("hello?");
  expect(text).toContain("Type /agenda help");
  input.end("/quit\n");
  await session.done;
});

it("votes on a scorecard from the terminal by typing a button's number", async () => {
  b.t.clock.set("2026-03-02T10:00:00Z");
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (c) => {
    text += String(c);
  });
  const session = startConsoleSession({
    core: b.core,
    input,
    output,
    actor: { platform: "console", userId: "ada", displayName: "Ada" },
    channel: { platform: "console", channelId: "terminal-ada-votes" },
    clock: b.t.clock.now,
  });
  const relay = new TimerRelay({
    api: b.api,
    posters: { console: session.poster },
    logger: silentLogger,
    now: b.t.clock.now,
  });
  const say = async (line: string) => {
    input.write(`${line}\n`);
    await new Promise((r) => setTimeout(r, 150));
  };
  await say("/agenda start demo");
  await relay.tick();
  await say("/agenda poll scorecard");
  await relay.tick();
  expect(text).toContain("📊 Scorecard: score each option Low / Medium / High on each factor.");
  // The cards' buttons are numbered on from card to card: find AWS MSK's "Cost … M".
  const afterMsk = text.slice(text.indexOf("AWS MSK"));
  const costLine = afterMsk.split("\n").find((l) => l.includes("Cost (lower is better):")) ?? "";
  const m = /\[(\d+)\] M/.exec(costLine);
  expect(m).not.toBeNull();
  await say(m?.[1] ?? "");
  expect(text).toContain("Cost for AWS MSK: M — change it any time until the poll closes.");
  await say("/capture risk Only one engineer knows Kafka");
  expect(text).toContain('📝 Ada captured a risk: "Only one engineer knows Kafka".');
  input.end("/quit\n");
  await session.done;
});
