import type { ComponentSpec, EnvironmentSpec, EnvironmentTier } from "./environment-types.js";

/**
 * The strawman environments a decision implies, pure: when a scorecard view's option is decided and
 * the workshop has no environments yet, each decided view becomes an environment whose components are
 * the chosen platform's usual parts (brokers, controllers, schema registry, Connect, monitoring),
 * named by product. The room then corrects it with `PUT …/environments`; nothing is seeded over
 * environments someone has written.
 *
 * Which platform an option is, is read from its key and label (the template's five options and the
 * usual spellings); an option not recognised gets generic components named after the option.
 * A view's tier: `preprod` when its name says pre-prod or staging, `test`/`dev` when it says so, else
 * `prod`.
 */
export interface DecidedOption {
  view: string;
  option: string;
  optionLabel: string;
}

type Platform = "confluent-cloud" | "confluent-platform" | "confluent-community" | "msk" | "apache-kafka";

/** Each platform's parts, in the order a diagram reads them. */
const PARTS: Record<Platform, ComponentSpec[]> = {
  "confluent-cloud": [
    { key: "brokers", kind: "broker", product: "Confluent Cloud cluster (managed)" },
    { key: "schema-registry", kind: "schema-registry", product: "Confluent Cloud Schema Registry (managed)" },
    { key: "connect", kind: "connect", product: "Confluent Cloud managed connectors" },
    { key: "monitoring", kind: "monitoring", product: "Confluent Cloud Metrics API" },
  ],
  "confluent-platform": [
    { key: "brokers", kind: "broker", product: "Confluent Server", count: 3 },
    { key: "controllers", kind: "controller", product: "KRaft controllers", count: 3 },
    { key: "schema-registry", kind: "schema-registry", product: "Confluent Schema Registry", count: 2 },
    { key: "connect", kind: "connect", product: "Kafka Connect (Confluent Platform)", count: 2 },
    { key: "monitoring", kind: "monitoring", product: "Confluent Control Center" },
  ],
  "confluent-community": [
    { key: "brokers", kind: "broker", product: "Apache Kafka (Confluent Community)", count: 3 },
    { key: "controllers", kind: "controller", product: "KRaft controllers", count: 3 },
    {
      key: "schema-registry",
      kind: "schema-registry",
      product: "Confluent Schema Registry (Community)",
      count: 2,
    },
    { key: "connect", kind: "connect", product: "Kafka Connect", count: 2 },
    { key: "monitoring", kind: "monitoring", product: "Prometheus and Grafana (JMX exporter)" },
  ],
  msk: [
    { key: "brokers", kind: "broker", product: "Amazon MSK (provisioned)", count: 3 },
    { key: "schema-registry", kind: "schema-registry", product: "AWS Glue Schema Registry" },
    { key: "connect", kind: "connect", product: "Amazon MSK Connect" },
    { key: "monitoring", kind: "monitoring", product: "Amazon CloudWatch (MSK metrics)" },
  ],
  "apache-kafka": [
    { key: "brokers", kind: "broker", product: "Apache Kafka (self-managed)", count: 3 },
    { key: "controllers", kind: "controller", product: "KRaft controllers", count: 3 },
    { key: "schema-registry", kind: "schema-registry", product: "A schema registry (to choose)" },
    { key: "connect", kind: "connect", product: "Kafka Connect", count: 2 },
    { key: "monitoring", kind: "monitoring", product: "Prometheus and Grafana (JMX exporter)" },
  ],
};

function platformOf(option: string, label: string): Platform | null {
  const words = `${option} ${label}`.toLowerCase();
  if (/\bmsk\b|amazon managed streaming/.test(words)) return "msk";
  if (/confluent/.test(words) && /cloud/.test(words)) return "confluent-cloud";
  if (/confluent/.test(words) && /community/.test(words)) return "confluent-community";
  if (/confluent/.test(words)) return "confluent-platform";
  if (/apache|\boss\b|self-managed|open source/.test(words)) return "apache-kafka";
  return null;
}

export function tierOf(view: string): EnvironmentTier {
  const v = view.toLowerCase();
  if (/pre-?prod|staging|stage/.test(v)) return "preprod";
  if (/\btest|\bqa\b|\buat\b/.test(v)) return "test";
  if (/\bdev/.test(v)) return "dev";
  return "prod";
}

/** A key from a view's name: "Pre-prod" → "pre-prod"; "default" becomes the tier's name. */
function keyOf(view: string, tier: EnvironmentTier): string {
  if (view === "default") return tier;
  const key = view
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);
  return /^[a-z0-9]/.test(key) ? key : tier;
}

const TIER_NAMES: Record<EnvironmentTier, string> = {
  dev: "Development",
  test: "Test",
  preprod: "Pre-production",
  prod: "Production",
};

export function seedEnvironments(decided: readonly DecidedOption[]): EnvironmentSpec[] {
  const out: EnvironmentSpec[] = [];
  for (const d of decided) {
    const tier = tierOf(d.view);
    let key = keyOf(d.view, tier);
    while (out.some((e) => e.key === key)) key = `${key}-2`.slice(-64);
    const platform = platformOf(d.option, d.optionLabel);
    const components = platform
      ? PARTS[platform].map((c) => ({ ...c }))
      : [
          { key: "brokers", kind: "broker" as const, product: d.optionLabel },
          { key: "monitoring", kind: "monitoring" as const, product: "To decide" },
        ];
    out.push({
      key,
      name: `${d.view === "default" ? TIER_NAMES[tier] : d.view} — ${d.optionLabel}`.slice(0, 200),
      tier,
      regions: [],
      components: components.map((c) => ({
        ...c,
        notes: `Seeded from the decision for "${d.view}" (${d.optionLabel}); correct it with PUT …/environments.`,
      })),
    });
  }
  return out;
}
