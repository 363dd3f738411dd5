import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SURVEY_QUESTIONS } from "../../api/domain/dora/survey.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
let workshopId: string;
let facilitator: string;
beforeAll(async () => {
  t = await createTestApp();
  facilitator = await t.tokenFor("facilitator");
  const created = await t.request("POST", "/v1/workshops", {
    body: { name: "Acme", timezone: "Europe/London", startDate: "2026-03-02" },
  });
  workshopId = created.json.id;
});
afterAll(async () => {
  await t.close();
});

const answer = (body: unknown, token: string | null = facilitator, id = workshopId) =>
  t.request("POST", `/v1/workshops/${id}/dora-survey`, { token, body });
const baseline = (id = workshopId) => t.request("GET", `/v1/workshops/${id}/dora-survey`);

describe("answering the quick check", () => {
  it("records a respondent's answers (201), and a changed answer replaces the earlier one (200)", async () => {
    const first = await answer({
      respondent: "slack:T1:U1",
      displayName: "Ana",
      answers: { deploymentFrequency: "1w-1m", leadTimeForChanges: "1d-1w" },
    });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      workshopId,
      respondent: "slack:T1:U1",
      displayName: "Ana",
      answers: {
        deploymentFrequency: "1w-1m",
        leadTimeForChanges: "1d-1w",
        timeToRestore: null,
        changeFailureRate: null,
      },
    });
    // One question at a time, as a chat card may send them: the others keep their answers.
    const again = await answer({ respondent: "slack:T1:U1", answers: { deploymentFrequency: "1d-1w" } });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({
      displayName: "Ana",
      answers: { deploymentFrequency: "1d-1w", leadTimeForChanges: "1d-1w" },
    });
    expect((await baseline()).json.respondents).toBe(1);
  });

  it.each([
    [
      "an unknown bucket",
      { respondent: "u", answers: { deploymentFrequency: "hourly" } },
      ["answers.deploymentFrequency"],
    ],
    [
      "a bucket of another question",
      { respondent: "u", answers: { changeFailureRate: "1d-1w" } },
      ["answers.changeFailureRate"],
    ],
    ["no answer at all", { respondent: "u", answers: {} }, ["answers"]],
    [
      "only an unknown question",
      { respondent: "u", answers: { mttr: "lt-1h" } },
      ["answers.mttr", "answers"],
    ],
    ["no respondent", { answers: { deploymentFrequency: "on-demand" } }, ["respondent"]],
  ])("refuses %s with a 400 naming the field", async (_name, body, fields) => {
    const before = (await baseline()).json.respondents;
    const res = await answer(body);
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual(fields);
    expect((await baseline()).json.respondents).toBe(before);
  });

  it("answers 404 for an unknown workshop", async () => {
    const res = await answer(
      { respondent: "u", answers: { deploymentFrequency: "on-demand" } },
      facilitator,
      "00000000-0000-4000-8000-000000000000",
    );
    expect(res.status).toBe(404);
  });

  it.each([
    ["pm", 403],
    ["ingest", 403],
    ["bot", 201],
  ] as const)("as %s: %i", async (role, status) => {
    const res = await answer(
      { respondent: `${role}-respondent`, answers: { timeToRestore: "lt-1h" } },
      await t.tokenFor(role),
    );
    expect(res.status).toBe(status);
  });
});

describe("the room's baseline", () => {
  it("gives each question's median bucket and spread, and every bucket to render the poll with", async () => {
    const room = await createTestApp();
    try {
      const ws = await room.request("POST", "/v1/workshops", {
        body: { name: "Room", timezone: "UTC", startDate: "2026-03-02" },
      });
      const send = (respondent: string, answers: Record<string, string>) =>
        room.request("POST", `/v1/workshops/${ws.json.id}/dora-survey`, { body: { respondent, answers } });
      await send("a", { deploymentFrequency: "on-demand", changeFailureRate: "0-15" });
      await send("b", { deploymentFrequency: "1d-1w", changeFailureRate: "16-30" });
      await send("c", { deploymentFrequency: "1w-1m", changeFailureRate: "unknown" });
      await send("d", { deploymentFrequency: "1w-1m" });
      const res = await room.request("GET", `/v1/workshops/${ws.json.id}/dora-survey`);
      expect(res.status).toBe(200);
      expect(res.json.respondents).toBe(4);
      expect(res.json.unknownAnswer).toEqual({ id: "unknown", label: "I don't know" });
      const [df, lt, , cfr] = res.json.questions;
      expect(df).toMatchObject({
        key: "deploymentFrequency",
        answered: 4,
        unknown: 0,
        // Four answers: the worse of the two middle ones (1d-1w, 1w-1m).
        median: { id: "1w-1m", label: "Between once per week and once per month" },
        best: { id: "on-demand" },
        worst: { id: "1w-1m" },
        spread: 2,
        disagreement: true,
      });
      expect(df.distribution.map((b: { id: string; count: number }) => [b.id, b.count])).toEqual([
        ["on-demand", 1],
        ["1d-1w", 1],
        ["1w-1m", 2],
        ["1m-6m", 0],
        ["lt-6m", 0],
      ]);
      expect(lt).toMatchObject({ answered: 0, median: null, spread: null, disagreement: false });
      expect(cfr).toMatchObject({
        answered: 2,
        unknown: 1,
        median: { id: "16-30" },
        spread: 1,
        disagreement: false,
      });
      expect(res.json.questions.map((q: { question: string }) => q.question)).toEqual(
        SURVEY_QUESTIONS.map((q) => q.question),
      );

      // Beside the measured metrics, which have no data here.
      const metrics = await room.request("GET", `/v1/dora/metrics?workshopId=${ws.json.id}`);
      expect(metrics.status).toBe(200);
      expect(metrics.json.deploymentFrequency.reason).toMatch(/no successful deployments/);
      expect(metrics.json.survey).toEqual(res.json);
    } finally {
      await room.close();
    }
  });

  it("is empty before anyone answers", async () => {
    const ws = await t.request("POST", "/v1/workshops", {
      body: { name: "Quiet", timezone: "UTC", startDate: "2026-03-02" },
    });
    const res = await baseline(ws.json.id);
    expect(res.json.respondents).toBe(0);
    expect(res.json.questions.every((q: { median: unknown }) => q.median === null)).toBe(true);
  });
});
