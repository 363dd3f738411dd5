import { describe, expect, it } from "vitest";
import { clientSettings } from "../../api/domain/kafka/client-settings.js";
import { sizeUseCase } from "../../api/domain/kafka/sizing.js";
import { checkModel, type UseCaseModel } from "../../api/domain/kafka/types.js";
import { EXAMPLE } from "../helpers/kafka.js";

describe("sizing by the documented formulas", () => {
  const sizing = sizeUseCase(EXAMPLE);
  const orders = sizing.topics[0];
  const audit = sizing.topics[1];

  it("sums the producers' peak and average rates into MB/s per topic", () => {
    expect(orders).toMatchObject({ peakMessagesPerSecond: 5500, ingressMBps: 10.5, avgIngressMBps: 2.1 });
    expect(audit).toMatchObject({ ingressMBps: 0.01, avgIngressMBps: 0.005 });
  });

  it("takes the largest partition term and says which one decided", () => {
    expect(orders?.partitions.value).toBe(6);
    expect(orders?.partitions.decidedBy).toBe("consumer billing rate");
    expect(orders?.partitions.terms.map((t) => [t.term, t.value])).toEqual([
      ["producer throughput", 2],
      ["consumer throughput", 1],
      ["consumer billing rate", 6],
      ["minimum", 1],
    ]);
    expect(orders?.partitions.terms[2]?.formula).toBe("ceil(5500 msg/s / 1000 msg/s per consumer)");
    expect(audit?.partitions).toMatchObject({ value: 3, decidedBy: "given by the topic" });
  });

  it("computes storage from the average rate, retention and replicas", () => {
    expect(orders?.storageGB.value).toBe(3810.24);
    expect(orders?.storageGB.terms[0]?.formula).toBe("2.1 MB/s × 168 h × 3600 s/h × 3 replicas / 1000 MB/GB");
    expect(audit?.storageGB.value).toBe(38.88);
  });

  it("computes network in (replication) and out (consumer groups and followers)", () => {
    expect(orders?.networkInMBps.value).toBe(31.5);
    expect(orders?.networkOutMBps.value).toBe(42);
    expect(orders?.consumerGroups).toEqual(["billing", "analytics"]);
    expect(audit?.networkInMBps.value).toBe(0.03);
    expect(audit?.networkOutMBps.value).toBe(0.02);
  });

  it("sizes the cluster by every term and says which one decided", () => {
    expect(sizing.cluster).toMatchObject({ storageGB: 3849.12, networkMBps: 73.55, partitionReplicas: 27 });
    expect(sizing.cluster.brokers.value).toBe(3);
    expect(sizing.cluster.brokers.decidedBy).toBe("minimum for a quorum");
    expect(sizing.cluster.brokers.terms.map((t) => [t.term, t.value])).toEqual([
      ["minimum for a quorum", 3],
      ["largest replication factor", 3],
      ["storage", 2],
      ["network", 1],
      ["partition replicas", 1],
    ]);
    expect(sizing.assumptions).toEqual({
      producerMBps: 10,
      consumerMBps: 20,
      brokerDiskGB: 4000,
      brokerNetworkMBps: 300,
      utilisation: 0.6,
      maxPartitionsPerBroker: 4000,
    });
    expect(sizing.overridden).toEqual([]);
  });

  it("lets every assumption be overridden and echoes the overrides", () => {
    const small = sizeUseCase(EXAMPLE, { brokerDiskGB: 1000, utilisation: 0.5 });
    // storage: ceil(3849.12 / (1000 × 0.5)) = ceil(7.698) = 8; network ceil(73.55 / 150) = 1
    expect(small.cluster.brokers).toMatchObject({ value: 8, decidedBy: "storage" });
    expect(small.overridden).toEqual(["brokerDiskGB", "utilisation"]);
    expect(small.assumptions.brokerDiskGB).toBe(1000);

    const slow = sizeUseCase(EXAMPLE, { producerMBps: 1, maxPartitionsPerBroker: 10 });
    // partitions: ceil(10.5 / 1) = 11 > 6; replicas 11×3 + 3×3 = 42; brokers ceil(42/10) = 5
    expect(slow.topics[0]?.partitions).toMatchObject({ value: 11, decidedBy: "producer throughput" });
    expect(slow.cluster.partitionReplicas).toBe(42);
    expect(slow.cluster.brokers).toMatchObject({ value: 5, decidedBy: "partition replicas" });

    const net = sizeUseCase(EXAMPLE, { brokerNetworkMBps: 10, consumerMBps: 0.5 });
    // consumer throughput: ceil(10.5 / 0.5) = 21; network ceil(73.55 / 6) = 13
    expect(net.topics[0]?.partitions).toMatchObject({ value: 21, decidedBy: "consumer throughput" });
    expect(net.cluster.brokers).toMatchObject({ value: 13, decidedBy: "network" });
  });

  it("counts an exact multiple as that many, not one more (no floating-point ceiling)", () => {
    const m: UseCaseModel = {
      ...EXAMPLE,
      producers: [
        { key: "p", topic: "orders", messagesPerSecond: { avg: 1, peak: 3 }, messageBytes: 100_000 },
      ],
      consumers: [],
    };
    // 3 × 0.1 MB / 0.1 = 3 exactly by hand; 3.0000000000000004 in binary
    expect(sizeUseCase(m, { producerMBps: 0.1 }).topics[0]?.partitions.value).toBe(3);
  });

  it("says when a topic's fixed partition count is below what its throughput needs", () => {
    const m: UseCaseModel = {
      ...EXAMPLE,
      topics: [
        { ...(EXAMPLE.topics[0] as UseCaseModel["topics"][0]), partitions: 2 },
        EXAMPLE.topics[1] as UseCaseModel["topics"][0],
      ],
    };
    const s = sizeUseCase(m);
    expect(s.topics[0]?.partitions.value).toBe(2);
    expect(s.warnings.join("\n")).toContain(
      "orders: 2 partitions are fewer than the 6 its throughput needs (consumer billing rate)",
    );
  });

  it("finds producers and consumers of unknown topics", () => {
    const bad: UseCaseModel = {
      ...EXAMPLE,
      producers: [{ ...(EXAMPLE.producers[0] as UseCaseModel["producers"][0]), topic: "ordres" }],
    };
    expect(checkModel(bad)).toEqual([
      { path: "producers.0.topic", message: 'unknown topic "ordres" (topics: "orders", "audit")' },
    ]);
    expect(checkModel(EXAMPLE)).toEqual([]);
  });
});

describe("client settings from the delivery semantics", () => {
  const settings = (delivery: UseCaseModel["failure"]["delivery"]) =>
    Object.fromEntries(clientSettings({ ...EXAMPLE, failure: { delivery } }).map((s) => [s.name, s.value]));

  it.each([
    ["at-most-once", { acks: "1", "enable.idempotence": "false", retries: "0", "min.insync.replicas": "1" }],
    [
      "at-least-once",
      {
        acks: "all",
        "enable.idempotence": "true",
        "isolation.level": "read_uncommitted",
        "min.insync.replicas": "2",
      },
    ],
    [
      "exactly-once",
      {
        acks: "all",
        "enable.idempotence": "true",
        "isolation.level": "read_committed",
        "min.insync.replicas": "2",
      },
    ],
  ] as const)("%s", (delivery, expected) => {
    expect(settings(delivery)).toMatchObject(expected);
  });

  it("gives every setting a reason and exactly-once a transactional.id", () => {
    const all = clientSettings({ ...EXAMPLE, failure: { delivery: "exactly-once" } });
    expect(all.every((s) => s.why.length > 20)).toBe(true);
    expect(all.find((s) => s.name === "transactional.id")?.scope).toBe("producer");
    expect(all.find((s) => s.name === "commit strategy")?.value).toContain("sendOffsetsToTransaction");
    expect(settings("at-least-once")["commit strategy"]).toBe("commit offsets after processing");
    expect(settings("at-most-once")["commit strategy"]).toBe("commit offsets before processing");
  });
});
