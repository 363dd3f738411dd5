import { describe, expect, it } from "vitest";
import { forecastHotPartitions, keyName, zipfWeights } from "../../api/domain/kafka/hot-partitions.js";
import { partitionForKey } from "../../api/domain/kafka/murmur2.js";

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);

describe("hot partitions", () => {
  it.each([
    [1, 0.5],
    [10, 1],
    [1000, 1.2],
    [100_000, 2],
  ])("Zipf weights over %i keys with s = %d sum to 1", (n, s) => {
    const w = zipfWeights(n, s);
    expect(sum(w)).toBeCloseTo(1, 12);
    // rank 1 is the heaviest, weight(1) / weight(2) = 2^s
    if (n > 1) expect((w[0] as number) / (w[1] as number)).toBeCloseTo(2 ** s, 9);
  });

  it("gives each partition its keys' share and the shares sum to 1", () => {
    const f = forecastHotPartitions({
      topic: "clicks",
      partitions: 12,
      partitionMBps: 10,
      streams: [
        {
          source: "web",
          ingressMBps: 30,
          key: { name: "userId", cardinality: 5000, distribution: { zipf: 1 } },
        },
      ],
    });
    expect(f.shares).toHaveLength(12);
    expect(sum(f.shares)).toBeCloseTo(1, 6);
    // the share of partition p is the sum of the weights of the keys that hash there
    const w = zipfWeights(5000, 1);
    const expected = new Array(12).fill(0);
    for (let i = 0; i < 5000; i++) expected[partitionForKey(`key-${i + 1}`, 12)] += w[i] as number;
    for (const [p, s] of f.shares.entries()) expect(s).toBeCloseTo(expected[p], 8);
    expect(f.maxShare).toBeCloseTo(Math.max(...expected), 8);
    expect(f.idealShare).toBeCloseTo(1 / 12, 9);
    expect(f.hottest.partition).toBe(expected.indexOf(Math.max(...expected)));
    expect(f.heaviestKey?.key).toBe("key-1");
  });

  it("is nearly even for many uniform keys and warns of nothing", () => {
    const f = forecastHotPartitions({
      topic: "events",
      partitions: 12,
      partitionMBps: 10,
      streams: [
        { source: "p", ingressMBps: 60, key: { name: "id", cardinality: 100_000, distribution: "uniform" } },
      ],
    });
    expect(f.skew).toBeLessThan(1.05);
    expect(f.warnings).toEqual([]);
    expect(f.advice).toEqual([]);
  });

  it("names two heavy keys that collide on one partition", () => {
    // bob and grace both hash to partition 0 of 6 (murmur2, as the Java client)
    expect(partitionForKey("bob", 6)).toBe(0);
    expect(partitionForKey("grace", 6)).toBe(0);
    const sample = [
      { key: "bob", weight: 40 },
      { key: "grace", weight: 35 },
      ...["alice", "carol", "dave", "frank"].map((key) => ({ key, weight: 5 })),
    ];
    const f = forecastHotPartitions({
      topic: "payments",
      partitions: 6,
      partitionMBps: 10,
      streams: [
        {
          source: "psp",
          ingressMBps: 20,
          key: { name: "merchant", cardinality: 6, distribution: { sample } },
        },
      ],
    });
    // partition 0: (40 + 35) / 95 of 20 MB/s = 15.79 MB/s > 10; bob alone 8.42 MB/s < 10
    expect(f.hottest.partition).toBe(0);
    expect(f.maxShare).toBeCloseTo(75 / 95, 9);
    expect(f.hottest.MBps).toBeCloseTo((75 / 95) * 20, 5);
    expect(f.hottest.topKeys.map((k) => k.key)).toEqual(["bob", "grace"]);
    expect(f.warnings).toEqual([
      "payments: partition 0 would take 15.789 MB/s at peak (78.947% of the topic), more than the 10 MB/s one partition takes (producerMBps).",
    ]);
    expect(f.advice[0]).toContain('holds "bob" (42.105%) and "grace" (36.842%) together');
    expect(f.advice.join(" ")).not.toContain("cannot help");
    // alice, carol, dave, frank land on 3, 2, 4, 1: partition 5 gets nothing
    expect(f.idlePartitions).toBe(1);
  });

  it("says more partitions cannot help when one key alone is too heavy", () => {
    const f = forecastHotPartitions({
      topic: "trades",
      partitions: 24,
      partitionMBps: 10,
      streams: [
        {
          source: "exchange",
          ingressMBps: 50,
          key: { name: "symbol", cardinality: 1000, distribution: { zipf: 2 }, pattern: "SYM{i}" },
        },
      ],
    });
    const top = 1 / sum(zipfWeights(1000, 2).map((_, i) => (i + 1) ** -2));
    expect(f.heaviestKey?.key).toBe("SYM1");
    expect(f.heaviestKey?.MBps).toBeCloseTo(top * 50, 5);
    expect(f.warnings.some((w) => w.includes('key "SYM1" alone would send'))).toBe(true);
    expect(f.advice[0]).toMatch(
      /^More partitions cannot help trades: Kafka puts every record of a key in the same partition/,
    );
  });

  it("spreads records without a key evenly and weighs streams by their MB/s", () => {
    const f = forecastHotPartitions({
      topic: "mixed",
      partitions: 4,
      partitionMBps: 100,
      streams: [
        { source: "keyed", ingressMBps: 3, key: { name: "k", cardinality: 1, distribution: "uniform" } },
        { source: "unkeyed", ingressMBps: 1 },
      ],
    });
    const p = partitionForKey("key-1", 4);
    expect(f.shares[p]).toBeCloseTo(0.75 + 0.25 / 4, 9);
    expect(sum(f.shares)).toBeCloseTo(1, 9);
    expect(f.idlePartitions).toBe(0);
  });

  it("spells modelled keys by the pattern", () => {
    expect(keyName("customer-{i}-eu", 7)).toBe("customer-7-eu");
    expect(keyName("cust", 7)).toBe("cust7");
  });
});
