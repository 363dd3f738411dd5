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
const SWOT_TEXT = "Samira has run it for years";
const USE_CASE = {
  title: "Orders",
  producers: [{ key: "shop", topic: "orders", messagesPerSecond: { avg: 10, peak: 50 }, messageBytes: 1000 }],
  topics: [{ name: "orders" }],
  consumers: [{ key: "billing", group: "billing", topic: "orders" }],
  failure: { delivery: "at-least-once" },
};

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
    const w = await runningWorkshop(t, { outputs: [["Context map"]] });
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
    // The newer features, as Sam (now a facilitator) through the bot.
    const asSam = async (method: string, path: string, body: Record<string, unknown>) => {
      const res = await t.request(method, path, { token: bot, body: { ...body, actor: SAM } });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
      return res.json;
    };
    const view =
      ((await t.request("GET", `/v1/polls/${card}`)).json.views[0] as string | undefined) ?? "default";
    await asSam("PUT", `/v1/workshops/${w.id}/decisions/${view}`, {
      option: "aws-msk",
      rationale: "managed",
    });
    await asSam("POST", `/v1/workshops/${w.id}/swot`, {
      option: "aws-msk",
      quadrant: "strength",
      text: SWOT_TEXT,
    });
    const outputs = (await t.request("GET", `/v1/workshops/${w.id}/outputs`)).json.outputs;
    await asSam("PATCH", `/v1/outputs/${outputs[0].id}`, { status: "draft" });
    // Otto's risk, owned by Sam (by name) and reviewed by her.
    const owned = await t.request("POST", `/v1/workshops/${w.id}/items`, {
      token: bot,
      body: { actor: person("UOTHER", "Otto"), kind: "risk", text: "Broker lag", owner: "Samira Quill" },
    });
    expect(owned.status).toBe(201);
    await asSam("POST", `/v1/items/${owned.json.id}/review`, { outcome: "validate" });
    await asSam("PUT", `/v1/workshops/${w.id}/use-cases/orders`, USE_CASE);
    await asSam("PUT", `/v1/workshops/${w.id}/skills`, {
      people: [{ name: "Samira Quill" }, { name: "Ana" }],
      skills: ["kafka-ops"],
      levels: { "Samira Quill": { "kafka-ops": 3 }, Ana: { "kafka-ops": 1 } },
      target: { "kafka-ops": 2 },
    });
    await asSam("PUT", `/v1/workshops/${w.id}/plan`, {
      calendar: { start: "2026-03-02" },
      workPackages: [
        { key: "base", title: "Base", durationDays: 1, owner: "Samira Quill" },
        { key: "ops", title: "Ops", durationDays: 2, owner: "Otto" },
      ],
    });
    const skillsBefore = (await t.request("GET", `/v1/workshops/${w.id}/skills`)).json;
    // Sam ends the workshop: its wrap-up message, still to post, remembers who (for the report link).
    for (let moved = 200; moved === 200; ) {
      moved = (
        await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
          token: bot,
          body: { action: "next", actor: SAM },
        })
      ).status;
    }

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
    // One wrap-up per bound channel (Slack and Teams).
    expect(x.scheduledMessages).toMatchObject([
      { kind: "wrapup", actor: { userId: "USAM" } },
      { kind: "wrapup", actor: { userId: "USAM" } },
    ]);
    expect(x.audit.length).toBeGreaterThanOrEqual(5);
    expect(x.swotEntries).toMatchObject([{ text: SWOT_TEXT, authorName: "Samira Quill" }]);
    expect(x.decisions).toMatchObject([{ view, option: "aws-msk", decidedByName: "Samira Quill" }]);
    expect(x.outputsUpdated).toMatchObject([{ title: "Context map", status: "draft" }]);
    expect(x.reviews).toMatchObject([{ itemId: owned.json.id, outcome: "validated" }]);
    expect(x.ownedItems).toMatchObject([{ id: owned.json.id, owner: "Samira Quill" }]);
    expect(x.useCases).toMatchObject([{ key: "orders" }]);
    expect(x.matrices).toMatchObject([{ kind: "skills", updatedBy: "slack:USAM" }]);
    expect(x.workPackages).toEqual([{ workshopId: w.id, key: "base", title: "Base", owner: "Samira Quill" }]);
    // Another person's export is theirs alone.
    const otto = (await t.request("GET", "/v1/people/slack/T1/UOTHER")).json;
    expect(otto.votes).toHaveLength(2);
    expect(JSON.stringify(otto)).not.toContain("USAM");

    const erased = await t.request("DELETE", SAM_PATH);
    expect(erased.status).toBe(200);
    expect(erased.json.counts).toMatchObject({
      scheduledMessages: 2,
      votes: 2,
      feedback: 1,
      lineItems: 1,
      facilitatorRoles: 1,
      swotEntries: 1,
      decisions: 1,
      outputs: 1,
      reviews: 1,
      ownedItems: 1,
      useCases: 1,
      matrices: 1,
      workPackages: 1,
    });

    expect(await results(w, [card, anon])).toEqual(before);
    // The room's other results stay: the decision, the review, the output's state, the plan, the skills.
    const decision = (await t.request("GET", `/v1/workshops/${w.id}/decisions/${view}`)).json;
    expect(decision).toMatchObject({ option: "aws-msk", rationale: "managed" });
    const risk = (await t.request("GET", `/v1/workshops/${w.id}/items`)).json.items.find(
      (i: { id: string }) => i.id === owned.json.id,
    );
    expect(risk).toMatchObject({ text: "Broker lag", status: "validated", owner: null });
    expect((await t.request("GET", `/v1/workshops/${w.id}/outputs`)).json.outputs[0].status).toBe("draft");
    const swot = JSON.stringify((await t.request("GET", `/v1/workshops/${w.id}/swot`)).json);
    expect(swot).toContain("strength");
    const plan = (await t.request("GET", `/v1/workshops/${w.id}/plan`)).json;
    expect(plan.workPackages.map((p: { key: string; owner: string | null }) => [p.key, p.owner])).toEqual([
      ["base", null],
      ["ops", "Otto"],
    ]);
    const skillsAfter = (await t.request("GET", `/v1/workshops/${w.id}/skills`)).json;
    expect(JSON.stringify(skillsAfter).replaceAll("[erased]", "Samira Quill")).toBe(
      JSON.stringify({ ...skillsBefore, updatedAt: skillsAfter.updatedAt }),
    );
    const dump = await everything();
    for (const trace of ["USAM", "Samira", COMMENT, ITEM_TEXT, SWOT_TEXT, "acme.slack.com/p1"])
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
      "swotEntries",
      "decisions",
      "outputsUpdated",
      "reviews",
      "ownedItems",
      "useCases",
      "matrices",
      "workPackages",
      "links",
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
