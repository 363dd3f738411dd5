import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "../helpers/app.js";
import { castVotes, launchPoll, runningWorkshop } from "../helpers/polls.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => {
  t.clock.set("2026-03-02T09:00:00Z");
});

/**
 * Two options, two factors, one view, one voter: MSK scores (3 + 3) / 2 = 3 (cost L → 4 − 1 = 3, ops
 * H = 3); Confluent Cloud (1 + 2) / 2 = 1.5 (cost H → 4 − 3 = 1, ops M = 2), so MSK is recommended
 * and Confluent Cloud's gap is cost (1 < 2).
 */
async function scoredWorkshop() {
  const w = await runningWorkshop(t);
  const poll = await launchPoll(t, w, {
    kind: "scorecard",
    options: [
      { key: "msk", label: "AWS MSK" },
      { key: "cc", label: "Confluent Cloud" },
    ],
    factors: [
      { key: "cost", name: "Cost", polarity: "lower-is-better", weight: 1 },
      { key: "ops", name: "Operations", polarity: "higher-is-better", weight: 1 },
    ],
    views: ["production"],
  });
  expect(poll.status).toBe(201);
  const voted = await castVotes(t, w.bot, poll.json.id, SLACK_STAKEHOLDER, [
    { view: "production", option: "msk", factor: "cost", value: "L" },
    { view: "production", option: "msk", factor: "ops", value: "H" },
    { view: "production", option: "cc", factor: "cost", value: "H" },
    { view: "production", option: "cc", factor: "ops", value: "M" },
  ]);
  expect(voted.status).toBe(200);
  return w;
}

const asFacilitator = (w: { bot: string }, body: Record<string, unknown>) => ({
  token: w.bot,
  body: { actor: SLACK_FACILITATOR, ...body },
});

describe("SWOT", () => {
  it("groups points by option (scorecard order) then quadrant, from anyone in the room", async () => {
    const w = await scoredWorkshop();
    const add = (option: string, quadrant: string, text: string) =>
      t.request("POST", `/v1/workshops/${w.id}/swot`, {
        token: w.bot,
        body: { option, quadrant, text, actor: SLACK_STAKEHOLDER },
      });
    expect((await add("cc", "strength", "Fully managed")).status).toBe(201);
    expect((await add("msk", "weakness", "Upgrades lag")).status).toBe(201);
    expect((await add("cc", "threat", "Egress costs")).status).toBe(201);
    const swot = await t.request("GET", `/v1/workshops/${w.id}/swot`);
    expect(swot.status).toBe(200);
    expect(
      swot.json.options.map((o: Record<string, { text: string }[] | string>) => ({
        option: o.option,
        s: (o.strength as { text: string }[]).map((e) => e.text),
        w: (o.weakness as { text: string }[]).map((e) => e.text),
        o: (o.opportunity as { text: string }[]).map((e) => e.text),
        t: (o.threat as { text: string }[]).map((e) => e.text),
      })),
    ).toEqual([
      { option: "msk", s: [], w: ["Upgrades lag"], o: [], t: [] },
      { option: "cc", s: ["Fully managed"], w: [], o: [], t: ["Egress costs"] },
    ]);
    expect(swot.json.options[1].strength[0]).toMatchObject({
      author: { userId: "USTAKE" },
      sessionId: w.sessionId,
    });
  });

  it("refuses an unknown option and quadrant, naming the field", async () => {
    const w = await scoredWorkshop();
    const res = await t.request("POST", `/v1/workshops/${w.id}/swot`, {
      token: w.bot,
      body: { option: "kinesis", quadrant: "strength", text: "x", actor: SLACK_STAKEHOLDER },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe("option");
    const q = await t.request("POST", `/v1/workshops/${w.id}/swot`, {
      token: w.bot,
      body: { option: "msk", quadrant: "s", text: "x", actor: SLACK_STAKEHOLDER },
    });
    expect(q.json.error.details[0].path).toBe("quadrant");
  });

  it("takes the template's options before a scorecard poll exists", async () => {
    const w = await runningWorkshop(t);
    const res = await t.request("POST", `/v1/workshops/${w.id}/swot`, {
      body: { option: "aws-msk", quadrant: "opportunity", text: "Tiered storage" },
    });
    expect(res.status).toBe(201);
    const swot = (await t.request("GET", `/v1/workshops/${w.id}/swot`)).json;
    expect(swot.options).toHaveLength(5);
  });
});

describe("decisions", () => {
  it("records an override: accepted false, the recommendation named, the mitigation's work package in the plan", async () => {
    const w = await scoredWorkshop();
    const res = await t.request(
      "PUT",
      `/v1/workshops/${w.id}/decisions/production`,
      asFacilitator(w, {
        option: "cc",
        rationale: "the team has no Kafka operators",
        conditions: ["Private networking is available in our region"],
        mitigations: [{ factor: "cost", text: "Commit to an annual contract", workPackage: "cost-review" }],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      view: "production",
      option: "cc",
      optionLabel: "Confluent Cloud",
      recommended: ["msk"],
      accepted: false,
      gaps: ["cost"],
      unmitigatedGaps: [],
      mitigations: [{ factor: "cost", factorName: "Cost", workPackage: "cost-review" }],
      sessionId: w.sessionId,
      decidedBy: "slack:UFAC",
    });
    const plan = await t.request("GET", `/v1/workshops/${w.id}/plan`);
    expect(plan.status).toBe(200);
    expect(
      plan.json.workPackages.map((p: { key: string; durationDays: number }) => [p.key, p.durationDays]),
    ).toEqual([["cost-review", 5]]);
    // Recorded again accepting the recommendation: the existing package is linked, not added twice.
    const accepted = await t.request(
      "PUT",
      `/v1/workshops/${w.id}/decisions/production`,
      asFacilitator(w, {
        option: "msk",
        rationale: "best score",
        mitigations: [{ factor: "ops", text: "Runbooks", workPackage: "cost-review" }],
      }),
    );
    expect(accepted.json).toMatchObject({ option: "msk", accepted: true, gaps: [] });
    expect((await t.request("GET", `/v1/workshops/${w.id}/plan`)).json.workPackages).toHaveLength(1);
    const list = await t.request("GET", `/v1/workshops/${w.id}/decisions`);
    expect(list.json.decisions).toHaveLength(1);
    const outputs = (await t.request("GET", `/v1/workshops/${w.id}/outputs`)).json.outputs;
    expect(outputs).toEqual([]);
  });

  it("seeds the strawman environments from the first decision, and never over the room's own", async () => {
    const w = await scoredWorkshop();
    expect((await t.request("GET", `/v1/workshops/${w.id}/environments`)).json.environments).toEqual([]);
    await t.request(
      "PUT",
      `/v1/workshops/${w.id}/decisions/production`,
      asFacilitator(w, { option: "msk", rationale: "best score" }),
    );
    const seeded = (await t.request("GET", `/v1/workshops/${w.id}/environments`)).json.environments;
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toMatchObject({ key: "production", tier: "prod", name: "production — AWS MSK" });
    expect(seeded[0].components.map((c: { kind: string; product: string }) => [c.kind, c.product])).toEqual([
      ["broker", "Amazon MSK (provisioned)"],
      ["schema-registry", "AWS Glue Schema Registry"],
      ["connect", "Amazon MSK Connect"],
      ["monitoring", "Amazon CloudWatch (MSK metrics)"],
    ]);
    const audits = (await t.request("GET", `/v1/audit?workshopId=${w.id}`)).json;
    expect(JSON.stringify(audits)).toContain("environments.seed");
    // The room corrects it; a later decision leaves the room's environments alone.
    const own = [{ key: "prod", name: "Ours", tier: "prod", regions: ["eu-west-1"], components: [] }];
    expect(
      (await t.request("PUT", `/v1/workshops/${w.id}/environments`, asFacilitator(w, { environments: own })))
        .status,
    ).toBe(200);
    await t.request(
      "PUT",
      `/v1/workshops/${w.id}/decisions/pre-prod`,
      asFacilitator(w, {
        option: "cc",
        rationale: "trial",
        mitigations: [{ factor: "cost", text: "Trial credits" }],
      }),
    );
    const after = (await t.request("GET", `/v1/workshops/${w.id}/environments`)).json.environments;
    expect(after.map((e: { key: string }) => e.key)).toEqual(["prod"]);
  });

  it("renders the decision as MADR Markdown", async () => {
    const w = await scoredWorkshop();
    await t.request(
      "PUT",
      `/v1/workshops/${w.id}/decisions/production`,
      asFacilitator(w, {
        option: "cc",
        rationale: "the team has no Kafka operators",
        conditions: ["Private networking"],
        mitigations: [{ factor: "cost", text: "Annual contract", workPackage: "cost-review" }],
      }),
    );
    const md = await t.request("GET", `/v1/workshops/${w.id}/decisions/production?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toMatch(/text\/markdown/);
    expect(md.text).toContain("# Platform for production: Confluent Cloud");
    expect(md.text).toContain("* Deciders: Fran Facilitator");
    expect(md.text).toContain("* Date: 2026-03-02");
    expect(md.text).toContain("* AWS MSK (score 3.00)");
    expect(md.text).toContain("* Confluent Cloud (score 1.50)");
    expect(md.text).toContain('Chosen option: "Confluent Cloud", because the team has no Kafka operators');
    expect(md.text).toContain("This overrides the scorecard's recommendation (AWS MSK).");
    expect(md.text).toContain("* Gap in Cost: Annual contract (work package `cost-review`)");
    const missing = await t.request("GET", `/v1/workshops/${w.id}/decisions/pre-prod?format=md`);
    expect(missing.status).toBe(404);
  });

  it("refuses a stakeholder, an unknown view, option and factor, naming each", async () => {
    const w = await scoredWorkshop();
    const stake = await t.request("PUT", `/v1/workshops/${w.id}/decisions/production`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER, option: "msk", rationale: "x" },
    });
    expect(stake.status).toBe(403);
    const bad = await t.request(
      "PUT",
      `/v1/workshops/${w.id}/decisions/staging`,
      asFacilitator(w, { option: "kinesis", rationale: "x", mitigations: [{ factor: "speed", text: "y" }] }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual([
      "view",
      "option",
      "mitigations.0.factor",
    ]);
  });
});

describe("skills and costs", () => {
  it("computes skill gaps by hand and turns a gap into a training work package", async () => {
    const w = await scoredWorkshop();
    const res = await t.request(
      "PUT",
      `/v1/workshops/${w.id}/skills`,
      asFacilitator(w, {
        people: [{ name: "Ana", role: "SRE" }, { name: "Ben" }],
        skills: ["kafka-ops", "schemas"],
        levels: { Ana: { "kafka-ops": 1, schemas: 3 }, Ben: { "kafka-ops": 0 } },
        target: { "kafka-ops": 3, schemas: 2 },
        trainingWorkPackages: true,
      }),
    );
    expect(res.status).toBe(200);
    // kafka-ops: best 1, target 3 → gap 2, average 0.5; schemas: best 3 → no gap, Ben short by 2.
    expect(res.json.gaps).toEqual([
      {
        skill: "kafka-ops",
        target: 3,
        best: 1,
        average: 0.5,
        meeting: 0,
        gap: 2,
        shortfalls: [
          { name: "Ana", level: 1, short: 2 },
          { name: "Ben", level: 0, short: 3 },
        ],
        workPackage: "training-kafka-ops",
      },
      {
        skill: "schemas",
        target: 2,
        best: 3,
        average: 1.5,
        meeting: 1,
        gap: 0,
        shortfalls: [{ name: "Ben", level: 0, short: 2 }],
        workPackage: null,
      },
    ]);
    const plan = (await t.request("GET", `/v1/workshops/${w.id}/plan`)).json;
    expect(
      plan.workPackages.map((p: { key: string; durationDays: number }) => [p.key, p.durationDays]),
    ).toEqual([["training-kafka-ops", 10]]);
    const read = await t.request("GET", `/v1/workshops/${w.id}/skills`, { token: await t.tokenFor("pm") });
    expect(read.json.gaps[0].gap).toBe(2);
    const bad = await t.request(
      "PUT",
      `/v1/workshops/${w.id}/skills`,
      asFacilitator(w, {
        people: [{ name: "Ana" }],
        skills: ["x"],
        levels: { Zed: { x: 1 }, Ana: { y: 2 } },
        target: { x: 4 },
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.map((d: { path: string }) => d.path)).toEqual(["target.x"]);
    const unknown = await t.request(
      "PUT",
      `/v1/workshops/${w.id}/skills`,
      asFacilitator(w, {
        people: [{ name: "Ana" }],
        skills: ["x"],
        levels: { Zed: { x: 1 }, Ana: { y: 2 } },
      }),
    );
    expect(unknown.json.error.details.map((d: { path: string }) => d.path)).toEqual([
      "levels.Zed",
      "levels.Ana.y",
    ]);
  });

  it("totals costs per option and environment by hand, beside the room's Cost votes", async () => {
    const w = await scoredWorkshop();
    const res = await t.request(
      "PUT",
      `/v1/workshops/${w.id}/costs`,
      asFacilitator(w, {
        items: [
          { option: "msk", environment: "production", monthly: 3000, currency: "EUR" },
          { option: "msk", environment: "pre-prod", monthly: 1200.5, currency: "EUR" },
          { option: "cc", environment: "production", monthly: 5000, currency: "EUR", note: "list price" },
        ],
      }),
    );
    expect(res.status).toBe(200);
    expect(res.json.totals).toEqual([
      {
        option: "msk",
        label: "AWS MSK",
        currency: "EUR",
        monthly: 4200.5,
        annual: 50406,
        byEnvironment: [
          { environment: "production", monthly: 3000 },
          { environment: "pre-prod", monthly: 1200.5 },
        ],
      },
      {
        option: "cc",
        label: "Confluent Cloud",
        currency: "EUR",
        monthly: 5000,
        annual: 60000,
        byEnvironment: [{ environment: "production", monthly: 5000 }],
      },
    ]);
    const read = await t.request("GET", `/v1/workshops/${w.id}/costs`);
    expect(read.json.costVotes).toEqual([
      { option: "msk", view: "production", factor: "cost", counts: { L: 1, M: 0, H: 0 }, votes: 1, mean: 1 },
      { option: "cc", view: "production", factor: "cost", counts: { L: 0, M: 0, H: 1 }, votes: 1, mean: 3 },
    ]);
    const bad = await t.request(
      "PUT",
      `/v1/workshops/${w.id}/costs`,
      asFacilitator(w, { items: [{ option: "kinesis", environment: "prod", monthly: 1, currency: "EUR" }] }),
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("items.0.option");
    const stake = await t.request("PUT", `/v1/workshops/${w.id}/costs`, {
      token: w.bot,
      body: { actor: SLACK_STAKEHOLDER, items: [] },
    });
    expect(stake.status).toBe(403);
  });
});
