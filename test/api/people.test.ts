import { getTableName, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "../../db/schema/index.js";
import { createTestApp, SLACK_FACILITATOR, type TestApp } from "../helpers/app.js";
import { castVotes, launchPoll, person, runningWorkshop } from "../helpers/polls.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const SAM = { platform: "slack", userId: "USAM", displayName: "Samira Quill" } as const;
const SAM_PATH = "/v1/people/slack/T1/USAM";
const COMMENT = "Samira thinks the pace was far too quick";
const ITEM_TEXT = "Samira needs exactly-once payments";

/** Every row of every table, as text: what "nothing left that names them" is checked against. */
async function everything(): Promise<string> {
  const tables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => v instanceof PgTable);
  const out: Record<string, unknown> = {};
  for (const table of tables) {
    const name = getTableName(table);
    out[name] = await t.database.rows(sql`select * from ${sql.identifier(getTableConfig(table).name)}`);
  }
  return JSON.stringify(out);
}

async function results(w: { id: string }, polls: string[]) {
  const out: unknown[] = [];
  for (const id of polls) {
    const poll = await t.request("GET", `/v1/polls/${id}`);
    // Results and how many voted; who voted is what erasure changes.
    out.push({ results: poll.json.results, voters: poll.json.voters?.length ?? null });
  }
  out.push((await t.request("GET", `/v1/workshops/${w.id}/scorecard`)).json);
  const fb = (await t.request("GET", `/v1/workshops/${w.id}/feedback`)).json;
  out.push(fb.sessions.map((s: { ratings?: unknown; mean?: unknown }) => [s.ratings, s.mean]));
  out.push((await t.request("GET", `/v1/workshops/${w.id}/dora-survey`)).json.questions);
  return out;
}

describe("a person's data", () => {
  it("is exported whole, then erased: results unchanged, nothing left that names them", async () => {
    const w = await runningWorkshop(t);
    const bot = w.bot;
    // Sam is in every table that can hold a person.
    const card = (await launchPoll(t, w, { kind: "scorecard" })).json.id as string;
    const anon = (await launchPoll(t, w, { kind: "scorecard", anonymous: true, title: "Anon" })).json
      .id as string;
    for (const who of [SAM, person("UOTHER", "Otto")]) {
      expect(
        (await castVotes(t, bot, card, who, [{ option: "aws-msk", factor: "cost", value: "H" }])).status,
      ).toBe(200);
      expect(
        (await castVotes(t, bot, anon, who, [{ option: "aws-msk", factor: "cost", value: "L" }])).status,
      ).toBe(200);
    }
    const fb = await t.request("POST", `/v1/workshops/${w.id}/feedback`, {
      token: bot,
      body: { actor: SAM, sessionId: w.sessionId, rating: 2, comment: COMMENT },
    });
    expect(fb.status).toBe(200);
    const item = await t.request("POST", `/v1/workshops/${w.id}/items`, {
      token: bot,
      body: {
        actor: SAM,
        kind: "requirement",
        text: ITEM_TEXT,
        source: {
          platform: "slack",
          channelId: "C1",
          author: "slack:USAM",
          url: "https://acme.slack.com/p1",
        },
      },
    });
    expect(item.status).toBe(201);
    const relevance = await launchPoll(t, w, { kind: "relevance", items: [item.json.id] });
    expect(relevance.status).toBe(201);
    expect(
      (
        await t.request("POST", `/v1/workshops/${w.id}/facilitators`, {
          token: bot,
          body: { actor: SLACK_FACILITATOR, facilitator: SAM },
        })
      ).status,
    ).toBe(200);
    const survey = await t.request("POST", `/v1/workshops/${w.id}/dora-survey`, {
      token: bot,
      body: {
        respondent: "slack:T1:USAM",
        displayName: "Samira Quill",
        answers: { leadTimeForChanges: "1d-1w" },
      },
    });
    expect(survey.status).toBeLessThan(300);
    const bound = await t.request("PUT", "/v1/channels/teams/19:room/binding", {
      token: bot,
      body: {
        workshopId: w.id,
        actor: SLACK_FACILITATOR,
        conversationRef: {
          serviceUrl: "https://smba.example/",
          conversation: { id: "19:room" },
          user: { id: "USAM", name: "Samira Quill" },
          bot: { id: "28:bot", name: "Baton" },
        },
      },
    });
    expect(bound.status).toBe(200);

    const before = await results(w, [card, anon]);
    const exported = await t.request("GET", SAM_PATH);
    expect(exported.status).toBe(200);
    const x = exported.json;
    expect(x.votes).toHaveLength(2);
    expect(x.votes.map((v: { anonymous: boolean }) => v.anonymous).sort()).toEqual([false, true]);
    expect(x.feedback[0]).toMatchObject({ rating: 2, comment: COMMENT });
    expect(x.lineItems[0]).toMatchObject({ text: ITEM_TEXT });
    expect(x.facilitatorRoles).toHaveLength(1);
    expect(x.surveyAnswers).toHaveLength(1);
    expect(x.channelBindings.map((b: { channelId: string }) => b.channelId)).toEqual(["19:room"]);
    expect(x.audit.length).toBeGreaterThanOrEqual(5);
    // Another person's export is theirs alone.
    const otto = (await t.request("GET", "/v1/people/slack/T1/UOTHER")).json;
    expect(otto.votes).toHaveLength(2);
    expect(JSON.stringify(otto)).not.toContain("USAM");

    const erased = await t.request("DELETE", SAM_PATH);
    expect(erased.status).toBe(200);
    expect(erased.json.counts).toMatchObject({ votes: 2, feedback: 1, lineItems: 1, facilitatorRoles: 1 });

    expect(await results(w, [card, anon])).toEqual(before);
    const dump = await everything();
    for (const trace of ["USAM", "Samira", COMMENT, ITEM_TEXT, "acme.slack.com/p1"])
      expect(dump).not.toContain(trace);
    // The Teams reference still posts: only the person left it.
    expect(dump).toContain("smba.example");
    const again = (await t.request("GET", SAM_PATH)).json;
    for (const k of [
      "votes",
      "feedback",
      "lineItems",
      "facilitatorRoles",
      "surveyAnswers",
      "channelBindings",
      "audit",
    ])
      expect(again[k], k).toEqual([]);
    // The erasure is audited, without naming anyone.
    const log = (await t.request("GET", "/v1/audit?limit=500")).json.entries as { action: string }[];
    const entry = log.find((e) => e.action === "person.erase");
    expect(entry).toMatchObject({ entityId: "erased", person: null });
    // Otto is untouched; erasing twice changes nothing.
    expect((await t.request("GET", "/v1/people/slack/T1/UOTHER")).json.votes).toHaveLength(2);
    expect((await t.request("DELETE", SAM_PATH)).json.counts.votes).toBe(0);
    // The request log does not name who was erased.
    expect(t.logs.text()).not.toContain("USAM");
  });

  it("is for admins only, and names a bad platform", async () => {
    for (const role of ["facilitator", "pm", "bot", "ingest"] as const) {
      expect((await t.request("GET", SAM_PATH, { token: await t.tokenFor(role) })).status).toBe(403);
      expect((await t.request("DELETE", SAM_PATH, { token: await t.tokenFor(role) })).status).toBe(403);
    }
    const bad = await t.request("GET", "/v1/people/irc/T1/U1");
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("platform");
  });
});
