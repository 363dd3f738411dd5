import { eq } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { createLogger } from "../../api/logger.js";
import { auditLog } from "../../db/schema/audit-log.js";
import { roadmapFeeds } from "../../db/schema/roadmap-feeds.js";
import { createTestApp, logSink, type TestApp } from "../helpers/app.js";
import { designExample as example } from "../helpers/plan.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

let workshopId: string;
const feedsPath = (id = workshopId) => `/v1/workshops/${id}/roadmap/feeds`;
const FEED_URL = /^http:\/\/localhost\/feeds\/roadmap\/([A-Za-z0-9_-]{43})\.ics$/;

async function newWorkshop(name = "Acme EDA workshop") {
  const res = await t.request("POST", "/v1/workshops", {
    body: { name, timezone: "Europe/London", startDate: "2025-03-03" },
  });
  expect(res.status).toBe(201);
  return res.json.id as string;
}

/** Creates a feed as a PM; answers the created feed, its path and its secret. */
async function createFeed(body: unknown = { name: "Team calendar" }, id = workshopId) {
  const res = await t.request("POST", feedsPath(id), { token: await t.tokenFor("pm"), body });
  expect(res.status).toBe(201);
  const secret = FEED_URL.exec(res.json.url)?.[1];
  if (!secret) throw new Error(`unexpected url ${res.json.url}`);
  return { feed: res.json, path: new URL(res.json.url).pathname, secret };
}

/** A subscription fetch: no Authorization header, as a calendar app sends it. */
const subscribe = (path: string, headers: Record<string, string> = {}) =>
  t.request("GET", path, { token: null, headers });

const events = (ics: string) =>
  new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));

beforeEach(async () => {
  workshopId = await newWorkshop();
  await t.request("PUT", `/v1/workshops/${workshopId}/plan`, { body: example() });
});

describe("subscribing", () => {
  it("serves the roadmap's iCalendar without a token, the same body as ?format=ics", async () => {
    const { path } = await createFeed();
    const res = await subscribe(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("Cache-Control")).toBe("private, max-age=300");
    expect(res.headers.get("Content-Disposition")).toBe('inline; filename="acme-eda-workshop-roadmap.ics"');
    expect(
      events(res.text).map((e) => [e.uid, e.summary, e.startDate.toString(), e.endDate.toString()]),
    ).toEqual([
      [`${workshopId}-design@baton`, "Design (critical)", "2025-03-03", "2025-03-06"],
      [`${workshopId}-docs@baton`, "Docs", "2025-03-10", "2025-03-12"],
      [`${workshopId}-build@baton`, "Build (critical)", "2025-03-06", "2025-03-14"],
    ]);
    const authenticated = await t.request("GET", `/v1/workshops/${workshopId}/roadmap?format=ics`);
    expect(res.text).toBe(authenticated.text);
  });

  it("follows the plan: a change shows on the next fetch", async () => {
    const { path } = await createFeed();
    await t.request("DELETE", `/v1/workshops/${workshopId}/plan/work-packages/docs`);
    expect(events((await subscribe(path)).text).map((e) => e.uid)).toEqual([
      `${workshopId}-design@baton`,
      `${workshopId}-build@baton`,
    ]);
  });

  it("answers 304 to If-None-Match with its ETag, and a new ETag once the plan changes", async () => {
    const { path } = await createFeed();
    const first = await subscribe(path);
    const tag = first.headers.get("ETag");
    expect(tag).toMatch(/^"[^"]+"$/);
    const again = await subscribe(path, { "If-None-Match": tag ?? "" });
    expect(again.status).toBe(304);
    expect(again.text).toBe("");
    expect(again.headers.get("ETag")).toBe(tag);
    expect(again.headers.get("Cache-Control")).toBe("private, max-age=300");
    t.clock.advance(60_000);
    await t.request("DELETE", `/v1/workshops/${workshopId}/plan/work-packages/docs`);
    const changed = await subscribe(path, { "If-None-Match": tag ?? "" });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(tag);
  });

  it("answers HEAD like GET, without a body", async () => {
    const { path } = await createFeed();
    const res = await t.app.request(path, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(await res.text()).toBe("");
  });

  it("serves a valid calendar with no events while the workshop has no plan", async () => {
    const { path } = await createFeed(undefined, await newWorkshop("Not planned yet"));
    const res = await subscribe(path);
    expect(res.status).toBe(200);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Not planned yet roadmap");
    expect(events(res.text)).toEqual([]);
  });

  it.each([
    ["an unknown secret", `/feeds/roadmap/${"A".repeat(43)}.ics`],
    ["a malformed secret", "/feeds/roadmap/not-a-secret.ics"],
    ["no .ics suffix", `/feeds/roadmap/${"A".repeat(43)}`],
  ])("answers 404 with the envelope to %s", async (_, path) => {
    const res = await subscribe(path);
    expect(res.status).toBe(404);
    expect(res.json.error).toMatchObject({
      code: "NOT_FOUND",
      message: "No roadmap feed at this address: the link is wrong or no longer valid.",
    });
  });

  it("builds the URL from the request's origin, or PUBLIC_URL when configured", async () => {
    const pm = await t.tokenFor("pm");
    const init = { method: "POST", headers: { Authorization: `Bearer ${pm}` } };
    const viaOrigin = await t.app.request(`https://baton.example.com${feedsPath()}`, init);
    expect(((await viaOrigin.json()) as { url: string }).url).toMatch(
      /^https:\/\/baton\.example\.com\/feeds\/roadmap\/[A-Za-z0-9_-]{43}\.ics$/,
    );
    const behindProxy = createApp({
      database: t.database,
      logger: createLogger("silent"),
      publicUrl: "https://plans.example.org/baton/",
    });
    const res = await behindProxy.request(`http://10.0.0.7:3000${feedsPath()}`, init);
    expect(res.status).toBe(201);
    expect(((await res.json()) as { url: string }).url).toMatch(
      /^https:\/\/plans\.example\.org\/baton\/feeds\/roadmap\/[A-Za-z0-9_-]{43}\.ics$/,
    );
  });
});

describe("managing feeds", () => {
  it("creates with or without a name, and answers the secret URL only then", async () => {
    const named = await createFeed({ name: "  Team calendar " });
    expect(named.feed).toMatchObject({ workshopId, name: "Team calendar", revokedAt: null });
    const pm = await t.tokenFor("pm");
    const bare = await t.request("POST", feedsPath(), { token: pm });
    expect(bare.status).toBe(201);
    expect(bare.json.name).toBeNull();
    const [row] = await t.database.db.select().from(roadmapFeeds).where(eq(roadmapFeeds.id, named.feed.id));
    expect(row?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(named.secret);
  });

  it("lists feeds without their secrets or hashes, revoked ones marked", async () => {
    const kept = await createFeed({ name: "kept" });
    t.clock.advance(1000);
    const gone = await createFeed({ name: "gone" });
    t.clock.advance(1000);
    expect((await t.request("DELETE", `${feedsPath()}/${gone.feed.id}`)).status).toBe(204);
    const res = await t.request("GET", feedsPath(), { token: await t.tokenFor("facilitator") });
    expect(res.status).toBe(200);
    expect(
      res.json.feeds.map((f: { name: string; revokedAt: string | null }) => [f.name, f.revokedAt]),
    ).toEqual([
      ["kept", null],
      ["gone", t.clock.now().toISOString()],
    ]);
    for (const f of res.json.feeds)
      expect(Object.keys(f).sort()).toEqual([
        "createdAt",
        "createdBy",
        "id",
        "name",
        "revokedAt",
        "workshopId",
      ]);
    const [row] = await t.database.db.select().from(roadmapFeeds).where(eq(roadmapFeeds.id, kept.feed.id));
    for (const hidden of [kept.secret, gone.secret, row?.tokenHash ?? "?"])
      expect(res.text).not.toContain(hidden);
  });

  it("revokes: the link answers 404 at once, revoking again is 204, and one audit entry records it", async () => {
    const { feed, path, secret } = await createFeed();
    expect((await subscribe(path)).status).toBe(200);
    expect(
      (await t.request("DELETE", `${feedsPath()}/${feed.id}`, { token: await t.tokenFor("pm") })).status,
    ).toBe(204);
    const res = await subscribe(path);
    expect(res.status).toBe(404);
    expect(res.json.error.message).toBe(
      "No roadmap feed at this address: the link is wrong or no longer valid.",
    );
    expect((await t.request("DELETE", `${feedsPath()}/${feed.id}`)).status).toBe(204);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, feed.id));
    expect(audits.map((a) => a.action)).toEqual(["roadmap.feed.create", "roadmap.feed.revoke"]);
    expect(JSON.stringify(audits)).not.toContain(secret);
  });

  it("answers 404 to another workshop's feed id, which keeps working", async () => {
    const other = await newWorkshop("Other");
    const { feed, path } = await createFeed({}, other);
    const res = await t.request("DELETE", `${feedsPath()}/${feed.id}`);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("NOT_FOUND");
    expect((await subscribe(path)).status).toBe(200);
  });

  it("answers 404 for a workshop that does not exist", async () => {
    const missing = "0b5f6a4e-8d7c-4f53-9f0e-2a3b4c5d6e7f";
    expect((await t.request("POST", feedsPath(missing), { body: {} })).status).toBe(404);
    expect((await t.request("GET", feedsPath(missing))).status).toBe(404);
  });

  it.each([
    ["admin", 201],
    ["facilitator", 201],
    ["pm", 201],
    ["bot", 403],
    ["ingest", 403],
  ] as const)("lets %s create a feed: %i", async (role, status) => {
    const res = await t.request("POST", feedsPath(), { token: await t.tokenFor(role), body: {} });
    expect(res.status).toBe(status);
    if (status === 403) expect(res.json.error.code).toBe("FORBIDDEN");
  });

  it("refuses list and revoke to bot tokens and every call without a token", async () => {
    const { feed } = await createFeed();
    const bot = await t.tokenFor("bot");
    expect((await t.request("GET", feedsPath(), { token: bot })).status).toBe(403);
    expect((await t.request("DELETE", `${feedsPath()}/${feed.id}`, { token: bot })).status).toBe(403);
    expect((await t.request("POST", feedsPath(), { token: null, body: {} })).status).toBe(401);
    expect((await t.request("GET", feedsPath(), { token: null })).status).toBe(401);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: 5 }, "name"],
    [{ name: "x".repeat(101) }, "name"],
    [{ nmae: "typo" }, "nmae"],
  ])("refuses %j with a 400 naming %s", async (body, path) => {
    const res = await t.request("POST", feedsPath(), { body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION");
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual([path]);
  });

  it("refuses a feed id that is not a UUID with a 400 naming it", async () => {
    const res = await t.request("DELETE", `${feedsPath()}/nope`);
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual(["feedId"]);
  });
});

describe("secrets stay out of logs", () => {
  it("logs a feed's path with the secret redacted, never the secret", async () => {
    const { path, secret } = await createFeed();
    await subscribe(path);
    await subscribe(path.replace(".ics", ""));
    const text = t.logs.text();
    expect(text).not.toContain(secret);
    const paths = t.logs.lines.map((l) => JSON.parse(l).path as string | undefined);
    expect(paths).toContain("/feeds/***");
  });

  it("keeps the secret out of a separate app's log from the first request on", async () => {
    const sink = logSink();
    const app = createApp({ database: t.database, logger: createLogger("info", sink.stream) });
    const { path, secret } = await createFeed();
    expect((await app.request(path)).status).toBe(200);
    expect((await app.request(`${path}?x=1`)).status).toBe(200);
    expect((await app.request(path.toUpperCase())).status).toBe(404);
    expect(sink.lines).toHaveLength(3);
    expect(sink.text()).not.toContain(secret);
    expect(sink.text().toLowerCase()).not.toContain(secret.toLowerCase());
  });
});

describe("the OpenAPI document", () => {
  it("lists the feed routes; the subscription needs no bearer token", async () => {
    const doc = (await t.request("GET", "/openapi.json", { token: null })).json;
    expect(doc.paths["/feeds/roadmap/{secret}.ics"].get.security).toBeUndefined();
    expect(doc.paths["/v1/workshops/{id}/roadmap/feeds"].post.security).toEqual([{ Bearer: [] }]);
    expect(Object.keys(doc.paths["/v1/workshops/{id}/roadmap/feeds"])).toEqual(["post", "get"]);
    expect(doc.paths["/v1/workshops/{id}/roadmap/feeds/{feedId}"].delete).toBeDefined();
  });
});
