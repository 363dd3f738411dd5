/** The day-2 data-flow model of one use case: producers → topics → consumer groups. Rates in messages per second. */

export type KeyDistribution = "uniform" | { zipf: number } | { sample: { key: string; weight: number }[] };

export interface KeySpec {
  /** What the key is, in the domain's words ("customerId"). */
  name: string;
  /** How many distinct keys there are. */
  cardinality: number;
  distribution: KeyDistribution;
  /** How the modelled keys are spelled: `{i}` is the key's rank, 1-based. Default `key-{i}`. */
  pattern?: string | undefined;
}

export interface ProducerSpec {
  key: string;
  topic: string;
  messagesPerSecond: { avg: number; peak: number };
  messageBytes: number;
  /**
   * The record key and its distribution. (The contract's sketch calls it `key`, which is already the
   * producer's own name, as for consumers; so it is `messageKey` here.)
   */
  messageKey?: KeySpec | undefined;
}

export const CLEANUP_POLICIES = ["delete", "compact", "compact,delete"] as const;
export type CleanupPolicy = (typeof CLEANUP_POLICIES)[number];
export const FORMATS = ["avro", "protobuf", "json-schema", "json", "string", "bytes"] as const;
export type Format = (typeof FORMATS)[number];
export const COMPATIBILITY_MODES = [
  "BACKWARD",
  "BACKWARD_TRANSITIVE",
  "FORWARD",
  "FORWARD_TRANSITIVE",
  "FULL",
  "FULL_TRANSITIVE",
  "NONE",
] as const;
export type CompatibilityMode = (typeof COMPATIBILITY_MODES)[number];

export interface TopicSpec {
  name: string;
  /** Fixed by the team; otherwise sized by the formula. */
  partitions?: number | undefined;
  replicationFactor: number;
  retentionHours: number;
  cleanupPolicy: CleanupPolicy;
  format?: Format | undefined;
  compatibility?: CompatibilityMode | undefined;
}

export interface ConsumerSpec {
  key: string;
  group: string;
  topic: string;
  /** What one consumer instance can process, messages per second: caps the records per partition. */
  messagesPerSecond?: number | undefined;
  latencyTargetMs?: number | undefined;
}

export const DELIVERY_SEMANTICS = ["at-most-once", "at-least-once", "exactly-once"] as const;
export type Delivery = (typeof DELIVERY_SEMANTICS)[number];

export interface FailureSpec {
  delivery: Delivery;
  rpoSeconds?: number | undefined;
  rtoMinutes?: number | undefined;
  /** The cost of failure in the business's words ("a lost payment is refunded by hand"). */
  cost?: string | undefined;
}

export interface UseCaseModel {
  title: string;
  producers: ProducerSpec[];
  topics: TopicSpec[];
  consumers: ConsumerSpec[];
  failure: FailureSpec;
}

/** A problem with a model that its shape alone does not show (an unknown topic): path and words. */
export interface ModelProblem {
  path: string;
  message: string;
}

/** References between producers, consumers and topics. Empty when the model hangs together. */
export function checkModel(model: UseCaseModel): ModelProblem[] {
  const problems: ModelProblem[] = [];
  const topics = new Set<string>();
  model.topics.forEach((t, i) => {
    if (topics.has(t.name))
      problems.push({ path: `topics.${i}.name`, message: `topic "${t.name}" is listed twice` });
    topics.add(t.name);
  });
  const unique = (list: { key: string }[], what: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.key)) problems.push({ path: `${what}.${i}.key`, message: `"${x.key}" is used twice` });
      seen.add(x.key);
    });
  };
  unique(model.producers, "producers");
  unique(model.consumers, "consumers");
  const known = [...topics].map((t) => `"${t}"`).join(", ") || "none";
  model.producers.forEach((p, i) => {
    if (!topics.has(p.topic))
      problems.push({
        path: `producers.${i}.topic`,
        message: `unknown topic "${p.topic}" (topics: ${known})`,
      });
    if (p.messagesPerSecond.avg > p.messagesPerSecond.peak)
      problems.push({
        path: `producers.${i}.messagesPerSecond.avg`,
        message: "the average exceeds the peak",
      });
    const k = p.messageKey;
    if (k && typeof k.distribution === "object" && "sample" in k.distribution) {
      const total = k.distribution.sample.reduce((s, x) => s + x.weight, 0);
      if (!(total > 0))
        problems.push({
          path: `producers.${i}.messageKey.distribution.sample`,
          message: "the weights must not all be 0",
        });
    }
  });
  model.consumers.forEach((c, i) => {
    if (!topics.has(c.topic))
      problems.push({
        path: `consumers.${i}.topic`,
        message: `unknown topic "${c.topic}" (topics: ${known})`,
      });
  });
  return problems;
}
