import { keyBytes, murmur2, partitionForKey } from "./murmur2.js";
import { fmt, tidy } from "./numbers.js";
import type { KeySpec } from "./types.js";

/**
 * Hot partitions: where Kafka's default partitioner puts each key (murmur2, see murmur2.ts) and so
 * what share of a topic's traffic each partition takes. Keys are modelled from their distribution:
 * uniform and Zipf over `cardinality` keys spelled by `pattern` (default `key-{i}`, i = 1…N, rank i
 * the i-th most frequent), or an explicit sample of keys and weights. Records without a key are
 * spread evenly (the sticky partitioner evens out over batches).
 */

export const DEFAULT_KEY_PATTERN = "key-{i}";

/** One stream of records into the topic: its peak MB/s and, when keyed, how its keys are distributed. */
export interface KeyedStream {
  /** The producer's name, for messages. */
  source: string;
  ingressMBps: number;
  key?: KeySpec | undefined;
}

export interface HotPartitionInput {
  topic: string;
  partitions: number;
  /** What one partition takes, MB/s (the sizing's `producerMBps`). */
  partitionMBps: number;
  streams: KeyedStream[];
}

export interface KeyShare {
  key: string;
  /** Of the topic's traffic, 0–1. */
  share: number;
  MBps: number;
}

export interface HotPartitionForecast {
  topic: string;
  partitions: number;
  /** Each partition's share of the topic's traffic, 0–1, summing to 1. */
  shares: number[];
  idealShare: number;
  maxShare: number;
  /** maxShare / idealShare: 1 is perfectly even. */
  skew: number;
  hottest: { partition: number; share: number; MBps: number; topKeys: KeyShare[] };
  heaviestKey: KeyShare | null;
  /** Partitions no modelled key lands on (while every record is keyed). */
  idlePartitions: number;
  warnings: string[];
  advice: string[];
}

/** The i-th key's name, 1-based. */
export function keyName(pattern: string, i: number): string {
  return pattern.includes("{i}") ? pattern.split("{i}").join(String(i)) : `${pattern}${i}`;
}

/** Zipf(s) weights over ranks 1…n, normalised: weight(i) = i^−s / Σ_{j=1..n} j^−s. */
export function zipfWeights(n: number, s: number): Float64Array {
  const w = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const x = (i + 1) ** -s;
    w[i] = x;
    total += x;
  }
  for (let i = 0; i < n; i++) w[i] = (w[i] as number) / total;
  return w;
}

interface Placement {
  count: number;
  name(i: number): string;
  weight(i: number): number;
  /** The i-th key's partition. */
  partition(i: number, partitions: number): number;
}

/**
 * Partitions of `prefix + rank + suffix` keys without building a string per key: the bytes are
 * written into one buffer (the decimal digits of the rank between the encoded prefix and suffix) and
 * hashed in place. A million keys is then a million hashes, not a million strings.
 */
function patternPartitioner(prefix: string, suffix: string) {
  const pre = keyBytes(prefix);
  const suf = keyBytes(suffix);
  const buf = new Uint8Array(pre.length + 20 + suf.length);
  buf.set(pre, 0);
  const digits = new Uint8Array(20);
  return (rank: number, partitions: number) => {
    let n = rank;
    let d = 0;
    do {
      digits[d++] = 48 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
    let at = pre.length;
    while (d > 0) buf[at++] = digits[--d] as number;
    buf.set(suf, at);
    return (murmur2(buf, at + suf.length) & 0x7fffffff) % partitions;
  };
}

function placementOf(spec: KeySpec): Placement {
  const d = spec.distribution;
  if (typeof d === "object" && "sample" in d) {
    const total = d.sample.reduce((s, x) => s + x.weight, 0);
    return {
      count: d.sample.length,
      name: (i) => (d.sample[i] as { key: string }).key,
      weight: (i) => (d.sample[i] as { weight: number }).weight / total,
      partition: (i, partitions) => partitionForKey((d.sample[i] as { key: string }).key, partitions),
    };
  }
  const n = spec.cardinality;
  const pattern = spec.pattern ?? DEFAULT_KEY_PATTERN;
  const [prefix, ...rest] = pattern.includes("{i}") ? pattern.split("{i}") : [pattern, ""];
  const simple = rest.length === 1;
  const name = simple ? (i: number) => `${prefix}${i + 1}${rest[0]}` : (i: number) => keyName(pattern, i + 1);
  const fast = simple ? patternPartitioner(prefix ?? "", rest[0] ?? "") : null;
  const partition = fast
    ? (i: number, partitions: number) => fast(i + 1, partitions)
    : (i: number, partitions: number) => partitionForKey(name(i), partitions);
  if (d === "uniform") return { count: n, name, weight: () => 1 / n, partition };
  const w = zipfWeights(n, d.zipf);
  return { count: n, name, weight: (i) => w[i] as number, partition };
}

const pct = (x: number) => `${fmt(x * 100)}%`;

/** Every partition's share of the topic, the hottest partition and key, and what to do about them. */
export function forecastHotPartitions(input: HotPartitionInput): HotPartitionForecast {
  const { partitions, partitionMBps, topic } = input;
  const totalMBps = input.streams.reduce((s, x) => s + x.ingressMBps, 0);
  const shares = new Float64Array(partitions);
  const fractionOf = (s: KeyedStream) =>
    totalMBps > 0 ? s.ingressMBps / totalMBps : 1 / Math.max(1, input.streams.length);
  // Where each stream's keys went, kept to find the hottest partition's heaviest keys afterwards.
  const placed: { placement: Placement; fraction: number; partitionOf: Int32Array }[] = [];
  let heaviest: { placement: Placement; i: number } | null = null;
  let heaviestShare = 0;
  let keyed = 0;
  for (const stream of input.streams) {
    const fraction = fractionOf(stream);
    if (!stream.key) {
      for (let p = 0; p < partitions; p++) shares[p] = (shares[p] as number) + fraction / partitions;
      continue;
    }
    keyed++;
    const placement = placementOf(stream.key);
    const partitionOf = new Int32Array(placement.count);
    for (let i = 0; i < placement.count; i++) {
      const p = placement.partition(i, partitions);
      partitionOf[i] = p;
      const share = placement.weight(i) * fraction;
      shares[p] = (shares[p] as number) + share;
      if (share > heaviestShare) {
        heaviestShare = share;
        heaviest = { placement, i };
      }
    }
    placed.push({ placement, fraction, partitionOf });
  }

  let hot = 0;
  for (let p = 1; p < partitions; p++) if ((shares[p] as number) > (shares[hot] as number)) hot = p;
  const maxShare = shares[hot] as number;
  const top: { key: string; share: number }[] = [];
  for (const { placement, fraction, partitionOf } of placed) {
    for (let i = 0; i < placement.count; i++) {
      if (partitionOf[i] !== hot) continue;
      const share = placement.weight(i) * fraction;
      if (top.length < 5 || share > (top[top.length - 1] as { share: number }).share) {
        top.push({ key: placement.name(i), share });
        top.sort((a, b) => b.share - a.share);
        if (top.length > 5) top.pop();
      }
    }
  }
  const heaviestKey = heaviest ? { key: heaviest.placement.name(heaviest.i), share: heaviestShare } : null;
  const asKeyShare = (k: { key: string; share: number }): KeyShare => ({
    key: k.key,
    share: tidy(k.share),
    MBps: tidy(k.share * totalMBps),
  });
  const idle = keyed === input.streams.length && keyed > 0 ? shares.filter((s) => s === 0).length : 0;
  const idealShare = 1 / partitions;
  const hotMBps = maxShare * totalMBps;

  const warnings: string[] = [];
  const advice: string[] = [];
  const keyAlone = heaviestKey && heaviestKey.share * totalMBps > partitionMBps ? heaviestKey : null;
  if (hotMBps > partitionMBps) {
    warnings.push(
      `${topic}: partition ${hot} would take ${fmt(hotMBps)} MB/s at peak (${pct(maxShare)} of the topic), ` +
        `more than the ${fmt(partitionMBps)} MB/s one partition takes (producerMBps).`,
    );
  }
  if (keyAlone) {
    warnings.push(
      `${topic}: key "${keyAlone.key}" alone would send ${fmt(keyAlone.share * totalMBps)} MB/s at peak, ` +
        `more than one partition takes (${fmt(partitionMBps)} MB/s).`,
    );
    advice.push(
      `More partitions cannot help ${topic}: Kafka puts every record of a key in the same partition, so ` +
        `"${keyAlone.key}" stays in one whatever the count. Split the key (add a bucket suffix, e.g. ` +
        `"${keyAlone.key}#0…#3", where order across buckets may be given up), aggregate or batch it before ` +
        `producing, or give it a topic of its own.`,
    );
  } else if (hotMBps > partitionMBps || maxShare > 2 * idealShare) {
    const [first, second] = top;
    if (first && second && second.share * totalMBps > partitionMBps / 4 && first.share > idealShare / 2) {
      advice.push(
        `Partition ${hot} of ${topic} holds "${first.key}" (${pct(first.share)}) and "${second.key}" ` +
          `(${pct(second.share)}) together: their hashes collide modulo ${partitions}. Another partition count ` +
          `separates them (check with POST /v1/kafka/partitions), but a change of count moves keys, ` +
          `which breaks per-key order while it happens.`,
      );
    } else {
      advice.push(
        `${topic} is skewed (${fmt(maxShare / idealShare)}× the even share on partition ${hot}); more ` +
          `partitions spread many keys further, as no single key is too heavy for one partition.`,
      );
    }
  }
  if (idle > 0) {
    advice.push(
      `${idle} of ${partitions} partitions of ${topic} get no modelled key: with fewer distinct keys than ` +
        `partitions, consumers beyond the busy partitions stay idle.`,
    );
  }
  return {
    topic,
    partitions,
    shares: Array.from(shares, (s) => tidy(s, 9)),
    idealShare: tidy(idealShare, 9),
    maxShare: tidy(maxShare, 9),
    skew: tidy(maxShare / idealShare, 3),
    hottest: { partition: hot, share: tidy(maxShare), MBps: tidy(hotMBps), topKeys: top.map(asKeyShare) },
    heaviestKey: heaviestKey ? asKeyShare(heaviestKey) : null,
    idlePartitions: idle,
    warnings,
    advice,
  };
}
