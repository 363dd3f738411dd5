import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema/audit-log.js";
import {
  createBoundWorkshop,
  createTestApp,
  SLACK_FACILITATOR,
  SLACK_STAKEHOLDER,
  type TestApp,
} from "../helpers/app.js";
import { EXAMPLE } from "../helpers/kafka.js";
import { parseFlowchart } from "../helpers/mermaid.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

let workshopId: string;
let bot: string;
beforeEach(async () => {
  ({ id: workshopId, bot } = await createBoundWorkshop(t));
});

const ENVIRONMENTS = [
  {
    key: "prod",
    name: "Production",
    tier: "prod",
    availability: "99.95%",
    rpoMinutes: 0,
    rtoMinutes: 15,
    regions: ["eu-west-1", "eu-central-1"],
    components: [
      { key: "brokers", kind: "broker", product: "Confluent Platform 7.7", count: 6 },
      { key: "monitoring", kind: "monitoring", product: "Prometheus + Grafana" },
    ],
  },
  {
    key: "dev",
    name: "Development",
    tier: "dev",
    regions: ["eu-west-1"],
    components: [{ key: "brokers", kind: "broker", product: "Confluent Platform 7.7", count: 1 }],
  },
];

const audits = (action: string) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action)));

describe("environments", () => {
  it("replaces, reads back, draws, and is idempotent", async () => {
    const path = `/v1/workshops/${workshopId}/environments`;
    const put = await t.request("PUT", path, {
      token: await t.tokenFor("facilitator"),
      body: { environments: ENVIRONMENTS },
    });
    expect(put.status).toBe(200);
    expect(put.json.environments).toEqual(ENVIRONMENTS);
    const before = (await audits("environments.replace")).filter((a) => a.entityId === workshopId).length;
    expect(before).toBe(1);
    await t.request("PUT", path, { body: { environments: ENVIRONMENTS } });
    expect((await audits("environments.replace")).filter((a) => a.entityId === workshopId)).toHaveLength(1);

    const get = await t.request("GET", path, { token: await t.tokenFor("pm") });
    expect(get.json).toEqual({ workshopId, environments: ENVIRONMENTS, itemLinks: [] });
    const drawn = await t.request("GET", `${path}?format=mermaid`, { token: await t.tokenFor("pm") });
    expect(drawn.headers.get("Content-Type")).toBe("text/vnd.mermaid; charset=utf-8");
    expect((await parseFlowchart(drawn.text)).getSubGraphs()).toHaveLength(2);
  });

  it("refuses a pm writing, a bot acting for a non-facilitator, and duplicate keys", async () => {
    const path = `/v1/workshops/${workshopId}/environments`;
    expect(
      (await t.request("PUT", path, { token: await t.tokenFor("pm"), body: { environments: [] } })).status,
    ).toBe(403);
    const stranger = await t.request("PUT", path, {
      token: bot,
      body: { environments: [], actor: SLACK_STAKEHOLDER },
    });
    expect(stranger.status).toBe(403);
    expect(stranger.json.error.message).toContain("only this workshop's facilitators");
    const ok = await t.request("PUT", path, {
      token: bot,
      body: { environments: [], actor: SLACK_FACILITATOR },
    });
    expect(ok.status).toBe(200);
    const dup = await t.request("PUT", path, { body: { environments: [ENVIRONMENTS[0], ENVIRONMENTS[0]] } });
    expect(dup.status).toBe(400);
    expect(dup.json.error.details).toEqual([{ path: "environments.1.key", message: '"prod" is used twice' }]);
    const badKind = await t.request("PUT", path, {
      body: {
        environments: [{ ...ENVIRONMENTS[1], components: [{ key: "x", kind: "mainframe", product: "z" }] }],
      },
    });
    expect(badKind.status).toBe(400);
    expect(badKind.json.error.details[0].path).toBe("environments.0.components.0.kind");
  });

  it("maps line items onto components and shows which item maps to which", async () => {
    await t.request("PUT", `/v1/workshops/${workshopId}/environments`, {
      body: { environments: ENVIRONMENTS },
    });
    const item = await t.request("POST", `/v1/workshops/${workshopId}/items`, {
      body: { kind: "requirement", text: "Alert when consumer lag exceeds 5 minutes" },
    });
    const linkPath = `/v1/workshops/${workshopId}/items/${item.json.id}/components`;
    const linked = await t.request("PUT", linkPath, { body: { components: ["prod.monitoring", "brokers"] } });
    expect(linked.status).toBe(200);
    expect(linked.json.itemLinks).toEqual([
      {
        itemId: item.json.id,
        kind: "requirement",
        text: "Alert when consumer lag exceeds 5 minutes",
        components: ["brokers", "prod.monitoring"],
        matches: ["prod.brokers", "dev.brokers", "prod.monitoring"],
      },
    ]);
    const unknown = await t.request("PUT", linkPath, { body: { components: ["prod.connect"] } });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details).toEqual([
      { path: "components.0", message: 'no component "prod.connect" in this workshop\'s environments' },
    ]);
    const drawn = await t.request("GET", `/v1/workshops/${workshopId}/environments?format=mermaid`);
    expect(drawn.text).toContain("monitoring · 1 line item");
    expect((await t.request("PUT", linkPath, { body: { components: [] } })).json.itemLinks).toEqual([]);
  });
});

describe("use cases", () => {
  const { title, producers, topics, consumers, failure } = EXAMPLE;
  const body = { title, producers, topics, consumers, failure };

  it("creates (201), replaces (200), lists, reads, draws and deletes, audited", async () => {
    const path = `/v1/workshops/${workshopId}/use-cases/order-to-cash`;
    const created = await t.request("PUT", path, { body });
    expect(created.status).toBe(201);
    expect(created.json.topics[0]).toMatchObject({
      name: "orders",
      replicationFactor: 3,
      retentionHours: 168,
      cleanupPolicy: "delete",
    });
    expect((await t.request("PUT", path, { body })).status).toBe(200);
    const writes = (await t.database.db.select().from(auditLog)).filter(
      (a) => a.action === "usecase.replace",
    );
    expect(writes).toHaveLength(0);
    const list = await t.request("GET", `/v1/workshops/${workshopId}/use-cases`, {
      token: await t.tokenFor("pm"),
    });
    expect(list.json.useCases.map((u: { key: string }) => u.key)).toEqual(["order-to-cash"]);
    const drawn = await t.request("GET", `${path}?format=mermaid`);
    expect(drawn.text).toContain("6 partitions");
    await parseFlowchart(drawn.text);
    expect((await t.request("DELETE", path)).status).toBe(204);
    expect((await t.request("DELETE", path)).status).toBe(204);
    expect((await t.request("GET", path)).status).toBe(404);
    const actions = (await t.database.db.select().from(auditLog)).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith("usecase."))).toEqual(
      expect.arrayContaining(["usecase.create", "usecase.delete"]),
    );
  });

  it("sizes a stored use case with overrides from the query, echoed in the answer", async () => {
    const path = `/v1/workshops/${workshopId}/use-cases/order-to-cash`;
    await t.request("PUT", path, { body });
    const s = await t.request("GET", `${path}/sizing?brokerDiskGB=1000&utilisation=0.5`, {
      token: await t.tokenFor("pm"),
    });
    expect(s.status).toBe(200);
    expect(s.json.cluster.brokers).toMatchObject({ value: 8, decidedBy: "storage" });
    expect(s.json.overridden).toEqual(["brokerDiskGB", "utilisation"]);
    expect(s.json.assumptions).toMatchObject({ brokerDiskGB: 1000, utilisation: 0.5, producerMBps: 10 });
    expect(s.json.topics[0].partitions).toMatchObject({ value: 6, decidedBy: "consumer billing rate" });
    expect(s.json.clientSettings.find((x: { name: string }) => x.name === "acks").value).toBe("all");
    const bad = await t.request("GET", `${path}/sizing?utilisation=1.5`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("utilisation");
  });

  it("forecasts hot partitions for keyed producers", async () => {
    const path = `/v1/workshops/${workshopId}/use-cases/trades`;
    await t.request("PUT", path, {
      body: {
        title: "Trades",
        producers: [
          {
            key: "exchange",
            topic: "trades",
            messagesPerSecond: { avg: 10_000, peak: 50_000 },
            messageBytes: 1000,
            messageKey: { name: "symbol", cardinality: 1000, distribution: { zipf: 2 } },
          },
        ],
        topics: [{ name: "trades" }],
        failure: { delivery: "exactly-once" },
      },
    });
    const s = await t.request("GET", `${path}/sizing`);
    expect(s.json.hotPartitions).toHaveLength(1);
    expect(s.json.hotPartitions[0].heaviestKey.key).toBe("key-1");
    expect(s.json.warnings.join(" ")).toContain('key "key-1" alone would send');
    expect(s.json.hotPartitions[0].advice[0]).toContain("More partitions cannot help");
  });

  it("names unknown topics (422) and bad fields (400)", async () => {
    const path = `/v1/workshops/${workshopId}/use-cases/broken`;
    const unknown = await t.request("PUT", path, {
      body: { ...body, consumers: [{ key: "c", group: "g", topic: "ordres" }] },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error.details[0].path).toBe("consumers.0.topic");
    const shape = await t.request("PUT", path, {
      body: {
        ...body,
        producers: [
          { ...producers[0], messageKey: { name: "k", cardinality: 5, distribution: { zipf: "x" } } },
        ],
      },
    });
    expect(shape.status).toBe(400);
    expect(shape.json.error.details[0].path).toMatch(/^producers\.0\.messageKey\.distribution/);
    expect((await t.request("GET", `/v1/workshops/${workshopId}/use-cases/nope/sizing`)).status).toBe(404);
  });
});

describe("kafka tools", () => {
  it("places keys as the Java client does", async () => {
    const res = await t.request("POST", "/v1/kafka/partitions", {
      token: await t.tokenFor("pm"),
      body: { partitions: 10, keys: ["a", "b", "c", "d", "e"] },
    });
    expect(res.json).toEqual({ partitions: [4, 6, 4, 3, 4] });
    expect(
      (await t.request("POST", "/v1/kafka/partitions", { body: { partitions: 0, keys: [] } })).status,
    ).toBe(400);
  });

  it("checks Avro compatibility and names a schema that is not Avro", async () => {
    const v1 = { type: "record", name: "Order", fields: [{ name: "id", type: "string" }] };
    const v2 = { ...v1, fields: [...v1.fields, { name: "amount", type: "long" }] };
    const res = await t.request("POST", "/v1/schemas/compatibility", {
      body: { format: "avro", mode: "BACKWARD", schema: v2, previous: [v1] },
    });
    expect(res.status).toBe(200);
    expect(res.json.compatible).toBe(false);
    expect(res.json.messages[0]).toContain('field "amount" has no default');
    const bad = await t.request("POST", "/v1/schemas/compatibility", {
      body: { format: "avro", mode: "FULL", schema: { type: "recrd" }, previous: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("schema");
  });
});
