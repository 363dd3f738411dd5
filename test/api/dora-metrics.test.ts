import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Dataset } from "../../api/domain/dora/types.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { change, dataset, deployment, incident, toInputs } from "../helpers/dora.js";
import { VECTORS } from "../helpers/dora-vectors.js";

let t: TestApp;
let ingest: string;
beforeAll(async () => {
  t = await createTestApp();
  ingest = await t.tokenFor("ingest");
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.database.db.execute(
    sql`truncate dora_deployment_changes, dora_deployments, dora_changes, dora_incidents`,
  );
});

/** Sends a dataset through the ingest API, one batch per kind. */
async function send(data: Dataset) {
  const inputs = toInputs(data);
  for (const kind of ["changes", "deployments", "incidents"] as const) {
    if (inputs[kind].length === 0) continue;
    const res = await t.request("POST", `/v1/dora/${kind}`, { token: ingest, body: { items: inputs[kind] } });
    expect(res.status).toBe(200);
  }
}

const metrics = (query: Record<string, string>, token?: string) =>
  t.request("GET", `/v1/dora/metrics?${new URLSearchParams(query)}`, token ? { token } : {});

describe("GET /v1/dora/metrics on the hand-computed vectors (SQL path)", () => {
  it.each(VECTORS.map((v) => [v.name, v] as const))("%s", async (_name, v) => {
    await send(v.data);
    const res = await metrics(v.query);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject(v.expected);
  });
});

describe("the answer", () => {
  it("has exactly DESIGN's shape plus the explainability fields", async () => {
    await send(
      dataset({
        changes: [change("c1", "2025-03-03T09:00:00Z")],
        deployments: [deployment("d1", "2025-03-04T09:00:00Z", ["c1"])],
        incidents: [incident("i1", "2025-03-05T00:00:00Z", "2025-03-05T01:00:00Z", "c1")],
      }),
    );
    const res = await metrics({ from: "2025-03-03", to: "2025-03-10" });
    expect(res.json).toEqual({
      window: {
        from: "2025-03-03T00:00:00.000Z",
        to: "2025-03-10T00:00:00.000Z",
        timeZone: "UTC",
        weekStart: "monday",
        environment: "production",
        service: null,
      },
      benchmark: { edition: "2024", source: "Accelerate State of DevOps Report 2024, DORA (Google Cloud)" },
      deploymentFrequency: {
        deployments: 1,
        deployDays: 1,
        weeks: 1,
        weeksWithDeployments: 1,
        medianDeployDaysPerWeek: 1,
        months: 1,
        monthsWithDeployments: 1,
        bucket: "weekly",
        tier: "high",
        reason: null,
      },
      leadTimeForChanges: {
        medianMinutes: 1440,
        samples: 1,
        excluded: 0,
        missingChanges: 0,
        tier: "high",
        reason: null,
      },
      changeFailureRate: { rate: 1, failedDeployments: 1, deployments: 1, tier: "low", reason: null },
      timeToRestore: {
        medianHours: 16,
        resolved: 1,
        open: 0,
        withoutRootCause: 0,
        rootCauseNotDeployed: 0,
        tier: "high",
        reason: null,
      },
    });
  });

  it("defaults to the 12 whole weeks before the current one, in the requested zone", async () => {
    t.clock.set("2026-03-04T12:00:00Z"); // a Wednesday
    const res = await metrics({ tz: "America/New_York" });
    expect(res.json.window).toMatchObject({
      from: "2025-12-08T05:00:00.000Z",
      to: "2026-03-02T05:00:00.000Z",
    });
    expect(res.json.deploymentFrequency.weeks).toBe(12);
  });

  it("answers every reader role and refuses the others", async () => {
    for (const role of ["pm", "facilitator", "bot", "admin"] as const) {
      expect((await metrics({}, await t.tokenFor(role))).status).toBe(200);
    }
    // Least privilege: CI's ingest token sends data and reads nothing.
    expect((await metrics({}, await t.tokenFor("ingest"))).status).toBe(403);
    expect((await t.request("GET", "/v1/dora/metrics", { token: null })).status).toBe(401);
  });
});

describe("bad parameters are refused with a 400 naming the parameter", () => {
  it.each([
    ["from=yesterday", "from"],
    ["to=2025-02-30", "to"],
    ["from=2025-03-01T00:00:00", "from"],
    ["from=2025-03-10&to=2025-03-01", "from"],
    ["from=2025-03-10&to=2025-03-10", "from"],
    ["from=2010-01-01&to=2025-01-01", "to"],
    ["tz=Mars/Olympus_Mons", "tz"],
    ["weekStart=funday", "weekStart"],
    ["benchmark=2022", "benchmark"],
    ["groupBy=team", "groupBy"],
    ["interval=day", "interval"],
    ["environment=", "environment"],
    ["workshopId=42", "workshopId"],
    ["serivce=api", "serivce"],
  ])("?%s names %s", async (query, field) => {
    const res = await t.request("GET", `/v1/dora/metrics?${query}`);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION");
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("answers 404 for an unknown workshop", async () => {
    const res = await metrics({ workshopId: "00000000-0000-4000-8000-000000000000" });
    expect(res.status).toBe(404);
  });
});
