import { describe, expect, it } from "vitest";
import { environmentsMermaid, useCaseMermaid } from "../../api/domain/kafka/mermaid.js";
import { sizeUseCase } from "../../api/domain/kafka/sizing.js";
import { EXAMPLE } from "../helpers/kafka.js";
import { decodeMermaidEntities, parseFlowchart } from "../helpers/mermaid.js";

describe("Mermaid flowcharts, read back by Mermaid's parser", () => {
  it("draws producers → topics → consumer groups with rates and partitions", async () => {
    const sizing = sizeUseCase(EXAMPLE);
    const text = useCaseMermaid(EXAMPLE, new Map(sizing.topics.map((t) => [t.name, t.partitions.value])));
    const db = await parseFlowchart(text);
    const labels = [...db.getVertices().values()].map((v) => decodeMermaidEntities(v.text ?? ""));
    expect(labels).toEqual(
      expect.arrayContaining([
        "checkout",
        "refunds",
        "auditor",
        "orders — 6 partitions · RF 3 · avro",
        "audit — 3 partitions · RF 3",
        "billing",
        "analytics",
      ]),
    );
    const edges = db.getEdges().map((e) => `${e.start}->${e.end}`);
    expect(edges).toEqual(["p0->t0", "p1->t0", "p2->t1", "t0->g0", "t0->g1"]);
    expect(decodeMermaidEntities(db.getEdges()[0]?.text ?? "")).toBe("5000 msg/s peak");
  });

  it("survives names with quotes, semicolons, brackets and arrows", async () => {
    const odd = {
      ...EXAMPLE,
      producers: [
        { ...(EXAMPLE.producers[0] as (typeof EXAMPLE.producers)[0]), key: 'pos "till"; --> [x] #1' },
      ],
      consumers: [{ key: "c", group: "g{1}|end", topic: "orders" }],
    };
    const db = await parseFlowchart(useCaseMermaid(odd));
    const labels = [...db.getVertices().values()].map((v) => decodeMermaidEntities(v.text ?? ""));
    expect(labels).toContain('pos "till"; --> [x] #1');
    expect(labels).toContain("g{1}|end");
  });

  it("draws each environment as a subgraph of its components", async () => {
    const text = environmentsMermaid(
      [
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
            { key: "sr", kind: "schema-registry", product: "Schema Registry", count: 2 },
          ],
        },
        { key: "dev", name: "Dev", tier: "dev", regions: [], components: [] },
      ],
      new Map([["prod.brokers", ["item-1", "item-2"]]]),
    );
    const db = await parseFlowchart(text);
    const graphs = db.getSubGraphs();
    expect(graphs.map((g) => decodeMermaidEntities(g.title))).toEqual([
      "Production (prod · eu-west-1, eu-central-1 · 99.95% · RPO 0 min · RTO 15 min)",
      "Dev (dev)",
    ]);
    expect(graphs[0]?.nodes.sort()).toEqual(["e0c0", "e0c1"]);
    const brokers = decodeMermaidEntities(db.getVertices().get("e0c0")?.text ?? "");
    expect(brokers).toBe("Confluent Platform 7.7 × 6 — broker · 2 line items");
  });
});
