import { forecastHotPartitions } from "../api/domain/kafka/hot-partitions.js";
import { sizeUseCase } from "../api/domain/kafka/sizing.js";
import type { UseCaseModel } from "../api/domain/kafka/types.js";
import { fmt, machine, seededRandom } from "./lib.js";

/**
 * The architecture model's pure functions at the sizes the issue names: sizing a use case of 1,000
 * topics (two producers and two consumer groups each), and a hot-partition forecast over 1,000,000
 * Zipf-distributed keys (each hashed with murmur2 as the Java client does). Target: under 1 s each.
 */
const TOPICS = Number(process.env.BENCH_KAFKA_TOPICS ?? 1000);
const KEYS = Number(process.env.BENCH_KAFKA_KEYS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_KAFKA_RUNS ?? 5);

export function bigUseCase(topics: number, seed = 7): UseCaseModel {
  const rnd = seededRandom(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const model: UseCaseModel = {
    title: "Bench",
    producers: [],
    topics: [],
    consumers: [],
    failure: { delivery: "exactly-once" },
  };
  for (let i = 0; i < topics; i++) {
    const topic = `topic-${i}`;
    model.topics.push({
      name: topic,
      replicationFactor: 3,
      retentionHours: int(24, 720),
      cleanupPolicy: "delete",
    });
    for (const p of [0, 1]) {
      const peak = int(10, 20_000);
      model.producers.push({
        key: `p-${i}-${p}`,
        topic,
        messagesPerSecond: { avg: Math.floor(peak / 3), peak },
        messageBytes: int(100, 2000),
      });
    }
    model.consumers.push({ key: `c-${i}-a`, group: `g-${i}-a`, topic, messagesPerSecond: int(500, 5000) });
    model.consumers.push({ key: `c-${i}-b`, group: `g-${i}-b`, topic });
  }
  return model;
}

/** Wall-clock and CPU milliseconds per run, each sorted: on a shared machine CPU time is the steadier figure. */
function time(run: () => void): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const used = process.cpuUsage();
    run();
    const d = process.cpuUsage(used);
    wall.push(performance.now() - start);
    cpu.push((d.user + d.system) / 1000);
  }
  return { wall: wall.sort((a, b) => a - b), cpu: cpu.sort((a, b) => a - b) };
}

const median = (xs: number[]) => fmt(xs[Math.floor(xs.length / 2)] ?? 0);
const describe = (t: { wall: number[]; cpu: number[] }) =>
  `median ${median(t.wall)} ms wall (${median(t.cpu)} ms CPU), max ${fmt(t.wall[t.wall.length - 1] ?? 0)} ms`;

export async function benchKafka(): Promise<void> {
  console.log(`\n## kafka — sizing ${TOPICS} topics; hot partitions over ${KEYS} keys (${machine()})`);
  const model = bigUseCase(TOPICS);
  let brokers = 0;
  const sizing = time(() => {
    brokers = sizeUseCase(model).cluster.brokers.value;
  });
  console.log(`sizing ${TOPICS} topics: ${describe(sizing)} (${brokers} brokers)`);
  let maxShare = 0;
  const forecast = time(() => {
    maxShare = forecastHotPartitions({
      topic: "clicks",
      partitions: 48,
      partitionMBps: 10,
      streams: [
        {
          source: "web",
          ingressMBps: 200,
          key: { name: "userId", cardinality: KEYS, distribution: { zipf: 1.1 } },
        },
      ],
    }).maxShare;
  });
  console.log(
    `hot partitions, ${KEYS} Zipf(1.1) keys over 48 partitions: ${describe(forecast)} (maxShare ${fmt(maxShare * 100, 2)}%)`,
  );
}
