import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/schema/api-tokens.js";
import { createTestApp, SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "../helpers/app.js";

/**
 * Every /v1 route of the real app's OpenAPI document × every role × a workshop of the token's own
 * organisation and of another one. Each route needs a rule below: a route added without one fails
 * "has a rule for every /v1 route", so nobody ships an endpoint whose access nobody decided.
 *
 * A rule: `allow` the roles that may call it (admin always may; every other role gets 403),
 * `scope` how another organisation's rows behave — `workshop`: the route reaches a workshop (or a
 * poll, item, feed, timer or binding in one) and another organisation's answers 404 as if absent;
 * `org`: platform-level (tokens, orgs, lists that filter instead of 404, DORA), no other-org case.
 * `body`/`query` build a valid request for the fixture (bots send `actor`, others must not).
 */
type Scope = "workshop" | "org";
interface Fixture {
  orgId: string;
  workshopId: string;
  sessionId: string;
  pollId: string;
  itemId: string;
  feedId: string;
  linkId: string;
  timerId: string;
  channelId: string;
  tokenId: string;
  outputId: string;
  /** A scorecard option and view of the fixture's scorecard poll, with a decision recorded for the view. */
  option: string;
  view: string;
}
interface Rule {
  allow: Role[];
  scope: Scope;
  body?: (f: Fixture, role: Role) => unknown;
  query?: (f: Fixture, role: Role) => string;
}

const actor = (role: Role) => (role === "bot" ? { actor: SLACK_FACILITATOR } : {});
const wp = (role: Role) => ({ title: "Design", durationDays: 2, ...actor(role) });
const scorecardVote = (role: Role) => ({
  ...(role === "bot" ? { actor: SLACK_STAKEHOLDER } : {}),
  votes: [{ option: "a", value: true }],
});
/** The fixture's environments and use case `base` (architecture routes). */
const ENVIRONMENTS = [
  {
    key: "prod",
    name: "Production",
    tier: "prod",
    regions: ["eu-west-1"],
    components: [{ key: "brokers", kind: "broker", product: "Apache Kafka", count: 3 }],
  },
];
const USE_CASE = {
  title: "Orders",
  producers: [{ key: "shop", topic: "orders", messagesPerSecond: { avg: 10, peak: 50 }, messageBytes: 1000 }],
  topics: [{ name: "orders" }],
  consumers: [{ key: "billing", group: "billing", topic: "orders" }],
  failure: { delivery: "at-least-once" },
};
let seq = 0;
const unique = (s: string) => `${s}-${++seq}`;

const RULES: Record<string, Rule> = {
  "POST /v1/tokens": { allow: [], scope: "org", body: () => ({ name: unique("t"), role: "pm" }) },
  "GET /v1/tokens": { allow: [], scope: "org" },
  "DELETE /v1/tokens/{id}": { allow: [], scope: "org" },
  "POST /v1/orgs": { allow: [], scope: "org", body: () => ({ name: unique("org") }) },
  "GET /v1/orgs": { allow: ["facilitator", "pm", "bot"], scope: "org" },
  "POST /v1/orgs/{id}/chat-workspaces": {
    allow: [],
    scope: "org",
    body: () => ({ platform: "slack", workspaceId: unique("T") }),
  },
  "POST /v1/workshops": {
    allow: ["facilitator", "bot"],
    scope: "org",
    body: (_f, role) => ({ name: unique("w"), timezone: "UTC", startDate: "2026-03-02", ...actor(role) }),
  },
  "GET /v1/workshops": { allow: ["facilitator", "pm", "bot"], scope: "org" },
  "GET /v1/workshops/{id}": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "GET /v1/workshops/{id}/agenda": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "POST /v1/workshops/{id}/agenda/actions": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ action: "extend", minutes: 1, ...actor(role) }),
  },
  "GET /v1/workshops/{id}/facilitators": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "POST /v1/workshops/{id}/facilitators": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ facilitator: SLACK_FACILITATOR, ...actor(role) }),
  },
  "GET /v1/channels/{platform}/{channelId}/binding": {
    allow: ["facilitator", "pm", "bot"],
    scope: "workshop",
  },
  "PUT /v1/channels/{platform}/{channelId}/binding": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (f, role) => ({ workshopId: f.workshopId, ...actor(role) }),
  },
  "DELETE /v1/channels/{platform}/{channelId}/binding": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ ...actor(role) }),
  },
  "POST /v1/timer-events/claim": { allow: ["bot"], scope: "org", body: () => ({ platforms: ["console"] }) },
  "POST /v1/timer-events/{id}/delivered": {
    allow: ["bot"],
    scope: "workshop",
    body: () => ({ messageRefs: [{ ts: "1" }] }),
  },
  // The fixture's timer is freshly claimed (claims = 1), so the owner's attempt goes ahead.
  "POST /v1/timer-events/{id}/attempt": { allow: ["bot"], scope: "workshop", body: () => ({ claim: 1 }) },
  // No cursor: answers at once with a cursor and the caller's organisation's next due time.
  "POST /v1/timer-events/wait": { allow: ["bot"], scope: "org", body: () => ({ platforms: ["slack"] }) },
  "PUT /v1/workshops/{id}/plan": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({
      calendar: { start: "2026-03-02" },
      workPackages: [{ key: "base", title: "Base", durationDays: 1 }],
      ...actor(role),
    }),
  },
  "GET /v1/workshops/{id}/plan": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "POST /v1/workshops/{id}/plan/work-packages/{key}": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => wp(role),
  },
  "PATCH /v1/workshops/{id}/plan/work-packages/{key}": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ title: "Base, renamed", ...actor(role) }),
  },
  "DELETE /v1/workshops/{id}/plan/work-packages/{key}": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ ...actor(role) }),
  },
  "GET /v1/workshops/{id}/plan/work-packages/{key}/why": {
    allow: ["facilitator", "pm", "bot"],
    scope: "workshop",
  },
  "GET /v1/workshops/{id}/roadmap": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "POST /v1/workshops/{id}/roadmap/feeds": {
    allow: ["facilitator", "pm"],
    scope: "workshop",
    body: () => ({}),
  },
  "GET /v1/workshops/{id}/roadmap/feeds": { allow: ["facilitator", "pm"], scope: "workshop" },
  "DELETE /v1/workshops/{id}/roadmap/feeds/{feedId}": { allow: ["facilitator", "pm"], scope: "workshop" },
  "GET /v1/workshops/{id}/report": {
    allow: ["facilitator", "pm", "bot"],
    scope: "workshop",
    query: () => "?format=md",
  },
  // A bot creates one for a facilitator it names (`/agenda report`).
  "POST /v1/workshops/{id}/share-links": {
    allow: ["facilitator", "pm", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ name: unique("link"), ...actor(role) }),
  },
  "GET /v1/workshops/{id}/share-links": { allow: ["facilitator", "pm"], scope: "workshop" },
  // Revoking is idempotent: every request finds the fixture's link (revoked after the first).
  "DELETE /v1/workshops/{id}/share-links/{linkId}": { allow: ["facilitator", "pm"], scope: "workshop" },
  // DORA records belong to the caller's organisation (no workshop to 404): ids are unique per organisation.
  "POST /v1/dora/changes": {
    allow: ["ingest"],
    scope: "org",
    body: () => ({ id: unique("c"), service: "s", committedAt: "2026-03-01T10:00:00Z" }),
  },
  "POST /v1/dora/deployments": {
    allow: ["ingest"],
    scope: "org",
    body: () => ({
      id: unique("d"),
      service: "s",
      environment: "production",
      status: "success",
      deployedAt: "2026-03-01T11:00:00Z",
      changeIds: [],
    }),
  },
  "POST /v1/dora/incidents": {
    allow: ["ingest"],
    scope: "org",
    body: () => ({ id: unique("i"), service: "s", createdAt: "2026-03-01T12:00:00Z" }),
  },
  "GET /v1/dora/metrics": {
    allow: ["facilitator", "pm", "bot"],
    scope: "org",
    query: () => "?from=2026-01-01&to=2026-03-01",
  },
  "GET /v1/dora/metrics/explain": {
    allow: ["facilitator", "pm", "bot"],
    scope: "org",
    query: () => "?from=2026-01-01&to=2026-03-01&metric=deploymentFrequency",
  },
  "POST /v1/workshops/{id}/dora-survey": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: () => ({ respondent: "slack:T1:U1", answers: { deploymentFrequency: "unknown" } }),
  },
  "GET /v1/workshops/{id}/dora-survey": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "POST /v1/workshops/{id}/polls": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ kind: "choice", title: "Pick", options: ["A", "B"], ...actor(role) }),
  },
  "GET /v1/workshops/{id}/polls": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "GET /v1/polls/{pollId}": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "PUT /v1/polls/{pollId}/votes": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => scorecardVote(role),
  },
  "POST /v1/polls/{pollId}/ballots": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ ballots: [scorecardVote(role)] }),
  },
  "POST /v1/polls/{pollId}/reveal": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ ...actor(role) }),
  },
  "POST /v1/polls/{pollId}/close": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ ...actor(role) }),
  },
  "GET /v1/workshops/{id}/scorecard": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "POST /v1/workshops/{id}/items": {
    allow: ["facilitator", "pm", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ kind: "risk", text: "Broker sizing", ...actor(role) }),
  },
  "GET /v1/workshops/{id}/items": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "PATCH /v1/items/{itemId}": {
    allow: ["facilitator", "pm", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ priority: "high", ...actor(role) }),
  },
  "POST /v1/workshops/{id}/feedback": {
    allow: ["facilitator", "pm", "bot"],
    scope: "workshop",
    body: (f, role) => ({ sessionId: f.sessionId, rating: 4, ...actor(role) }),
  },
  "GET /v1/workshops/{id}/feedback": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "PUT /v1/workshops/{id}/environments": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ environments: ENVIRONMENTS, ...actor(role) }),
  },
  "GET /v1/workshops/{id}/environments": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "PUT /v1/workshops/{id}/items/{itemId}/components": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ components: ["prod.brokers"], ...actor(role) }),
  },
  "PUT /v1/workshops/{id}/use-cases/{key}": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ ...USE_CASE, ...actor(role) }),
  },
  "GET /v1/workshops/{id}/use-cases/{key}": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "GET /v1/workshops/{id}/use-cases": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "DELETE /v1/workshops/{id}/use-cases/{key}": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    query: (_f, role) => (role === "bot" ? `?actor=slack:${SLACK_FACILITATOR.userId}` : ""),
  },
  "GET /v1/workshops/{id}/use-cases/{key}/sizing": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  // Stateless calculators (no workshop, no stored rows): any role of a workshop's people, not ingest.
  "POST /v1/kafka/partitions": {
    allow: ["facilitator", "pm", "bot"],
    scope: "org",
    body: () => ({ partitions: 6, keys: ["order-1", "order-2"] }),
  },
  "POST /v1/schemas/compatibility": {
    allow: ["facilitator", "pm", "bot"],
    scope: "org",
    body: () => ({
      format: "avro",
      mode: "BACKWARD",
      schema: { type: "record", name: "Order", fields: [{ name: "id", type: "string" }] },
      previous: [{ type: "record", name: "Order", fields: [{ name: "id", type: "string" }] }],
    }),
  },
  "GET /v1/workshops/{id}/outputs": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "PATCH /v1/outputs/{outputId}": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ status: "draft", ...actor(role) }),
  },
  "GET /v1/workshops/{id}/review": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "POST /v1/items/{itemId}/review": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({ outcome: "defer", ...actor(role) }),
  },
  "POST /v1/workshops/{id}/swot": {
    allow: ["facilitator", "pm", "bot"],
    scope: "workshop",
    body: (f, role) => ({ option: f.option, quadrant: "strength", text: "Managed", ...actor(role) }),
  },
  "GET /v1/workshops/{id}/swot": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "PUT /v1/workshops/{id}/decisions/{view}": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (f, role) => ({ option: f.option, rationale: "the team knows it", ...actor(role) }),
  },
  "GET /v1/workshops/{id}/decisions": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "GET /v1/workshops/{id}/decisions/{view}": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "PUT /v1/workshops/{id}/skills": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (_f, role) => ({
      people: [{ name: "Ana" }],
      skills: ["kafka-ops"],
      levels: { Ana: { "kafka-ops": 1 } },
      target: { "kafka-ops": 2 },
      ...actor(role),
    }),
  },
  "GET /v1/workshops/{id}/skills": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  "PUT /v1/workshops/{id}/costs": {
    allow: ["facilitator", "bot"],
    scope: "workshop",
    body: (f, role) => ({
      items: [{ option: f.option, environment: "production", monthly: 100, currency: "EUR" }],
      ...actor(role),
    }),
  },
  "GET /v1/workshops/{id}/costs": { allow: ["facilitator", "pm", "bot"], scope: "workshop" },
  // Deleting reaches a workshop made for the request (see victimWorkshop), never the fixture's.
  "DELETE /v1/workshops/{id}": { allow: ["facilitator"], scope: "workshop" },
  // The audit log filters to the caller's organisation rather than answering 404.
  "GET /v1/audit": { allow: ["facilitator"], scope: "org", query: () => "?limit=5" },
  // A person's data across organisations: the platform admin's alone.
  "GET /v1/people/{platform}/{workspaceId}/{userId}": { allow: [], scope: "org" },
  "DELETE /v1/people/{platform}/{workspaceId}/{userId}": { allow: [], scope: "org" },
};

/** Routes outside /v1 and the signed GitHub webhook have their own authentication. */
const NOT_BEARER = new Set(["POST /v1/webhooks/github"]);
const ROLES: Role[] = ["admin", "facilitator", "pm", "bot", "ingest"];

function fill(path: string, f: Fixture): string {
  return path
    .replace("{platform}", "slack")
    .replace("{channelId}", f.channelId)
    .replace("{pollId}", f.pollId)
    .replace("{itemId}", f.itemId)
    .replace("{feedId}", f.feedId)
    .replace("{linkId}", f.linkId)
    .replace("{outputId}", f.outputId)
    .replace("{view}", f.view)
    .replace("{key}", "base")
    .replace("{workspaceId}", "TNOBODY")
    .replace("{userId}", "UNOBODY")
    .replace(
      "{id}",
      path.startsWith("/v1/tokens")
        ? f.tokenId
        : path.startsWith("/v1/orgs")
          ? f.orgId
          : path.startsWith("/v1/timer-events")
            ? f.timerId
            : f.workshopId,
    );
}

let t: TestApp;
let routes: string[] = [];
const tokens = new Map<string, string>();
const fixtures = new Map<"A" | "B", Fixture>();

async function ok(res: { status: number; text: string }, what: string, status = [200, 201]) {
  if (!status.includes(res.status)) throw new Error(`${what}: ${res.status} ${res.text}`);
}

/** An organisation's tokens, and a running workshop with a poll, an item, a feed, a plan, a binding and a due timer. */
async function setUp(name: "A" | "B", orgId: string): Promise<Fixture> {
  for (const role of ROLES.filter((r) => r !== "admin")) {
    const created = await t.request("POST", "/v1/tokens", { body: { name: `${name}-${role}`, role, orgId } });
    await ok(created, `token ${name}-${role}`);
    tokens.set(`${name}:${role}`, created.json.token);
  }
  const fac = tokens.get(`${name}:facilitator`);
  const created = await t.request("POST", "/v1/workshops", {
    token: fac,
    body: {
      name: `Workshop ${name}`,
      timezone: "UTC",
      startDate: "2026-03-02",
      agenda: [
        { day: 1, start: "08:00", end: "09:00", kind: "session", title: "One", outputs: ["Context map"] },
        { day: 1, start: "09:00", end: "10:00", kind: "session", title: "Two" },
      ],
    },
  });
  await ok(created, "workshop");
  const workshopId = created.json.id as string;
  expect(created.json.orgId).toBe(orgId);
  await ok(
    await t.request("POST", `/v1/workshops/${workshopId}/facilitators`, {
      token: fac,
      body: { facilitator: SLACK_FACILITATOR },
    }),
    "facilitator",
  );
  const channelId = `C${name}`;
  await ok(
    await t.request("PUT", `/v1/channels/slack/${channelId}/binding`, { token: fac, body: { workshopId } }),
    "binding",
  );
  const started = await t.request("POST", `/v1/workshops/${workshopId}/agenda/actions`, {
    token: fac,
    body: { action: "start" },
  });
  await ok(started, "start");
  const poll = await t.request("POST", `/v1/workshops/${workshopId}/polls`, {
    token: fac,
    body: { kind: "choice", title: "Which", options: ["A", "B"], blind: false },
  });
  await ok(poll, "poll");
  const scorecard = await t.request("POST", `/v1/workshops/${workshopId}/polls`, {
    token: fac,
    body: { kind: "scorecard", blind: false },
  });
  await ok(scorecard, "scorecard");
  const option = scorecard.json.options[0].key as string;
  const view = (scorecard.json.views[0] as string | undefined) ?? "default";
  await ok(
    await t.request("PUT", `/v1/workshops/${workshopId}/decisions/${view}`, {
      token: fac,
      body: { option, rationale: "the team knows it" },
    }),
    "decision",
  );
  const outputs = await t.request("GET", `/v1/workshops/${workshopId}/outputs`, { token: fac });
  await ok(outputs, "outputs");
  const item = await t.request("POST", `/v1/workshops/${workshopId}/items`, {
    token: fac,
    body: { kind: "risk", text: "Lag" },
  });
  await ok(item, "item");
  const feed = await t.request("POST", `/v1/workshops/${workshopId}/roadmap/feeds`, { token: fac, body: {} });
  await ok(feed, "feed");
  await ok(
    await t.request("PUT", `/v1/workshops/${workshopId}/environments`, {
      token: fac,
      body: { environments: ENVIRONMENTS },
    }),
    "environments",
  );
  await ok(
    await t.request("PUT", `/v1/workshops/${workshopId}/use-cases/base`, { token: fac, body: USE_CASE }),
    "use case",
  );
  const link = await t.request("POST", `/v1/workshops/${workshopId}/share-links`, { token: fac, body: {} });
  await ok(link, "share link");
  const claimed = await t.request("POST", "/v1/timer-events/claim", {
    token: tokens.get(`${name}:bot`),
    body: { platforms: ["slack"] },
  });
  await ok(claimed, "claim");
  const timerId = claimed.json.events[0]?.id as string;
  expect(timerId).toBeDefined();
  return {
    orgId,
    workshopId,
    sessionId: started.json.agenda.currentItemId,
    pollId: poll.json.id,
    itemId: item.json.id,
    feedId: feed.json.feed?.id ?? feed.json.id,
    linkId: link.json.id,
    timerId,
    channelId,
    tokenId: created.json.id,
    outputId: outputs.json.outputs[0].id,
    option,
    view,
  };
}

function orgName(f: Fixture): "A" | "B" {
  return f.orgId === fixtures.get("A")?.orgId ? "A" : "B";
}

/** A timer message due now in the fixture's workshop: binding its channel afresh posts the running session. */
async function freshTimer(f: Fixture): Promise<string> {
  const fac = tokens.get(`${orgName(f)}:facilitator`);
  await t.request("DELETE", `/v1/channels/slack/${f.channelId}/binding`, { token: fac, body: {} });
  await restore(f);
  const claimed = await t.request("POST", "/v1/timer-events/claim", {
    token: tokens.get(`${orgName(f)}:bot`),
    body: { platforms: ["slack"] },
  });
  const id = claimed.json.events[0]?.id;
  if (!id) throw new Error(`no timer to claim: ${claimed.text}`);
  return id;
}

/** A workshop of the fixture's organisation made to be deleted (by admin, so nobody facilitates it). */
async function victimWorkshop(f: Fixture): Promise<string> {
  const created = await t.request("POST", "/v1/workshops", {
    body: { name: unique("victim"), timezone: "UTC", startDate: "2026-03-02", orgId: f.orgId },
  });
  await ok(created, "victim workshop");
  return created.json.id as string;
}

/** Puts back what a request may have removed, so every request finds the fixture whole. */
async function restore(f: Fixture): Promise<void> {
  // As admin: a request may have moved the channel to the other organisation's workshop.
  await t.request("PUT", `/v1/workshops/${f.workshopId}/plan`, {
    body: {
      calendar: { start: "2026-03-02" },
      workPackages: [{ key: "base", title: "Base", durationDays: 1 }],
    },
  });
  await t.request("PUT", `/v1/channels/slack/${f.channelId}/binding`, { body: { workshopId: f.workshopId } });
}

beforeAll(async () => {
  t = await createTestApp();
  const doc = await t.request("GET", "/openapi.json");
  routes = Object.entries(doc.json.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
  );
  const orgs = await t.request("GET", "/v1/orgs");
  const a = orgs.json.orgs[0].id as string;
  const b = await t.request("POST", "/v1/orgs", { body: { name: "Client B" } });
  await ok(b, "org B");
  fixtures.set("A", await setUp("A", a));
  fixtures.set("B", await setUp("B", b.json.id));
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe("the access matrix", () => {
  it("has a rule for every /v1 route", () => {
    const missing = routes.filter((r) => r.includes(" /v1/") && !NOT_BEARER.has(r) && !RULES[r]);
    expect(missing).toEqual([]);
    const stale = Object.keys(RULES).filter((r) => !routes.includes(r));
    expect(stale).toEqual([]);
  });

  it("answers every route × role × own / other organisation as its rule says", async () => {
    const failures: string[] = [];
    for (const route of routes) {
      const rule = RULES[route];
      if (!rule) continue;
      const [method = "", path = ""] = route.split(" ");
      for (const role of ROLES) {
        for (const which of ["own", "other"] as const) {
          if (which === "other" && rule.scope === "org") continue;
          const own = fixtures.get("A") as Fixture;
          const target = which === "own" ? own : (fixtures.get("B") as Fixture);
          const token = role === "admin" ? t.adminToken : tokens.get(`A:${role}`);
          let url = fill(path, target);
          if (route === "DELETE /v1/tokens/{id}") {
            const victim = await t.request("POST", "/v1/tokens", {
              body: { name: unique("victim"), role: "pm" },
            });
            url = `/v1/tokens/${victim.json.id}`;
          }
          if (route === "DELETE /v1/workshops/{id}")
            url = fill(path, { ...target, workshopId: await victimWorkshop(target) });
          if (route === "PUT /v1/channels/{platform}/{channelId}/binding") url = fill(path, own);
          if (
            route === "POST /v1/timer-events/{id}/delivered" ||
            route === "POST /v1/timer-events/{id}/attempt"
          )
            url = fill(path, { ...target, timerId: await freshTimer(target) });
          const body = rule.body?.(target, role);
          const res = await t.request(
            method,
            url + (rule.query?.(target, role) ?? ""),
            body === undefined ? { token } : { token, body },
          );
          const allowed = role === "admin" || rule.allow.includes(role);
          let expected: string;
          let good: boolean;
          if (!allowed) {
            expected = "403";
            good = res.status === 403;
          } else if (which === "other" && role !== "admin") {
            expected = "404";
            good = res.status === 404;
          } else {
            expected = "not 401/403/404/5xx";
            good = res.status < 500 && ![401, 403, 404].includes(res.status);
          }
          if (!good)
            failures.push(
              `${route} as ${role} (${which}): ${res.status}, expected ${expected}: ${res.text.slice(0, 200)}`,
            );
          await restore(fixtures.get("A") as Fixture);
          await restore(fixtures.get("B") as Fixture);
          if (route === "DELETE /v1/workshops/{id}/use-cases/{key}") {
            for (const f of fixtures.values())
              await t.request("PUT", `/v1/workshops/${f.workshopId}/use-cases/base`, { body: USE_CASE });
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

describe("verified people and facilitators", () => {
  const a = () => fixtures.get("A") as Fixture;
  const b = () => fixtures.get("B") as Fixture;

  it.each(["admin", "facilitator", "pm"] as const)(
    "refuses a %s token naming an actor or viewer (403)",
    async (role) => {
      const token = role === "admin" ? t.adminToken : tokens.get(`A:${role}`);
      const capture = await t.request("POST", `/v1/workshops/${a().workshopId}/items`, {
        token,
        body: { kind: "risk", text: "spoofed", actor: SLACK_STAKEHOLDER },
      });
      expect(capture.status).toBe(403);
      expect(capture.json.error.details[0].path).toBe("actor");
      const viewer = await t.request("GET", `/v1/polls/${a().pollId}?viewer=slack:UFAC`, { token });
      expect(viewer.status).toBe(403);
    },
  );

  it("refuses a bot of one organisation acting in another's workshop (404)", async () => {
    const res = await t.request("POST", `/v1/workshops/${b().workshopId}/items`, {
      token: tokens.get("A:bot"),
      body: { kind: "risk", text: "cross-org", actor: SLACK_FACILITATOR },
    });
    expect(res.status).toBe(404);
    const vote = await t.request("PUT", `/v1/polls/${b().pollId}/votes`, {
      token: tokens.get("A:bot"),
      body: { actor: SLACK_STAKEHOLDER, votes: [{ option: "a", value: true }] },
    });
    expect(vote.status).toBe(404);
  });

  it("keeps a bot's timer delivery to its organisation: no fencing another's message, no wake-up for its due times", async () => {
    const theirs = await freshTimer(b());
    const fenced = await t.request("POST", `/v1/timer-events/${theirs}/attempt`, {
      token: tokens.get("A:bot"),
      body: { claim: 1 },
    });
    expect(fenced.status).toBe(404);
    // Untouched: its own relay's attempt is the first.
    const own = await t.request("POST", `/v1/timer-events/${theirs}/attempt`, {
      token: tokens.get("B:bot"),
      body: { claim: 1 },
    });
    expect(own.status).toBe(200);
    expect(own.json.attempt).toBe(1);
    // An organisation with no workshops: nothing of A's or B's falls due for its bot.
    const c = await t.request("POST", "/v1/orgs", { body: { name: unique("Client C") } });
    await ok(c, "org C");
    const cBot = await t.request("POST", "/v1/tokens", {
      body: { name: unique("C-bot"), role: "bot", orgId: c.json.id },
    });
    await ok(cBot, "C bot");
    const quiet = await t.request("POST", "/v1/timer-events/wait", {
      token: cBot.json.token,
      body: { platforms: ["slack"] },
    });
    expect(quiet.status).toBe(200);
    expect(quiet.json.nextDueAt).toBeNull();
    const claim = await t.request("POST", "/v1/timer-events/claim", {
      token: cBot.json.token,
      body: { platforms: ["slack"] },
    });
    expect(claim.json).toEqual({ events: [], nextDueAt: null });
    const busy = await t.request("POST", "/v1/timer-events/wait", {
      token: tokens.get("B:bot"),
      body: { platforms: ["slack"] },
    });
    expect(busy.json.nextDueAt).not.toBeNull();
  });

  it("refuses a person of a workspace another organisation owns, and of an unlisted one once the org lists its own", async () => {
    await ok(
      await t.request("POST", `/v1/orgs/${b().orgId}/chat-workspaces`, {
        body: { platform: "slack", workspaceId: "TB" },
      }),
      "workspace B",
    );
    const fromB = { ...SLACK_FACILITATOR, workspaceId: "TB" };
    const intoA = await t.request("POST", `/v1/workshops/${a().workshopId}/items`, {
      token: tokens.get("A:bot"),
      body: { kind: "risk", text: "from B", actor: fromB },
    });
    expect(intoA.status).toBe(404);
    const unlisted = await t.request("POST", `/v1/workshops/${b().workshopId}/items`, {
      token: tokens.get("B:bot"),
      body: { kind: "risk", text: "stranger", actor: { ...SLACK_FACILITATOR, workspaceId: "TX" } },
    });
    expect(unlisted.status).toBe(404);
    const listed = await t.request("POST", `/v1/workshops/${b().workshopId}/items`, {
      token: tokens.get("B:bot"),
      body: { kind: "risk", text: "member", actor: fromB },
    });
    expect(listed.status).toBe(201);
  });

  it("binding a channel to an API-made workshop makes nobody its facilitator", async () => {
    const made = await t.request("POST", "/v1/workshops", {
      token: tokens.get("A:facilitator"),
      body: { name: unique("api-made"), timezone: "UTC", startDate: "2026-03-02" },
    });
    await ok(made, "workshop");
    const bind = await t.request("PUT", "/v1/channels/slack/CNEW/binding", {
      token: tokens.get("A:bot"),
      body: { workshopId: made.json.id, actor: SLACK_STAKEHOLDER },
    });
    expect(bind.status).toBe(403);
    expect(bind.json.error.message).toMatch(/only this workshop's facilitators/);
    const list = await t.request("GET", `/v1/workshops/${made.json.id}/facilitators`, {
      token: tokens.get("A:facilitator"),
    });
    expect(list.json.facilitators).toEqual([]);
  });

  it("lets a stakeholder vote, capture and give feedback, and refuses them the plan, polls and the agenda", async () => {
    const bot = tokens.get("A:bot");
    const as = { actor: SLACK_STAKEHOLDER };
    const refused = [
      await t.request("POST", `/v1/workshops/${a().workshopId}/plan/work-packages/extra`, {
        token: bot,
        body: { title: "Extra", durationDays: 1, ...as },
      }),
      await t.request("POST", `/v1/workshops/${a().workshopId}/polls`, {
        token: bot,
        body: { kind: "choice", title: "Mine", options: ["X", "Y"], ...as },
      }),
      await t.request("POST", `/v1/workshops/${a().workshopId}/agenda/actions`, {
        token: bot,
        body: { action: "extend", minutes: 5, ...as },
      }),
      await t.request("POST", `/v1/polls/${a().pollId}/close`, { token: bot, body: as }),
    ];
    for (const r of refused) {
      expect(r.status).toBe(403);
      expect(r.json.error.message).toMatch(
        /Sorry Sam Stakeholder, only this workshop's facilitators can do that \(Fran Facilitator\)/,
      );
    }
    const open = await t.request("POST", `/v1/workshops/${a().workshopId}/polls`, {
      token: tokens.get("A:facilitator"),
      body: { kind: "choice", title: "Open", options: ["A", "B"] },
    });
    const vote = await t.request("PUT", `/v1/polls/${open.json.id}/votes`, {
      token: bot,
      body: { ...as, votes: [{ option: "a", value: true }] },
    });
    expect(vote.status).toBe(200);
    const item = await t.request("POST", `/v1/workshops/${a().workshopId}/items`, {
      token: bot,
      body: { kind: "risk", text: "Tiered storage", ...as },
    });
    expect(item.status).toBe(201);
    const feedback = await t.request("POST", `/v1/workshops/${a().workshopId}/feedback`, {
      token: bot,
      body: { sessionId: a().sessionId, rating: 5, ...as },
    });
    expect(feedback.status).toBe(200);
  });

  it("narrows a token to one workshop: others are absent from lists and 404", async () => {
    const pm = await t.request("POST", "/v1/tokens", {
      body: { name: unique("client-pm"), role: "pm", workshopId: a().workshopId },
    });
    await ok(pm, "pm token");
    expect(pm.json.orgId).toBe(a().orgId);
    const list = await t.request("GET", "/v1/workshops?limit=100", { token: pm.json.token });
    expect(list.json.workshops.map((w: { id: string }) => w.id)).toEqual([a().workshopId]);
    const other = await t.request("POST", "/v1/workshops", {
      token: tokens.get("A:facilitator"),
      body: { name: unique("sibling"), timezone: "UTC", startDate: "2026-03-02" },
    });
    expect((await t.request("GET", `/v1/workshops/${other.json.id}`, { token: pm.json.token })).status).toBe(
      404,
    );
    const crossOrg = await t.request("GET", "/v1/workshops?limit=100", { token: tokens.get("B:pm") });
    expect(crossOrg.json.workshops.map((w: { id: string }) => w.id)).not.toContain(a().workshopId);
  });

  it("asks for orgId once there are several organisations, and answers the single-org README commands without it", async () => {
    const res = await t.request("POST", "/v1/tokens", { body: { name: unique("pm"), role: "pm" } });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe("orgId");
  });
});
