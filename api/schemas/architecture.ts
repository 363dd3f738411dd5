import { z } from "@hono/zod-openapi";
import { COMPONENT_KINDS, ENVIRONMENT_TIERS } from "../domain/kafka/environment-types.js";
import { DEFAULT_ASSUMPTIONS } from "../domain/kafka/sizing.js";
import { CLEANUP_POLICIES, COMPATIBILITY_MODES, DELIVERY_SEMANTICS, FORMATS } from "../domain/kafka/types.js";
import { Actor } from "./agenda.js";

/** Keys name things in URLs and references: letters, digits, `-` and `_` (a dot joins environment.component). */
export const ArchKey = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, {
    message: "1–64 letters, digits, - or _, starting with a letter or digit",
  })
  .openapi({ example: "prod" });

const Name = z.string().trim().min(1).max(200);
const Notes = z.string().trim().min(1).max(2000);

export const Component = z
  .strictObject({
    key: ArchKey,
    kind: z.enum(COMPONENT_KINDS),
    product: Name.openapi({ example: "Confluent Platform 7.7" }),
    count: z.number().int().min(0).max(10_000).optional(),
    notes: Notes.optional(),
  })
  .openapi("Component");

export const Environment = z
  .strictObject({
    key: ArchKey,
    name: Name.openapi({ example: "Production" }),
    tier: z.enum(ENVIRONMENT_TIERS),
    availability: z.string().trim().min(1).max(100).optional().openapi({ example: "99.95%" }),
    rpoMinutes: z.number().min(0).max(525_600).optional(),
    rtoMinutes: z.number().min(0).max(525_600).optional(),
    regions: z.array(z.string().trim().min(1).max(100)).max(50).default([]),
    components: z.array(Component).max(200).default([]),
  })
  .openapi("Environment");
export type Environment = z.infer<typeof Environment>;

export const PutEnvironments = z
  .strictObject({
    environments: z.array(Environment).max(20),
    actor: Actor.optional().openapi({
      description: "Required for bot tokens: a facilitator of the workshop",
    }),
  })
  .openapi("PutEnvironments");
export type PutEnvironments = z.infer<typeof PutEnvironments>;

export const ItemLink = z
  .object({
    itemId: z.uuid(),
    kind: z.string(),
    text: z.string(),
    components: z
      .array(z.string())
      .openapi({ description: "As linked: `environment.component` or `component`" }),
    matches: z.array(z.string()).openapi({
      description: "The components they name today, as `environment.component`; empty if none is left",
    }),
  })
  .openapi("ItemLink");

export const Environments = z
  .object({
    workshopId: z.uuid(),
    environments: z.array(Environment),
    itemLinks: z.array(ItemLink).openapi({ description: "Line items mapped onto components" }),
  })
  .openapi("Environments");
export type Environments = z.infer<typeof Environments>;

export const PutItemComponents = z
  .strictObject({
    components: z
      .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}(\.[A-Za-z0-9][A-Za-z0-9_-]{0,63})?$/))
      .max(50)
      .openapi({
        description: "`environment.component` (`prod.brokers`) or a component key in every environment",
      }),
    actor: Actor.optional().openapi({
      description: "Required for bot tokens: a facilitator of the workshop",
    }),
  })
  .openapi("PutItemComponents");
export type PutItemComponents = z.infer<typeof PutItemComponents>;

const Rate = z.number().min(0).max(1e9);

export const KeyDistribution = z
  .union([
    z.literal("uniform"),
    z.strictObject({ zipf: z.number().min(0).max(10) }).openapi({ description: "Zipf with exponent s" }),
    z.strictObject({
      sample: z
        .array(z.strictObject({ key: z.string().max(1000), weight: z.number().min(0) }))
        .min(1)
        .max(100_000),
    }),
  ])
  .openapi("KeyDistribution");

export const MessageKey = z
  .strictObject({
    name: Name.openapi({ example: "customerId" }),
    cardinality: z.number().int().min(1).max(2_000_000),
    distribution: KeyDistribution,
    pattern: z.string().min(1).max(200).optional().openapi({
      description: "How modelled keys are spelled, `{i}` the rank (1 = most frequent). Default `key-{i}`",
    }),
  })
  .openapi("MessageKey");

export const Producer = z
  .strictObject({
    key: ArchKey.openapi({ example: "checkout" }),
    topic: Name,
    messagesPerSecond: z.strictObject({ avg: Rate, peak: Rate }),
    messageBytes: z.number().min(1).max(100_000_000),
    messageKey: MessageKey.optional().openapi({
      description: "The record key and its distribution (what the hot-partition forecast hashes)",
    }),
  })
  .openapi("Producer");

export const Topic = z
  .strictObject({
    name: Name.openapi({ example: "orders" }),
    partitions: z.number().int().min(1).max(100_000).optional(),
    replicationFactor: z.number().int().min(1).max(10).default(3),
    retentionHours: z.number().min(0).max(1_000_000).default(168),
    cleanupPolicy: z.enum(CLEANUP_POLICIES).default("delete"),
    format: z.enum(FORMATS).optional(),
    compatibility: z.enum(COMPATIBILITY_MODES).optional(),
  })
  .openapi("Topic");

export const Consumer = z
  .strictObject({
    key: ArchKey,
    group: Name,
    topic: Name,
    messagesPerSecond: z.number().positive().max(1e9).optional().openapi({
      description:
        "What one consumer instance processes; one consumer per partition at most, so it sets a partition floor",
    }),
    latencyTargetMs: z.number().min(0).max(86_400_000).optional(),
  })
  .openapi("Consumer");

export const Failure = z
  .strictObject({
    delivery: z.enum(DELIVERY_SEMANTICS),
    rpoSeconds: z.number().min(0).optional(),
    rtoMinutes: z.number().min(0).optional(),
    cost: Notes.optional().openapi({ description: "The cost of failure, in the business's words" }),
  })
  .openapi("Failure");

export const PutUseCase = z
  .strictObject({
    title: Name,
    producers: z.array(Producer).max(200),
    topics: z.array(Topic).min(1).max(1000),
    consumers: z.array(Consumer).max(500).default([]),
    failure: Failure,
    actor: Actor.optional().openapi({
      description: "Required for bot tokens: a facilitator of the workshop",
    }),
  })
  .openapi("PutUseCase");
export type PutUseCase = z.infer<typeof PutUseCase>;

export const UseCase = z
  .object({
    workshopId: z.uuid(),
    key: z.string(),
    title: z.string(),
    producers: z.array(Producer),
    topics: z.array(Topic),
    consumers: z.array(Consumer),
    failure: Failure,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("UseCase");
export type UseCase = z.infer<typeof UseCase>;

export const UseCaseList = z
  .object({ useCases: z.array(UseCase.pick({ key: true, title: true, updatedAt: true })) })
  .openapi("UseCaseList");

const assumption = (name: keyof typeof DEFAULT_ASSUMPTIONS, description: string, max = 1e9) =>
  z.coerce
    .number()
    .positive()
    .max(max)
    .optional()
    .openapi({
      param: { name, in: "query" },
      description: `${description} Default ${DEFAULT_ASSUMPTIONS[name]}.`,
    });

export const SizingQuery = z.object({
  producerMBps: assumption("producerMBps", "MB/s one partition takes from producers."),
  consumerMBps: assumption("consumerMBps", "MB/s one partition gives one consumer."),
  brokerDiskGB: assumption("brokerDiskGB", "Usable disk per broker, GB."),
  brokerNetworkMBps: assumption("brokerNetworkMBps", "Network per broker, MB/s."),
  utilisation: assumption("utilisation", "Share of disk and network a broker may use, 0–1.", 1),
  maxPartitionsPerBroker: assumption("maxPartitionsPerBroker", "Partition replicas per broker."),
});

const TermSchema = z.object({ term: z.string(), value: z.number(), formula: z.string() });
const FigureSchema = z
  .object({ value: z.number(), decidedBy: z.string(), terms: z.array(TermSchema) })
  .openapi("SizingFigure");
const KeyShare = z.object({ key: z.string(), share: z.number(), MBps: z.number() });

export const HotPartitions = z
  .object({
    topic: z.string(),
    partitions: z.number().int(),
    shares: z.array(z.number()),
    idealShare: z.number(),
    maxShare: z.number(),
    skew: z.number(),
    hottest: z.object({
      partition: z.number().int(),
      share: z.number(),
      MBps: z.number(),
      topKeys: z.array(KeyShare),
    }),
    heaviestKey: KeyShare.nullable(),
    idlePartitions: z.number().int(),
    warnings: z.array(z.string()),
    advice: z.array(z.string()),
  })
  .openapi("HotPartitions");

export const Sizing = z
  .object({
    useCase: z.string(),
    assumptions: z.object({
      producerMBps: z.number(),
      consumerMBps: z.number(),
      brokerDiskGB: z.number(),
      brokerNetworkMBps: z.number(),
      utilisation: z.number(),
      maxPartitionsPerBroker: z.number(),
    }),
    overridden: z.array(z.string()),
    topics: z.array(
      z.object({
        name: z.string(),
        peakMessagesPerSecond: z.number(),
        avgMessagesPerSecond: z.number(),
        ingressMBps: z.number(),
        avgIngressMBps: z.number(),
        consumerGroups: z.array(z.string()),
        replicationFactor: z.number(),
        retentionHours: z.number(),
        partitions: FigureSchema,
        storageGB: FigureSchema,
        networkInMBps: FigureSchema,
        networkOutMBps: FigureSchema,
      }),
    ),
    cluster: z.object({
      storageGB: z.number(),
      networkMBps: z.number(),
      partitionReplicas: z.number(),
      brokers: FigureSchema,
    }),
    hotPartitions: z.array(HotPartitions),
    clientSettings: z.array(
      z.object({
        scope: z.enum(["producer", "consumer", "topic"]),
        name: z.string(),
        value: z.string(),
        why: z.string(),
      }),
    ),
    warnings: z.array(z.string()),
  })
  .openapi("Sizing");
export type Sizing = z.infer<typeof Sizing>;

export const PartitionsRequest = z
  .strictObject({
    partitions: z.number().int().min(1).max(100_000),
    keys: z.array(z.string().max(10_000)).max(100_000),
  })
  .openapi("PartitionsRequest");

export const PartitionsAnswer = z
  .object({
    partitions: z.array(z.number().int()).openapi({ description: "The partition of each key, in order" }),
  })
  .openapi("PartitionsAnswer");

export const CompatibilityRequest = z
  .strictObject({
    format: z.literal("avro"),
    mode: z.enum(COMPATIBILITY_MODES),
    schema: z.unknown().openapi({ description: "The new Avro schema (JSON)" }),
    previous: z.array(z.unknown()).max(100).openapi({ description: "Previous versions, oldest first" }),
  })
  .openapi("CompatibilityRequest");

export const CompatibilityAnswer = z
  .object({ compatible: z.boolean(), messages: z.array(z.string()) })
  .openapi("CompatibilityAnswer");

export const ArchitectureFormat = z
  .enum(["json", "mermaid"])
  .default("json")
  .openapi({ param: { name: "format", in: "query" } });
