import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signGithubPayload } from "../../api/lib/github-signature.js";
import { purgeExpiredWorkshops } from "../../api/services/retention.js";
import { apiTokens, type Role } from "../../db/schema/api-tokens.js";
import { createTestApp, SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "../helpers/app.js";
import { castVotes, launchPoll, person, runningWorkshop } from "../helpers/polls.js";

const SECRET = "It's a Secret to Everybody";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ githubWebhookSecret: SECRET });
});
afterAll(() => t.close());

type Entry = {
  id: string;
  action: string;
  entityId: string;
  actor: string;
  tokenId: string | null;
  person: string | null;
  workshopId: string | null;
  details: Record<string, unknown>;
};

async function all(query = ""): Promise<Entry[]> {
  const out: Entry[] = [];
  let cursor: string | null = null;
  do {
    const q: string = `/v1/audit?limit=50${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const res = await t.request("GET", q);
    expect(res.status).toBe(200);
    out.push(...res.json.entries);
    cursor = res.json.nextCursor;
  } while (cursor);
  return out;
}

async function tokenId(role: Role): Promise<string> {
  await t.tokenFor(role);
  const rows = await t.database.db.select().from(apiTokens);
  const row = rows.find((r) => (role === "admin" ? r.role === "admin" : r.name === `test-${role}`));
  if (!row) throw new Error("no token");
  return row.id;
}

describe("every write names the token and the person", () => {
  it("votes (one entry per person, batched ones too), feedback and facilitator changes", async () => {
    const w = await runningWorkshop(t);
    const bot = await tokenId("bot");
    const poll = (await launchPoll(t, w, { kind: "scorecard" })).json.id as string;
    expect(
      (
        await castVotes(t, w.bot, poll, SLACK_STAKEHOLDER, [
          { option: "aws-msk", factor: "cost", value: "L" },
        ])
      ).status,
    ).toBe(200);
    const batch = await t.request("POST", `/v1/polls/${poll}/ballots`, {
      token: w.bot,
      body: {
        ballots: ["UA", "UB", "UC"].map((u) => ({
          actor: person(u),
          votes: [{ option: "aws-msk", factor: "cost", value: "H" }],
        })),
      },
    });
    expect(batch.status).toBe(200);
    const anon = (await launchPoll(t, w, { kind: "scorecard", anonymous: true })).json.id as string;
    await castVotes(t, w.bot, anon, person("USECRET"), [{ option: "aws-msk", factor: "cost", value: "M" }]);
    const choice = (await launchPoll(t, w, { kind: "choice", title: "Region?", options: ["eu", "us"] })).json
      .id as string;
    await castVotes(t, w.bot, choice, person("UCHOOSE"), [{ option: "eu", value: true }]);
    const fb = await t.request("POST", `/v1/workshops/${w.id}/feedback`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER, sessionId: w.sessionId, rating: 4, comment: "Private words" },
    });
    expect(fb.status).toBe(200);
    const added = await t.request("POST", `/v1/workshops/${w.id}/facilitators`, {
      token: w.bot,
      body: { actor: SLACK_FACILITATOR, facilitator: person("UNEW", "Nia New") },
    });
    expect(added.status).toBe(200);

    const entries = await all(`&workshopId=${w.id}`);
    const votes = entries.filter((e) => e.action === "vote.cast");
    expect(votes.map((e) => e.person).sort()).toEqual(
      ["slack:UA", "slack:UB", "slack:UC", "slack:UCHOOSE", "slack:USECRET", "slack:USTAKE"].sort(),
    );
    for (const e of entries) {
      expect(e.workshopId).toBe(w.id);
      // The admin created the workshop and made Fran its facilitator; the bot did everything else, for people.
      if (e.action !== "workshop.create" && e.person !== null) expect(e.tokenId).toBe(bot);
    }
    expect(votes.find((e) => e.person === "slack:UA")?.details).toEqual({
      votes: [{ view: null, option: "aws-msk", factor: "cost", value: 3 }],
    });
    // An anonymous poll's entry says that the person voted, never how.
    expect(votes.find((e) => e.person === "slack:USECRET")?.details).toEqual({ anonymous: true, cells: 1 });
    const feedback = entries.find((e) => e.action === "feedback.submit");
    expect(feedback).toMatchObject({ person: "slack:USTAKE", details: { rating: 4, comment: "given" } });
    expect(JSON.stringify(entries)).not.toContain("Private words");
    // The admin's token made Fran facilitator (no person); then she added Nia, through the bot.
    const facilitators = entries.filter((e) => e.action === "workshop.facilitator.add");
    expect(facilitators.map((e) => [e.person, e.tokenId === bot, e.details.userId])).toEqual([
      [null, false, "UFAC"],
      ["slack:UFAC", true, "UNEW"],
    ]);
    // Writes by a token acting as itself name the token and no person.
    const created = entries.find((e) => e.action === "workshop.create");
    expect(created).toMatchObject({ person: null, tokenId: expect.any(String) });
  });
});

describe("every service's writes name the token and the person", () => {
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
    producers: [
      { key: "shop", topic: "orders", messagesPerSecond: { avg: 10, peak: 50 }, messageBytes: 1000 },
    ],
    topics: [{ name: "orders" }],
    consumers: [{ key: "billing", group: "billing", topic: "orders" }],
    failure: { delivery: "at-least-once" },
  };

  it("decisions, DORA, environments, the GitHub webhook, orgs, outputs, plans, retention, review, share links, skills and costs, SWOT, tokens and use cases", async () => {
    const [admin, bot, fac, ingest] = await Promise.all(
      (["admin", "bot", "facilitator", "ingest"] as const).map(tokenId),
    );
    await t.tokenFor("pm"); // made now, while there is one organisation (a later test uses it)
    const as = { token: await t.tokenFor("bot") };
    const forFran = { actor: SLACK_FACILITATOR };
    const created = await t.request("POST", "/v1/workshops", {
      body: {
        name: "Audited",
        timezone: "UTC",
        startDate: t.clock.now().toISOString().slice(0, 10),
        agenda: [{ day: 1, start: "09:00", end: "10:00", kind: "session", title: "One", outputs: ["Map"] }],
      },
    });
    expect(created.status).toBe(201);
    const w = created.json.id as string;
    const ok = async (method: string, path: string, body?: unknown, token = as.token) => {
      const res = await t.request(method, path, body === undefined ? { token } : { token, body });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
      return res.json;
    };
    await ok("POST", `/v1/workshops/${w}/facilitators`, { facilitator: SLACK_FACILITATOR }, t.adminToken);
    await ok("POST", `/v1/workshops/${w}/agenda/actions`, { action: "start", ...forFran });
    const scorecard = await ok("POST", `/v1/workshops/${w}/polls`, {
      kind: "scorecard",
      blind: false,
      ...forFran,
    });
    const option = scorecard.options[0].key as string;
    const view = (scorecard.views[0] as string | undefined) ?? "default";
    await ok("PUT", `/v1/workshops/${w}/decisions/${view}`, { option, rationale: "known", ...forFran });
    await ok("POST", `/v1/workshops/${w}/dora-survey`, {
      respondent: "slack:T1:USTAKE",
      answers: { deploymentFrequency: "unknown" },
    });
    await ok("PUT", `/v1/workshops/${w}/environments`, { environments: ENVIRONMENTS, ...forFran });
    const item = await ok("POST", `/v1/workshops/${w}/items`, {
      kind: "risk",
      text: "Lag",
      actor: SLACK_STAKEHOLDER,
    });
    await ok("PUT", `/v1/workshops/${w}/items/${item.id}/components`, {
      components: ["prod.brokers"],
      ...forFran,
    });
    const outputs = await ok("GET", `/v1/workshops/${w}/outputs`);
    await ok("PATCH", `/v1/outputs/${outputs.outputs[0].id}`, { status: "draft", ...forFran });
    await ok("PUT", `/v1/workshops/${w}/plan`, {
      calendar: { start: "2026-03-02" },
      workPackages: [{ key: "base", title: "Base", durationDays: 1 }],
      ...forFran,
    });
    await ok("POST", `/v1/items/${item.id}/review`, { outcome: "defer", ...forFran });
    await ok("POST", `/v1/workshops/${w}/share-links`, { name: "client" }, await t.tokenFor("facilitator"));
    await ok("PUT", `/v1/workshops/${w}/skills`, {
      people: [{ name: "Ana" }],
      skills: ["kafka-ops"],
      levels: { Ana: { "kafka-ops": 1 } },
      target: { "kafka-ops": 2 },
      ...forFran,
    });
    await ok("PUT", `/v1/workshops/${w}/costs`, {
      items: [{ option, environment: "production", monthly: 100, currency: "EUR" }],
      ...forFran,
    });
    await ok("POST", `/v1/workshops/${w}/swot`, {
      option,
      quadrant: "strength",
      text: "Managed",
      actor: SLACK_STAKEHOLDER,
    });
    await ok("PUT", `/v1/workshops/${w}/use-cases/base`, { ...USE_CASE, ...forFran });
    await ok("DELETE", `/v1/workshops/${w}/use-cases/base?actor=slack:${SLACK_FACILITATOR.userId}`);

    const inWorkshop = await all(`&workshopId=${w}`);
    const one = (action: string) => {
      const found = inWorkshop.filter((e) => e.action === action);
      expect(found, action).toHaveLength(1);
      return found[0];
    };
    const byFran = { tokenId: bot, person: "slack:UFAC", actor: "slack:UFAC", workshopId: w };
    for (const action of [
      "decision.record",
      "environments.replace",
      "item.components.set",
      "output.update",
      "plan.replace",
      "item.review",
      "skills.replace",
      "costs.replace",
      "usecase.create",
      "usecase.delete",
    ])
      expect(one(action), action).toMatchObject(byFran);
    expect(one("swot.create")).toMatchObject({ ...byFran, person: "slack:USTAKE", actor: "slack:USTAKE" });
    // Tokens acting as themselves: the token, no person.
    expect(one("dora.survey.answer")).toMatchObject({ tokenId: bot, person: null, actor: `token:${bot}` });
    expect(one("share-link.create")).toMatchObject({ tokenId: fac, person: null, actor: `token:${fac}` });

    // Outside any workshop.
    const org = await ok("POST", "/v1/orgs", { name: "Audited client" }, t.adminToken);
    await ok(
      "POST",
      `/v1/orgs/${org.id}/chat-workspaces`,
      { platform: "slack", workspaceId: "TAUD" },
      t.adminToken,
    );
    const token = await ok(
      "POST",
      "/v1/tokens",
      { name: "audited", role: "pm", orgId: org.id },
      t.adminToken,
    );
    await ok("DELETE", `/v1/tokens/${token.id}`, undefined, t.adminToken);
    const ingestToken = await t.tokenFor("ingest");
    await ok(
      "POST",
      "/v1/dora/changes",
      { id: "c-audit", service: "s", committedAt: "2026-03-01T10:00:00Z" },
      ingestToken,
    );
    const payload = JSON.stringify({ zen: "Keep it logically awesome." });
    // With two organisations, the webhook's URL names the one its repository belongs to.
    const hook = await t.app.request(`/v1/webhooks/github?orgId=${created.json.orgId}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-GitHub-Event": "ping",
        "X-GitHub-Delivery": "d-audit",
        "X-Hub-Signature-256": await signGithubPayload(SECRET, payload),
      },
      body: payload,
    });
    expect(hook.status).toBe(200);
    const expired = await ok(
      "POST",
      "/v1/workshops",
      {
        name: "Expired",
        timezone: "UTC",
        startDate: "2025-01-06",
        orgId: created.json.orgId,
        agenda: [{ day: 1, start: "09:00", end: "10:00", kind: "session", title: "Long ago" }],
      },
      t.adminToken,
    );
    const purged = await purgeExpiredWorkshops(t.database, { now: t.clock.now(), retentionDays: 30 });
    expect(purged.map((p) => p.workshopId)).toContain(expired.id);

    const everything = await all();
    const last = (action: string) => everything.filter((e) => e.action === action).at(-1);
    const byAdmin = { tokenId: admin, person: null, actor: `token:${admin}`, workshopId: null };
    for (const action of ["org.create", "org.chat-workspace.add", "token.create", "token.revoke"])
      expect(last(action), action).toMatchObject(byAdmin);
    expect(last("dora.changes.ingest")).toMatchObject({
      tokenId: ingest,
      person: null,
      actor: `token:${ingest}`,
    });
    // No token signs a webhook or runs the purge: they are named by what they are.
    expect(last("github.ping")).toMatchObject({ tokenId: null, person: null, actor: "github:d-audit" });
    expect(everything.find((e) => e.action === "workshop.purge" && e.entityId === expired.id)).toMatchObject({
      tokenId: null,
      person: null,
      actor: "system",
    });
    // The purged workshop's own rows went with it.
    expect(everything.filter((e) => e.workshopId === expired.id)).toEqual([]);
  });
});

describe("GET /v1/audit", () => {
  it("pages oldest first with a cursor that only moves forward, and filters by time", async () => {
    const everything = await all();
    const first = await t.request("GET", "/v1/audit?limit=2");
    expect(first.json.entries.map((e: Entry) => e.id)).toEqual(everything.slice(0, 2).map((e) => e.id));
    const next = await t.request(
      "GET",
      `/v1/audit?limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`,
    );
    expect(next.json.entries.map((e: Entry) => e.id)).toEqual(everything.slice(2, 4).map((e) => e.id));
    const later = await t.request("GET", "/v1/audit?since=2099-01-01T00:00:00Z");
    expect(later.json).toEqual({ entries: [], nextCursor: null });
  });

  it("is for admin and facilitator tokens; bad input names the field; an unknown workshop is 404", async () => {
    expect((await t.request("GET", "/v1/audit", { token: await t.tokenFor("facilitator") })).status).toBe(
      200,
    );
    for (const role of ["pm", "bot", "ingest"] as const)
      expect((await t.request("GET", "/v1/audit", { token: await t.tokenFor(role) })).status).toBe(403);
    const bad = await t.request("GET", "/v1/audit?cursor=nope&limit=0");
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toContain("limit");
    expect((await t.request("GET", "/v1/audit?cursor=nope")).status).toBe(400);
    expect((await t.request("GET", "/v1/audit?since=yesterday")).status).toBe(400);
    const missing = await t.request("GET", "/v1/audit?workshopId=00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
  });
});
