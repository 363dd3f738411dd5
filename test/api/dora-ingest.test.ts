import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema/audit-log.js";
import { doraChanges } from "../../db/schema/dora-changes.js";
import { doraDeploymentChanges } from "../../db/schema/dora-deployment-changes.js";
import { doraDeployments } from "../../db/schema/dora-deployments.js";
import { doraIncidents } from "../../db/schema/dora-incidents.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
let token: string;
beforeAll(async () => {
  // A small ingest limit, so the 413 case needs no multi-megabyte body.
  t = await createTestApp({ bodyLimitBytes: 64 * 1024, ingestBodyLimitBytes: 1024 * 1024 });
  token = await t.tokenFor("ingest");
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.database.db.execute(
    sql`truncate dora_deployment_changes, dora_deployments, dora_changes, dora_incidents`,
  );
});

const post = (kind: string, body: unknown, as: string | null = token) =>
  t.request("POST", `/v1/dora/${kind}`, { token: as, body });

async function counts() {
  const db = t.database.db;
  return {
    changes: (await db.select().from(doraChanges)).length,
    deployments: (await db.select().from(doraDeployments)).length,
    links: (await db.select().from(doraDeploymentChanges)).length,
    incidents: (await db.select().from(doraIncidents)).length,
  };
}

const deployment = (id: string, changeIds: string[] = []) => ({
  id,
  deployedAt: "2025-03-04T10:15:00+01:00",
  changeIds,
});

describe("ingesting", () => {
  it("takes one object and fills in the defaults", async () => {
    const res = await post("deployments", deployment("d1", ["c1", "c2", "c1"]));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ kind: "deployments", received: 1, created: 1, updated: 0, unchanged: 0 });
    const [row] = await t.database.db.select().from(doraDeployments);
    expect(row).toMatchObject({
      id: "d1",
      service: "default",
      environment: "production",
      status: "success",
      deployedAt: new Date("2025-03-04T09:15:00Z"),
    });
    // Repeated change ids are one link.
    expect(await counts()).toMatchObject({ deployments: 1, links: 2 });
  });

  it("takes a batch and counts a retried batch as unchanged", async () => {
    const items = [
      { id: "c1", committedAt: "2025-03-04T09:00:00Z", service: "api" },
      { id: "c2", committedAt: "2025-03-04T09:30:00.123Z", service: "api" },
    ];
    expect((await post("changes", { items })).json).toMatchObject({ received: 2, created: 2, unchanged: 0 });
    expect((await post("changes", { items })).json).toMatchObject({
      received: 2,
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(await counts()).toMatchObject({ changes: 2 });
  });

  it("replaces an item sent again with other fields", async () => {
    await post("incidents", { id: "i1", createdAt: "2025-03-04T09:00:00Z" });
    const res = await post("incidents", {
      items: [
        {
          id: "i1",
          createdAt: "2025-03-04T09:00:00Z",
          resolvedAt: "2025-03-04T10:00:00Z",
          rootCauseChangeId: "c1",
        },
        { id: "i2", createdAt: "2025-03-05T09:00:00Z" },
      ],
    });
    expect(res.json).toEqual({ kind: "incidents", received: 2, created: 1, updated: 1, unchanged: 0 });
    const [i1] = await t.database.db.select().from(doraIncidents).where(eq(doraIncidents.id, "i1"));
    expect(i1).toMatchObject({ resolvedAt: new Date("2025-03-04T10:00:00Z"), rootCauseChangeId: "c1" });
  });

  it("gives a deployment sent again exactly its new list of changes, and counts it as updated", async () => {
    await post("deployments", deployment("d1", ["c1", "c2"]));
    const res = await post("deployments", deployment("d1", ["c2", "c3"]));
    expect(res.json).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const links = await t.database.db.select().from(doraDeploymentChanges);
    expect(links.map((l) => l.changeId).sort()).toEqual(["c2", "c3"]);
    expect((await post("deployments", deployment("d1", ["c3", "c2"]))).json).toMatchObject({ unchanged: 1 });
  });

  it("keeps links to changes not ingested yet", async () => {
    await post("deployments", deployment("d1", ["later"]));
    expect(await counts()).toMatchObject({ changes: 0, links: 1 });
  });

  it("takes 10,000 items in one request, over the default 1 MiB body limit of other routes", async () => {
    const big = await createTestApp();
    try {
      const ingest = await big.tokenFor("ingest");
      const items = Array.from({ length: 10_000 }, (_, i) => ({
        id: `deploy-${i}-${"x".repeat(40)}`,
        service: "checkout",
        deployedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
        changeIds: [`change-${i}-${"y".repeat(40)}`],
      }));
      const body = JSON.stringify({ items });
      expect(body.length).toBeGreaterThan(1024 * 1024);
      const res = await big.request("POST", "/v1/dora/deployments", { token: ingest, body });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ received: 10_000, created: 10_000 });
    } finally {
      await big.close();
    }
  });

  it("audits each batch in the same transaction", async () => {
    const res = await post("changes", { id: "c1", committedAt: "2025-03-04T09:00:00Z" });
    const entries = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, res.headers.get("X-Request-Id") ?? ""));
    expect(entries).toEqual([
      expect.objectContaining({
        action: "dora.changes.ingest",
        entityType: "dora_batch",
        details: {
          kind: "changes",
          received: 1,
          created: 1,
          updated: 0,
          unchanged: 0,
          orgId: expect.any(String),
          firstId: "c1",
        },
      }),
    ]);
  });
});

describe("a batch with any invalid item is refused whole, naming each item's field", () => {
  const ok = (i: number) => ({ id: `d${i}`, deployedAt: "2025-03-04T10:00:00Z" });
  it.each([
    [
      "a bad instant",
      "deployments",
      { items: [ok(0), { ...ok(1), deployedAt: "2025-03-04 10:00" }] },
      ["items.1.deployedAt"],
    ],
    [
      "an instant without an offset",
      "deployments",
      { items: [{ ...ok(0), deployedAt: "2025-03-04T10:00:00" }] },
      ["items.0.deployedAt"],
    ],
    [
      "an unknown status",
      "deployments",
      { items: [ok(0), ok(1), { ...ok(2), status: "rolled-back" }] },
      ["items.2.status"],
    ],
    ["a typo'd field", "deployments", { items: [{ ...ok(0), changeIDs: [] }] }, ["items.0.changeIDs"]],
    ["a repeated id", "deployments", { items: [ok(0), ok(1), ok(0)] }, ["items.2.id"]],
    ["an empty id", "changes", { id: " ", committedAt: "2025-03-04T10:00:00Z" }, ["id"]],
    ["a missing field in a single item", "changes", { id: "c1" }, ["committedAt"]],
    [
      "an incident resolved before it was created",
      "incidents",
      { items: [{ id: "i1", createdAt: "2025-03-04T10:00:00Z", resolvedAt: "2025-03-04T09:59:59Z" }] },
      ["items.0.resolvedAt"],
    ],
    ["an empty batch", "incidents", { items: [] }, ["items"]],
    ["an array instead of {items}", "changes", [{ id: "c1", committedAt: "2025-03-04T10:00:00Z" }], ["body"]],
    ["a string", "changes", "c1", ["body"]],
    [
      "items beside other fields",
      "changes",
      { items: [{ id: "c1", committedAt: "2025-03-04T10:00:00Z" }], id: "c2" },
      ["id"],
    ],
  ])("%s", async (_name, kind, body, fields) => {
    const res = await post(kind, body);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION");
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toEqual(fields);
    expect(await counts()).toEqual({ changes: 0, deployments: 0, links: 0, incidents: 0 });
  });

  it("refuses more than 10,000 items", async () => {
    const items = Array.from({ length: 10_001 }, (_, i) => ({
      id: `${i}`,
      committedAt: "2025-03-04T10:00:00Z",
    }));
    const res = await post("changes", { items });
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe("items");
  });

  it("refuses a body over the ingest limit with 413", async () => {
    const items = Array.from({ length: 9_000 }, (_, i) => ({
      id: `change-${i}-${"z".repeat(100)}`,
      committedAt: "2025-03-04T10:00:00Z",
    }));
    const res = await post("changes", { items });
    expect(res.status).toBe(413);
    expect(await counts()).toMatchObject({ changes: 0 });
  });
});

describe("who may ingest", () => {
  it.each(["pm", "facilitator", "bot"] as const)("not %s", async (role) => {
    const res = await post(
      "changes",
      { id: "c1", committedAt: "2025-03-04T10:00:00Z" },
      await t.tokenFor(role),
    );
    expect(res.status).toBe(403);
    expect(await counts()).toMatchObject({ changes: 0 });
  });

  it("ingest and admin", async () => {
    expect((await post("changes", { id: "c1", committedAt: "2025-03-04T10:00:00Z" })).status).toBe(200);
    expect(
      (await post("changes", { id: "c2", committedAt: "2025-03-04T10:00:00Z" }, t.adminToken)).status,
    ).toBe(200);
  });

  it("nobody without a token", async () => {
    expect((await post("changes", { id: "c1", committedAt: "2025-03-04T10:00:00Z" }, null)).status).toBe(401);
  });
});

// Last in this file: it adds a second organisation, after which tokens need an orgId.
describe("four-key data belongs to an organisation", () => {
  it("keeps two organisations' records with the same ids apart, and reads each its own", async () => {
    const orgA = (await t.request("GET", "/v1/orgs")).json.orgs[0].id as string;
    const orgB = (await t.request("POST", "/v1/orgs", { body: { name: "Client B" } })).json.id as string;
    const tokenOf = async (role: string, orgId: string) => {
      const res = await t.request("POST", "/v1/tokens", { body: { name: `${role}-${orgId}`, role, orgId } });
      expect(res.status).toBe(201);
      return res.json.token as string;
    };
    const ingestB = await tokenOf("ingest", orgB);
    const [pmA, pmB] = [await tokenOf("pm", orgA), await tokenOf("pm", orgB)];
    const shared = { id: "shared", deployedAt: "2025-03-04T10:00:00Z", changeIds: ["c1"] };
    expect((await post("deployments", { ...shared, service: "shop" })).json.created).toBe(1);
    // Org B's deployment with the same id is another record: created, not an update of A's.
    const b = await post(
      "deployments",
      {
        items: [
          { ...shared, service: "billing" },
          { ...shared, id: "b2" },
        ],
      },
      ingestB,
    );
    expect(b.json).toMatchObject({ created: 2, updated: 0 });
    expect(await post("changes", { id: "c1", committedAt: "2025-03-04T09:00:00Z" })).toMatchObject({
      status: 200,
    });
    expect(
      (await post("changes", { id: "c1", committedAt: "2025-03-03T10:00:00Z" }, ingestB)).json.created,
    ).toBe(1);
    const rows = await t.database.db.select().from(doraDeployments).where(eq(doraDeployments.id, "shared"));
    expect(rows.map((r) => [r.orgId, r.service]).sort()).toEqual(
      [
        [orgA, "shop"],
        [orgB, "billing"],
      ].sort(),
    );
    // Each change's commit time reached only its own organisation's links.
    const links = await t.database.db
      .select()
      .from(doraDeploymentChanges)
      .where(eq(doraDeploymentChanges.deploymentId, "shared"));
    expect(links.map((l) => [l.orgId, l.leadSeconds]).sort()).toEqual(
      [
        [orgA, 3600],
        [orgB, 86400],
      ].sort(),
    );

    const window = "?from=2025-03-01&to=2025-03-10";
    const metrics = async (token: string, query = "") =>
      t.request("GET", `/v1/dora/metrics${window}${query}`, { token });
    const a = (await metrics(pmA)).json;
    const bm = (await metrics(pmB)).json;
    expect(a.deploymentFrequency.deployments).toBe(1);
    expect(a.leadTimeForChanges.medianMinutes).toBe(60);
    expect(bm.deploymentFrequency.deployments).toBe(2);
    expect(bm.leadTimeForChanges.medianMinutes).toBe(1440);
    const explained = await t.request("GET", `/v1/dora/metrics/explain${window}&metric=deploymentFrequency`, {
      token: pmA,
    });
    expect(explained.json.samples.map((s: { service: string }) => s.service)).toEqual(["shop"]);
    // Another organisation's data is not there for a pm; the admin names the organisation.
    expect((await metrics(pmA, `&orgId=${orgB}`)).status).toBe(404);
    const admin = await metrics(t.adminToken);
    expect(admin.status).toBe(400);
    expect(admin.json.error.details[0].path).toBe("orgId");
    expect((await metrics(t.adminToken, `&orgId=${orgB}`)).json.deploymentFrequency.deployments).toBe(2);
    // Ingest tokens write and read nothing.
    expect((await metrics(ingestB)).status).toBe(403);
    expect((await metrics(token)).status).toBe(403);
    // The admin ingests into a named organisation, and must name one while there are several.
    expect(
      (await post("incidents", { id: "i1", createdAt: "2025-03-05T00:00:00Z" }, t.adminToken)).status,
    ).toBe(400);
    expect(
      (
        await t.request("POST", `/v1/dora/incidents?orgId=${orgB}`, {
          body: { id: "i1", createdAt: "2025-03-05T00:00:00Z" },
        })
      ).json.created,
    ).toBe(1);
    const incidents = await t.database.db.select().from(doraIncidents);
    expect(incidents.map((i) => i.orgId)).toEqual([orgB]);
  });
});
