import { type ClientSetting, clientSettings } from "./client-settings.js";
import { forecastHotPartitions, type HotPartitionForecast } from "./hot-partitions.js";
import { ceilExact, fmt, tidy } from "./numbers.js";
import type { UseCaseModel } from "./types.js";

/**
 * Kafka sizing by fixed formulas, so every figure can be checked by hand. MB = 10^6 bytes, GB = 10^3 MB.
 * Rates are at peak unless named `avg…`; storage uses the average rate, as retention fills at it.
 */

export interface SizingAssumptions {
  /** MB/s one partition takes from producers. */
  producerMBps: number;
  /** MB/s one partition gives to one consumer. */
  consumerMBps: number;
  brokerDiskGB: number;
  brokerNetworkMBps: number;
  /** The share of disk and network a broker may use in the steady state, 0–1. */
  utilisation: number;
  maxPartitionsPerBroker: number;
}

export const DEFAULT_ASSUMPTIONS: SizingAssumptions = {
  producerMBps: 10,
  consumerMBps: 20,
  brokerDiskGB: 4000,
  brokerNetworkMBps: 300,
  utilisation: 0.6,
  maxPartitionsPerBroker: 4000,
};

/** One candidate value of a figure and how it was computed, numbers substituted. */
export interface Term {
  term: string;
  value: number;
  formula: string;
}

/** A sized figure: its value, the term that decided it, and every term considered. */
export interface Figure {
  value: number;
  decidedBy: string;
  terms: Term[];
}

export interface TopicSizing {
  name: string;
  peakMessagesPerSecond: number;
  avgMessagesPerSecond: number;
  ingressMBps: number;
  avgIngressMBps: number;
  consumerGroups: string[];
  replicationFactor: number;
  retentionHours: number;
  partitions: Figure;
  storageGB: Figure;
  networkInMBps: Figure;
  networkOutMBps: Figure;
}

export interface Sizing {
  assumptions: SizingAssumptions;
  /** The assumptions this request changed from the defaults. */
  overridden: (keyof SizingAssumptions)[];
  topics: TopicSizing[];
  cluster: {
    storageGB: number;
    networkMBps: number;
    partitionReplicas: number;
    brokers: Figure;
  };
  hotPartitions: HotPartitionForecast[];
  clientSettings: ClientSetting[];
  warnings: string[];
}

/** The largest term decides; on a tie, the first listed. */
function decide(terms: Term[]): Figure {
  let best = terms[0] as Term;
  for (const t of terms) if (t.value > best.value) best = t;
  return { value: best.value, decidedBy: best.term, terms };
}

function single(term: string, value: number, formula: string): Figure {
  const v = tidy(value);
  return { value: v, decidedBy: term, terms: [{ term, value: v, formula }] };
}

/** Sizes every topic of the use case and the cluster they need, with the hot-partition forecast. */
export function sizeUseCase(model: UseCaseModel, overrides: Partial<SizingAssumptions> = {}): Sizing {
  const a: SizingAssumptions = { ...DEFAULT_ASSUMPTIONS };
  const overridden: (keyof SizingAssumptions)[] = [];
  for (const k of Object.keys(DEFAULT_ASSUMPTIONS) as (keyof SizingAssumptions)[]) {
    const v = overrides[k];
    if (v !== undefined) {
      a[k] = v;
      if (v !== DEFAULT_ASSUMPTIONS[k]) overridden.push(k);
    }
  }

  const topics: TopicSizing[] = [];
  const hotPartitions: HotPartitionForecast[] = [];
  const producersOf = groupBy(model.producers, (p) => p.topic);
  const consumersOf = groupBy(model.consumers, (c) => c.topic);
  for (const topic of model.topics) {
    const producers = producersOf.get(topic.name) ?? [];
    const consumers = consumersOf.get(topic.name) ?? [];
    const peak = producers.reduce((s, p) => s + p.messagesPerSecond.peak, 0);
    const avg = producers.reduce((s, p) => s + p.messagesPerSecond.avg, 0);
    const ingress = producers.reduce((s, p) => s + (p.messagesPerSecond.peak * p.messageBytes) / 1e6, 0);
    const avgIngress = producers.reduce((s, p) => s + (p.messagesPerSecond.avg * p.messageBytes) / 1e6, 0);
    const groups = [...new Set(consumers.map((c) => c.group))];
    const rf = topic.replicationFactor;

    const terms: Term[] = [
      {
        term: "producer throughput",
        value: ceilExact(ingress / a.producerMBps),
        formula: `ceil(${fmt(ingress)} MB/s / ${fmt(a.producerMBps)} MB/s per partition)`,
      },
      {
        term: "consumer throughput",
        value: ceilExact(ingress / a.consumerMBps),
        formula: `ceil(${fmt(ingress)} MB/s / ${fmt(a.consumerMBps)} MB/s per partition)`,
      },
      ...consumers
        .filter((c) => c.messagesPerSecond !== undefined && c.messagesPerSecond > 0)
        .map((c) => ({
          term: `consumer ${c.key} rate`,
          value: ceilExact(peak / (c.messagesPerSecond as number)),
          formula: `ceil(${fmt(peak)} msg/s / ${fmt(c.messagesPerSecond as number)} msg/s per consumer)`,
        })),
      { term: "minimum", value: 1, formula: "1" },
    ];
    const sized = decide(terms);
    const partitions: Figure =
      topic.partitions !== undefined
        ? {
            value: topic.partitions,
            decidedBy: "given by the topic",
            terms: [
              { term: "given by the topic", value: topic.partitions, formula: String(topic.partitions) },
              ...terms,
            ],
          }
        : sized;

    topics.push({
      name: topic.name,
      peakMessagesPerSecond: tidy(peak),
      avgMessagesPerSecond: tidy(avg),
      ingressMBps: tidy(ingress),
      avgIngressMBps: tidy(avgIngress),
      consumerGroups: groups,
      replicationFactor: rf,
      retentionHours: topic.retentionHours,
      partitions,
      storageGB: single(
        "retention",
        (avgIngress * topic.retentionHours * 3600 * rf) / 1000,
        `${fmt(avgIngress)} MB/s × ${fmt(topic.retentionHours)} h × 3600 s/h × ${rf} replicas / 1000 MB/GB`,
      ),
      networkInMBps: single("replication", ingress * rf, `${fmt(ingress)} MB/s × ${rf} replicas`),
      networkOutMBps: single(
        "consumers and followers",
        ingress * (groups.length + rf - 1),
        `${fmt(ingress)} MB/s × (${groups.length} consumer groups + ${rf} replicas − 1)`,
      ),
    });
    if (producers.some((p) => p.messageKey)) {
      hotPartitions.push(
        forecastHotPartitions({
          topic: topic.name,
          partitions: partitions.value,
          partitionMBps: a.producerMBps,
          streams: producers.map((p) => ({
            source: p.key,
            ingressMBps: (p.messagesPerSecond.peak * p.messageBytes) / 1e6,
            key: p.messageKey,
          })),
        }),
      );
    }
  }

  const storage = topics.reduce((s, t) => s + t.storageGB.value, 0);
  const network = topics.reduce((s, t) => s + t.networkInMBps.value + t.networkOutMBps.value, 0);
  const replicas = topics.reduce((s, t) => s + t.partitions.value * t.replicationFactor, 0);
  const largestRf = Math.max(0, ...topics.map((t) => t.replicationFactor));
  const brokers = decide([
    { term: "minimum for a quorum", value: 3, formula: "3" },
    { term: "largest replication factor", value: largestRf, formula: `${largestRf}` },
    {
      term: "storage",
      value: ceilExact(storage / (a.brokerDiskGB * a.utilisation)),
      formula: `ceil(${fmt(storage)} GB / (${fmt(a.brokerDiskGB)} GB × ${fmt(a.utilisation)}))`,
    },
    {
      term: "network",
      value: ceilExact(network / (a.brokerNetworkMBps * a.utilisation)),
      formula: `ceil(${fmt(network)} MB/s / (${fmt(a.brokerNetworkMBps)} MB/s × ${fmt(a.utilisation)}))`,
    },
    {
      term: "partition replicas",
      value: ceilExact(replicas / a.maxPartitionsPerBroker),
      formula: `ceil(${replicas} partition replicas / ${fmt(a.maxPartitionsPerBroker)} per broker)`,
    },
  ]);

  const warnings = hotPartitions.flatMap((h) => h.warnings);
  for (const t of topics) {
    const given = t.partitions.decidedBy === "given by the topic" ? t.partitions.value : undefined;
    if (given !== undefined && given < (sized(t) ?? 0)) {
      warnings.push(
        `${t.name}: ${given} partitions are fewer than the ${sized(t)} its throughput needs (${
          t.partitions.terms.slice(1).reduce((b, x) => (x.value > b.value ? x : b)).term
        }).`,
      );
    }
  }
  return {
    assumptions: a,
    overridden,
    topics,
    cluster: {
      storageGB: tidy(storage),
      networkMBps: tidy(network),
      partitionReplicas: replicas,
      brokers,
    },
    hotPartitions,
    clientSettings: clientSettings(model),
    warnings,
  };
}

/** What the formula alone would give a topic whose partitions were fixed. */
function sized(t: TopicSizing): number | undefined {
  if (t.partitions.decidedBy !== "given by the topic") return undefined;
  return Math.max(...t.partitions.terms.slice(1).map((x) => x.value));
}

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}
