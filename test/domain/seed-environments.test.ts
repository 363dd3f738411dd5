import { describe, expect, it } from "vitest";
import { seedEnvironments, tierOf } from "../../api/domain/kafka/seed-environments.js";

describe("environments seeded from a decision", () => {
  it.each([
    ["confluent-platform-enterprise", "Confluent Platform (enterprise)", "Confluent Server"],
    ["confluent-community", "Confluent Community", "Apache Kafka (Confluent Community)"],
    ["confluent-cloud", "Confluent Cloud", "Confluent Cloud cluster (managed)"],
    ["aws-msk", "AWS MSK", "Amazon MSK (provisioned)"],
    ["apache-kafka-oss-self-managed", "Apache Kafka OSS (self-managed)", "Apache Kafka (self-managed)"],
  ])("knows the template's option %s", (option, optionLabel, brokers) => {
    const [env] = seedEnvironments([{ view: "production", option, optionLabel }]);
    expect(env?.components.find((c) => c.kind === "broker")?.product).toBe(brokers);
    expect(env?.components.every((c) => c.notes?.includes(`"production" (${optionLabel})`))).toBe(true);
  });

  it("reads a view's tier from its name, and names the default view by its tier", () => {
    expect(["production", "Pre-prod", "staging", "UAT", "dev"].map(tierOf)).toEqual([
      "prod",
      "preprod",
      "preprod",
      "test",
      "dev",
    ]);
    const [env] = seedEnvironments([{ view: "default", option: "x", optionLabel: "In-house bus" }]);
    expect(env).toMatchObject({ key: "prod", name: "Production — In-house bus", tier: "prod" });
    // An option it does not know: generic parts named after it.
    expect(env?.components.map((c) => [c.kind, c.product])).toEqual([
      ["broker", "In-house bus"],
      ["monitoring", "To decide"],
    ]);
  });
});
