import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens } from "../../db/schema/api-tokens.js";
import { createTestApp, SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "../helpers/app.js";
import { castVotes, launchPoll, person, runningWorkshop } from "../helpers/polls.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Entry = {
  id: string;
  action: string;
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

async function tokenId(role: "bot" | "facilitator"): Promise<string> {
  await t.tokenFor(role);
  const rows = await t.database.db.select().from(apiTokens);
  const row = rows.find((r) => r.name === `test-${role}`);
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
