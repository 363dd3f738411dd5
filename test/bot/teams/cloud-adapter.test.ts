import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore } from "../../../bot/core/core.js";
import { TimerRelay } from "../../../bot/core/relay.js";
import { createTeamsBot, type TeamsBot } from "../../../bot/teams/app.js";
import { channelBindings } from "../../../db/schema/channel-bindings.js";
import { workshops } from "../../../db/schema/workshops.js";
import { rsaKeys, StubCredentialsFactory, signJwt, startBotFramework } from "../../helpers/bot-framework.js";
import { createTestBots, silentLogger } from "../../helpers/bots.js";

// Signed activities through the real CloudAdapter and ConfigurationBotFrameworkAuthentication, with
// tokens signed by a test key whose OpenID metadata is served locally.
const APP_ID = "00000000-0000-0000-0000-0000000000b0";
const keys = rsaKeys();
const otherKeys = rsaKeys();
let framework: Awaited<ReturnType<typeof startBotFramework>>;
let b: Awaited<ReturnType<typeof createTestBots>>;
let teams: TeamsBot;

beforeAll(async () => {
  framework = await startBotFramework(keys.publicKey);
  b = await createTestBots();
  const core = createCore({ api: b.api, now: b.t.clock.now });
  teams = createTeamsBot(
    {
      appId: APP_ID,
      appPassword: "not-used-with-expect-replies",
      openIdMetadataUrl: framework.openIdMetadataUrl,
    },
    core,
    silentLogger,
  );
});
afterAll(async () => {
  await framework.close();
  await b.t.close();
});

function activity(text: string) {
  return {
    type: "message",
    id: `a-${Math.random().toString(36).slice(2)}`,
    text,
    channelId: "msteams",
    serviceUrl: framework.serviceUrl,
    deliveryMode: "expectReplies",
    from: { id: "29:fran", name: "Fran Facilitator", aadObjectId: "aad-fran" },
    recipient: { id: `28:${APP_ID}`, name: "Baton" },
    conversation: { id: "19:secure@thread.tacv2", isGroup: true, conversationType: "channel" },
  };
}

function token(overrides: Record<string, unknown> = {}, key = keys.privateKey) {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      iss: "https://api.botframework.com",
      aud: APP_ID,
      serviceurl: framework.serviceUrl,
      nbf: now - 60,
      exp: now + 3600,
      ...overrides,
    },
    key,
    "test-key",
  );
}

async function post(body: unknown, authorization?: string) {
  const res = await teams.handle(
    new Request("http://baton.test/api/messages", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(authorization ? { Authorization: authorization } : {}),
      },
      body: JSON.stringify(body),
    }),
  );
  return { status: res.status, text: await res.text() };
}

async function counts() {
  return {
    workshops: (await b.t.database.db.select().from(workshops)).length,
    bindings: (await b.t.database.db.select().from(channelBindings)).length,
  };
}

describe("POST /api/messages authentication", () => {
  const now = Math.floor(Date.now() / 1000);
  it.each([
    ["no Authorization header", () => undefined],
    ["a token that expired", () => `Bearer ${token({ exp: now - 3600, nbf: now - 7200 })}`],
    ["a token for another bot (wrong audience)", () => `Bearer ${token({ aud: "someone-else" })}`],
    ["a token from another issuer", () => `Bearer ${token({ iss: "https://evil.example.com" })}`],
    ["a token signed with another key", () => `Bearer ${token({}, otherKeys.privateKey)}`],
    [
      "a token for another service URL",
      () => `Bearer ${token({ serviceurl: "https://elsewhere.example.com/" })}`,
    ],
    ["garbage", () => "Bearer not-a-jwt"],
  ])("refuses %s with 401 and runs nothing", async (_name, auth) => {
    const before = await counts();
    const res = await post(activity("agenda start demo"), auth());
    expect(res.status).toBe(401);
    expect(await counts()).toEqual(before);
    expect(framework.calls).toEqual([]);
  });

  it("processes a validly signed activity and returns expectReplies in the body", async () => {
    const before = await counts();
    const res = await post(activity("agenda start demo"), `Bearer ${token()}`);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as {
      activities: { attachments: { content: { body: { text: string }[] } }[] }[];
    };
    expect(body.activities[0]?.attachments[0]?.content.body[0]?.text).toMatch(
      /^Started "Demo: introductions"/,
    );
    expect(await counts()).toEqual({ workshops: before.workshops + 1, bindings: before.bindings + 1 });
    expect(framework.calls).toEqual([]);
  });

  /** A body that counts how often it is read from, and is not JSON at all: parsing it would be a 400. */
  function untouchedBody() {
    let reads = 0;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          reads++;
          controller.enqueue(new TextEncoder().encode("{{{ not an activity"));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    return { stream, reads: () => reads };
  }

  const unsigned = () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const at = Math.floor(Date.now() / 1000);
    return `${b64({ alg: "none", typ: "JWT" })}.${b64({ iss: "https://api.botframework.com", aud: APP_ID, serviceurl: framework.serviceUrl, nbf: at - 60, exp: at + 3600 })}.`;
  };
  it.each([
    ["an unsigned token (alg: none)", () => `Bearer ${unsigned()}`],
    ["a token signed with another key", () => `Bearer ${token({}, otherKeys.privateKey)}`],
    ["a token for another bot", () => `Bearer ${token({ aud: "someone-else" })}`],
    ["a token from another issuer", () => `Bearer ${token({ iss: "https://evil.example.com" })}`],
    ["an expired token", () => `Bearer ${token({ exp: now - 3600, nbf: now - 7200 })}`],
  ])("verifies %s before reading the body: 401, nothing read or parsed", async (_name, auth) => {
    const body = untouchedBody();
    const res = await teams.handle(
      new Request("http://baton.test/api/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: auth() },
        body: body.stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: "Unauthorized: the Bot Framework token is missing or not valid for this bot.",
    });
    expect(body.reads()).toBe(0);
  });

  it("reads the body of a validly signed request (the same not-JSON body is then a 400)", async () => {
    const body = untouchedBody();
    const res = await teams.handle(
      new Request("http://baton.test/api/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token()}` },
        body: body.stream,
        duplex: "half",
      } as RequestInit),
    );
    expect(res.status).toBe(400);
    expect(body.reads()).toBe(1);
  });

  it("refuses a body that is not an activity", async () => {
    expect((await post("hello", `Bearer ${token()}`)).status).toBe(400);
  });
});

describe("per-user poll cards through the real CloudAdapter", () => {
  const CHANNEL = "19:roster@thread.tacv2";
  const people = [
    { id: "29:fran", name: "Fran Facilitator", aadObjectId: "aad-fran" },
    { id: "29:sam", name: "Sam Stakeholder", aadObjectId: "aad-sam" },
    { id: "29:kim", name: "Kim", aadObjectId: "aad-kim" },
  ];

  function signed(body: Record<string, unknown>, bot: TeamsBot) {
    return bot.handle(
      new Request("http://baton.test/api/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token()}` },
        body: JSON.stringify({
          id: `a-${Math.random().toString(36).slice(2)}`,
          channelId: "msteams",
          serviceUrl: framework.serviceUrl,
          from: people[0],
          recipient: { id: `28:${APP_ID}`, name: "Baton" },
          conversation: { id: CHANNEL, isGroup: true, conversationType: "channel" },
          ...body,
        }),
      }),
    );
  }

  it("reads the channel's roster page by page, and the poll card's refresh names the members' MRIs", async () => {
    // The bot's own calls to the Bot Connector are signed (a stub token): posting, updating, the roster.
    const bot = createTeamsBot(
      {
        appId: APP_ID,
        appPassword: "unused",
        openIdMetadataUrl: framework.openIdMetadataUrl,
        credentialsFactory: new StubCredentialsFactory(APP_ID),
        throttle: { sleep: async () => {} },
      },
      createCore({ api: b.api, now: b.t.clock.now }),
      silentLogger,
    );
    const relay = new TimerRelay({
      api: b.api,
      posters: { teams: bot.poster },
      logger: silentLogger,
      now: b.t.clock.now,
    });
    framework.setMembers(CHANNEL, people, 2);
    const say = async (text: string) =>
      expect((await signed({ type: "message", text, deliveryMode: "expectReplies" }, bot)).status).toBe(200);
    await say("agenda start demo");
    await relay.tick();
    await say("agenda poll scorecard");
    await relay.tick();

    // Two pages of the channel's members (2 + 1), read with the bot's token.
    const reads = framework.rosterReads.filter((r) => r.conversationId === CHANNEL);
    expect(reads.map((r) => r.continuationToken)).toEqual([null, "2"]);
    expect(reads.every((r) => r.authorization === "Bearer stub-outbound-token")).toBe(true);
    const post = framework.calls.find(
      (c) =>
        c.method === "POST" &&
        JSON.stringify(c.body).includes("📊 Scorecard") &&
        c.conversationId.startsWith(CHANNEL),
    );
    const card = (post?.body.attachments as { content: Record<string, unknown> }[] | undefined)?.[0]
      ?.content as {
      refresh?: { action: { verb: string }; userIds: string[] };
    };
    expect(card?.refresh?.userIds).toEqual(["29:fran", "29:sam", "29:kim"]);
    const verb = card?.refresh?.action.verb ?? "";
    expect(verb).toMatch(/^poll:view:[0-9a-f-]{36}$/);

    // Sam's Teams refreshes the card: the invoke is answered in the HTTP response with his own card.
    const res = await signed(
      {
        type: "invoke",
        name: "adaptiveCard/action",
        from: people[1],
        value: { action: { type: "Action.Execute", verb, data: { actionId: verb } }, trigger: "automatic" },
      },
      bot,
    );
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { type: string; value: { refresh?: { userIds: string[] } } };
    expect(answer.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(answer.value.refresh?.userIds).toEqual(["29:fran", "29:sam", "29:kim"]);
    expect(JSON.stringify(answer.value)).toContain("Only you see this view: you have not voted yet.");
    // The roster came from the cache: no more reads.
    expect(framework.rosterReads.filter((r) => r.conversationId === CHANNEL)).toHaveLength(2);
  });
});
