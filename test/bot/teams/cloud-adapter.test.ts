import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCore } from "../../../bot/core/agenda.js";
import { createTeamsBot, type TeamsBot } from "../../../bot/teams/app.js";
import { channelBindings } from "../../../db/schema/channel-bindings.js";
import { workshops } from "../../../db/schema/workshops.js";
import { rsaKeys, signJwt, startBotFramework } from "../../helpers/bot-framework.js";
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

  it("refuses a body that is not an activity", async () => {
    expect((await post("hello", `Bearer ${token()}`)).status).toBe(400);
  });
});
