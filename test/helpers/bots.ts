import { PassThrough } from "node:stream";
import { createApiClient } from "../../bot/api-client.js";
import { startConsoleSession } from "../../bot/console/session.js";
import type { BatonApi } from "../../bot/core/api.js";
import { createCore } from "../../bot/core/core.js";
import { type Poster, TimerRelay } from "../../bot/core/relay.js";
import type { ChatContext, Reply, TimerEvent } from "../../bot/core/types.js";
import { createTestApp, type TestApp } from "./app.js";

/** A poster that records what it was asked to post; `fail` makes the next posts throw. */
export function recordingPoster() {
  const posts: { event: TimerEvent; message: Reply }[] = [];
  let failures = 0;
  const poster: Poster = {
    async post(event, message) {
      if (failures > 0) {
        failures--;
        throw new Error("platform unavailable");
      }
      posts.push({ event, message });
      return { channel: event.channelId, ts: `${1700000000 + posts.length}.000100` };
    },
  };
  return { poster, posts, failNext: (n: number) => (failures = n) };
}

export const silentLogger = { info() {}, warn() {}, error() {} };

/** The real API (real database, fake clock) with the core and a relay on top, in process. */
export type TestBots = Awaited<ReturnType<typeof createTestBots>>;

export async function createTestBots(t?: TestApp) {
  const app = t ?? (await createTestApp());
  const api: BatonApi = createApiClient({ fetch: app.app.fetch, token: await app.tokenFor("bot") });
  const recorder = recordingPoster();
  const core = createCore({ api, now: app.clock.now, defaultTimezone: "UTC" });
  const relay = new TimerRelay({
    api,
    posters: { slack: recorder.poster },
    logger: silentLogger,
    now: app.clock.now,
  });
  const ctx = (userId = "UFAC", channelId = "C1"): ChatContext => ({
    actor: { platform: "slack", userId, displayName: userId === "UFAC" ? "Fran Facilitator" : userId },
    channel: { platform: "slack", channelId },
  });
  return { t: app, api, core, relay, recorder, ctx };
}

/**
 * A terminal chat session on the test bots' core, with a timer relay posting to it. `say` types a line
 * and waits until the session has answered it; `output()` is everything printed so far.
 */
export function terminalSession(
  b: Pick<TestBots, "core" | "api" | "t">,
  channelId: string,
  who: { userId: string; displayName: string } = { userId: "ada", displayName: "Ada" },
) {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = "";
  output.on("data", (c) => {
    printed += String(c);
  });
  const session = startConsoleSession({
    core: b.core,
    input,
    output,
    actor: { platform: "console", ...who },
    channel: { platform: "console", channelId },
    clock: b.t.clock.now,
  });
  const relay = new TimerRelay({
    api: b.api,
    posters: { console: session.poster },
    logger: silentLogger,
    now: b.t.clock.now,
  });
  let typed = 0;
  const say = async (line: string) => {
    typed += line.split("\n").length;
    input.write(`${line}\n`);
    await session.idle(typed);
  };
  return { input, session, relay, say, output: () => printed };
}
