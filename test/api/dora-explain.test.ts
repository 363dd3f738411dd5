import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { change, dataset, deployment, incident, toInputs } from "../helpers/dora.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const inputs = toInputs(
    dataset({
      changes: [
        change("c1", "2025-03-04T08:00:00Z"),
        change("c2", "2025-03-04T10:00:00Z"),
        change("c3", "2025-03-05T08:00:00Z"),
      ],
      deployments: [
        deployment("d1", "2025-03-04T09:00:00Z", ["c1", "c2", "missing"]),
        deployment("d2", "2025-03-05T09:00:00Z", ["c3"]),
        deployment("d3", "2025-03-06T09:00:00Z"),
        deployment("before", "2025-03-02T09:00:00Z", ["c0"]),
      ],
      incidents: [
        incident("open", "2025-03-06T00:00:00Z", null, "c3"),
        incident("fixed", "2025-03-07T00:00:00Z", "2025-03-07T03:00:00Z"),
      ],
    }),
  );
  for (const kind of ["changes", "deployments", "incidents"] as const) {
    await t.request("POST", `/v1/dora/${kind}`, { body: { items: inputs[kind] } });
  }
});
afterAll(async () => {
  await t.close();
});

const explain = (query: string) =>
  t.request("GET", `/v1/dora/metrics/explain?from=2025-03-03&to=2025-03-10&${query}`);

describe("GET /v1/dora/metrics/explain lists the samples behind one figure", () => {
  it("lead time: every (deployment, change) pair, and why it did or did not count", async () => {
    const res = await explain("metric=leadTimeForChanges");
    expect(res.status).toBe(200);
    expect(res.json.samples).toEqual([
      expect.objectContaining({
        deploymentId: "d1",
        changeId: "c1",
        leadMinutes: 60,
        counted: true,
        reason: null,
      }),
      expect.objectContaining({
        deploymentId: "d1",
        changeId: "c2",
        leadMinutes: -60,
        counted: false,
        reason: "lead time ≤ 0",
      }),
      expect.objectContaining({
        deploymentId: "d1",
        changeId: "missing",
        committedAt: null,
        leadMinutes: null,
        counted: false,
        reason: "change never ingested",
      }),
      expect.objectContaining({ deploymentId: "d2", changeId: "c3", leadMinutes: 60, counted: true }),
    ]);
    expect(res.json.nextCursor).toBeNull();
  });

  it("change failure rate: each deployment in the window and the incidents that make it failed", async () => {
    const res = await explain("metric=changeFailureRate");
    expect(
      res.json.samples.map((s: Record<string, unknown>) => [s.deploymentId, s.failed, s.incidentIds]),
    ).toEqual([
      ["d1", false, []],
      ["d2", true, ["open"]],
      ["d3", false, []],
    ]);
  });

  it("deployment frequency: each deployment with its local day and week", async () => {
    const res = await explain("metric=deploymentFrequency&tz=America/Los_Angeles&weekStart=sunday");
    expect(res.json.samples[0]).toMatchObject({ deploymentId: "d1", day: "2025-03-04", week: "2025-03-02" });
    expect(res.json.window.from).toBe("2025-03-03T08:00:00.000Z");
  });

  it("time to restore: each incident that started in the window, open ones not counted", async () => {
    const res = await explain("metric=timeToRestore");
    expect(res.json.samples).toEqual([
      expect.objectContaining({
        incidentId: "open",
        startedAt: "2025-03-05T09:00:00.000Z",
        startedBy: "deployment",
        firstDeployedAt: "2025-03-05T09:00:00.000Z",
        restoreHours: null,
        counted: false,
        reason: "open",
      }),
      expect.objectContaining({
        incidentId: "fixed",
        startedBy: "creation",
        rootCauseChangeId: null,
        restoreHours: 3,
        counted: true,
        reason: null,
      }),
    ]);
  });

  it("pages with a cursor, without repeats or gaps", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await explain(`metric=leadTimeForChanges&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.json.samples.length).toBeLessThanOrEqual(1);
      seen.push(
        ...res.json.samples.map(
          (s: { deploymentId: string; changeId: string }) => `${s.deploymentId}/${s.changeId}`,
        ),
      );
      cursor = res.json.nextCursor;
    } while (cursor && seen.length < 10);
    expect(seen).toEqual(["d1/c1", "d1/c2", "d1/missing", "d2/c3"]);
  });

  it.each([
    ["metric=meanTime", "metric"],
    ["", "metric"],
    ["metric=timeToRestore&limit=0", "limit"],
    ["metric=timeToRestore&cursor=bogus", "cursor"],
  ])("refuses ?%s naming %s", async (query, field) => {
    const res = await explain(query);
    expect(res.status).toBe(400);
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });
});

describe("the API reference", () => {
  it("describes every four-key route, and stays a valid OpenAPI 3.1 document", async () => {
    const res = await t.request("GET", "/openapi.json", { token: null });
    const validator = new Validator();
    const result = await validator.validate(res.json);
    expect(result.errors ?? []).toEqual([]);
    expect(Object.keys(res.json.paths)).toEqual(
      expect.arrayContaining([
        "/v1/dora/changes",
        "/v1/dora/deployments",
        "/v1/dora/incidents",
        "/v1/dora/metrics",
        "/v1/dora/metrics/explain",
        "/v1/workshops/{id}/dora-survey",
        "/v1/webhooks/github",
      ]),
    );
    // The webhook is signed, not bearer-authenticated; the others need a token.
    expect(res.json.paths["/v1/webhooks/github"].post.security).toBeUndefined();
    expect(res.json.paths["/v1/dora/metrics"].get.security).toEqual([{ Bearer: [] }]);
    expect(res.json.components.schemas.DoraDeployment.required).toEqual(["id", "deployedAt"]);
  });
});
