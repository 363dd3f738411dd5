import { eq } from "drizzle-orm";
import { workshops } from "../../db/schema/workshops.js";
import { SLACK_FACILITATOR, SLACK_STAKEHOLDER, type TestApp } from "./app.js";
import { castVotes, launchPoll, person, runningWorkshop } from "./polls.js";

/** Markup a hostile participant might type; every page must show it as text. */
export const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

/** What each of the fixture's four sessions must produce (template wording). */
const OUTPUTS = [
  [
    "Captured line items, weighted in terms of relevance",
    "A list of assumptions together with priorities and timeframes",
  ],
  ["Scoring and the qualified recommended solution (and gaps) for production and pre-prod"],
  ["High-level data-flow model"],
  ["Timeline and next steps"],
];

/**
 * A workshop as the report sees it mid-way: the first session done with an overrun, items captured
 * (a decision, a scored risk, an overdue assumption the review validated, a dependency), tracked
 * outputs (one done, one in draft), a closed scorecard with SWOT points, a decision overriding the
 * recommendation with a mitigation that adds a work package, skills and costs, two environments
 * (a line item mapped onto a component), a use case, a plan, feedback and the DORA quick check.
 * Titles carry `HOSTILE` markup. The clock ticks between writes, so every order is the same each run.
 */
export async function reportFixture(t: TestApp) {
  t.clock.set("2026-03-02T09:00:00Z");
  const w = await runningWorkshop(t, { items: 4, outputs: OUTPUTS });
  let tick = 0;
  const later = () => t.clock.set(new Date(Date.parse("2026-03-02T09:01:00Z") + tick++ * 1000).toISOString());
  const asFacilitator = (body: Record<string, unknown>) => ({
    token: w.bot,
    body: { actor: SLACK_FACILITATOR, ...body },
  });
  const must = async (what: string, res: ReturnType<TestApp["request"]>) => {
    const r = await res;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
    return r.json;
  };
  // No rename route: the name is set in place, as a client could have sent it at creation.
  await t.database.db
    .update(workshops)
    .set({ name: `Acme ${HOSTILE}` })
    .where(eq(workshops.id, w.id));
  const capture = async (kind: string, text: string, raid: Record<string, unknown> = {}) => {
    later();
    return must(
      `capture ${kind}`,
      t.request("POST", `/v1/workshops/${w.id}/items`, {
        token: w.bot,
        body: { actor: SLACK_STAKEHOLDER, kind, text, ...raid },
      }),
    );
  };
  await capture("decision", "Adopt Confluent Cloud for production");
  const risk = await capture("risk", `Team lacks Kafka ops skills ${HOSTILE}`, {
    owner: "Ana",
    dueDate: "2026-03-20",
    likelihood: 4,
    impact: 5,
  });
  const assumption = await capture("assumption", "Two AWS regions", { owner: "Ben", dueDate: "2026-02-27" });
  await capture("dependency", "Network team opens VPC peering", {
    owner: "Network team",
    dueDate: "2026-03-13",
  });
  later();
  await must(
    "review",
    t.request("POST", `/v1/items/${assumption.id}/review`, asFacilitator({ outcome: "validate" })),
  );
  const poll = await launchPoll(t, w, { kind: "scorecard" });
  if (poll.status !== 201) throw new Error(poll.text);
  const options: string[] = poll.json.options.map((o: { key: string }) => o.key);
  const factors: string[] = poll.json.factors.map((f: { key: string }) => f.key);
  const values = ["L", "M", "H", "H", "M"];
  for (const [n, who] of [person("U1"), person("U2"), person("U3")].entries()) {
    const votes = options.flatMap((option, i) =>
      factors.map((factor, j) => ({ option, factor, value: values[(i * 7 + j * 3 + n) % 5] })),
    );
    const res = await castVotes(t, w.bot, poll.json.id, who, votes);
    if (res.status !== 200) throw new Error(res.text);
  }
  const closed = await t.request("POST", `/v1/polls/${poll.json.id}/close`, {
    token: w.bot,
    body: { actor: SLACK_FACILITATOR },
  });
  if (closed.status !== 200) throw new Error(closed.text);
  const label = (key: string) =>
    poll.json.options.find((o: { key: string }) => o.key === key).label as string;
  for (const [option, quadrant, text] of [
    [options[0], "strength", "Fully managed"],
    [options[0], "threat", `Egress costs ${HOSTILE}`],
    [options[1], "weakness", "Upgrades lag"],
  ] as const) {
    later();
    await must(
      "swot",
      t.request("POST", `/v1/workshops/${w.id}/swot`, {
        token: w.bot,
        body: { actor: SLACK_STAKEHOLDER, option, quadrant, text },
      }),
    );
  }
  await t.request("POST", `/v1/workshops/${w.id}/feedback`, {
    token: w.bot,
    body: { actor: SLACK_STAKEHOLDER, sessionId: w.sessionId, rating: 4, comment: `Useful ${HOSTILE}` },
  });
  await t.request("POST", `/v1/workshops/${w.id}/dora-survey`, {
    token: await t.tokenFor("facilitator"),
    body: {
      respondent: "slack:T1:U1",
      answers: { deploymentFrequency: "1w-1m", leadTimeForChanges: "1d-1w" },
    },
  });
  const plan = await t.request("PUT", `/v1/workshops/${w.id}/plan`, {
    body: {
      calendar: { start: "2026-03-09", workdays: [1, 2, 3, 4, 5], holidays: [] },
      deadline: "2026-04-30",
      workPackages: [
        { key: "design", title: `Design ${HOSTILE}`, durationDays: 3, owner: "platform team" },
        {
          key: "docs",
          title: "Docs",
          durationDays: 2,
          dependsOn: [{ key: "design", type: "FS", lagDays: 1 }],
        },
        { key: "build", title: "Build the platform", durationDays: 5, dependsOn: ["design"] },
        {
          key: "go-live",
          title: "Go live",
          durationDays: 0,
          dependsOn: ["build", "docs"],
          deadline: "2026-03-27",
        },
      ],
    },
  });
  if (plan.status !== 200 && plan.status !== 201) throw new Error(plan.text);
  // The room overrides the scorecard: it picks the option ranked last in the first view.
  const card = await must("scorecard", t.request("GET", `/v1/workshops/${w.id}/scorecard`));
  const view = card.views[0];
  const viewName: string = view.view ?? "default";
  const recommended: string[] = view.recommended.map((r: { option: string }) => r.option);
  const overriding = [...view.options]
    .sort((a: { score: number }, b: { score: number }) => a.score - b.score)
    .find((o: { option: string }) => !recommended.includes(o.option)).option as string;
  later();
  const decision = await must(
    "decision",
    t.request(
      "PUT",
      `/v1/workshops/${w.id}/decisions/${viewName}`,
      asFacilitator({
        option: overriding,
        rationale: `The team knows it already ${HOSTILE}`,
        conditions: ["Private networking is available in eu-west-1"],
        mitigations: [
          {
            factor: factors[0],
            text: "Train two engineers on Kafka operations",
            workPackage: "ops-training",
          },
        ],
      }),
    ),
  );
  later();
  await must(
    "skills",
    t.request(
      "PUT",
      `/v1/workshops/${w.id}/skills`,
      asFacilitator({
        people: [{ name: "Ana", role: "SRE" }, { name: "Ben" }],
        skills: ["kafka-ops", "schema-design"],
        levels: { Ana: { "kafka-ops": 1, "schema-design": 2 }, Ben: { "kafka-ops": 2 } },
        target: { "kafka-ops": 3, "schema-design": 2 },
      }),
    ),
  );
  later();
  await must(
    "costs",
    t.request(
      "PUT",
      `/v1/workshops/${w.id}/costs`,
      asFacilitator({
        items: [
          { option: options[0], environment: "production", monthly: 4200, currency: "EUR" },
          { option: options[0], environment: "development", monthly: 800.5, currency: "EUR" },
          {
            option: options[1],
            environment: "production",
            monthly: 3100,
            currency: "EUR",
            note: `Reserved ${HOSTILE}`,
          },
        ],
      }),
    ),
  );
  later();
  await must(
    "environments",
    t.request(
      "PUT",
      `/v1/workshops/${w.id}/environments`,
      asFacilitator({
        environments: [
          {
            key: "prod",
            name: "Production",
            tier: "prod",
            availability: "99.95%",
            rpoMinutes: 5,
            rtoMinutes: 60,
            regions: ["eu-west-1", "eu-central-1"],
            components: [
              { key: "brokers", kind: "broker", product: `Kafka ${HOSTILE}`, count: 6 },
              { key: "registry", kind: "schema-registry", product: "Schema Registry", count: 2 },
              { key: "metrics", kind: "monitoring", product: "Prometheus", notes: "Scrapes JMX" },
            ],
          },
          {
            key: "dev",
            name: "Development",
            tier: "dev",
            regions: ["eu-west-1"],
            components: [{ key: "brokers", kind: "broker", product: "Kafka", count: 1 }],
          },
        ],
      }),
    ),
  );
  later();
  await must(
    "components",
    t.request(
      "PUT",
      `/v1/workshops/${w.id}/items/${risk.id}/components`,
      asFacilitator({ components: ["prod.brokers", "prod.metrics"] }),
    ),
  );
  later();
  await must(
    "use case",
    t.request(
      "PUT",
      `/v1/workshops/${w.id}/use-cases/orders`,
      asFacilitator({
        title: `Order events ${HOSTILE}`,
        producers: [
          {
            key: "checkout",
            topic: "orders",
            messagesPerSecond: { avg: 2000, peak: 12000 },
            messageBytes: 1500,
            messageKey: { name: "customerId", cardinality: 1000, distribution: { zipf: 1.1 } },
          },
          {
            key: "payments",
            topic: "payments",
            messagesPerSecond: { avg: 300, peak: 1500 },
            messageBytes: 800,
          },
        ],
        topics: [
          { name: "orders", format: "avro", compatibility: "BACKWARD" },
          { name: "payments", partitions: 6, format: "avro" },
        ],
        consumers: [
          { key: "fulfilment", group: "fulfilment", topic: "orders", messagesPerSecond: 1000 },
          { key: "billing", group: `billing ${HOSTILE}`, topic: "orders" },
          { key: "ledger", group: `billing ${HOSTILE}`, topic: "payments" },
        ],
        failure: { delivery: "exactly-once", rpoSeconds: 0 },
      }),
    ),
  );
  const outputs = (await must("outputs", t.request("GET", `/v1/workshops/${w.id}/outputs`))).outputs;
  later();
  await must(
    "output done",
    t.request("PATCH", `/v1/outputs/${outputs[0].id}`, asFacilitator({ status: "done" })),
  );
  later();
  await must(
    "output draft",
    t.request("PATCH", `/v1/outputs/${outputs[1].id}`, asFacilitator({ status: "draft" })),
  );
  // The first session runs 40 minutes of its 30: a 10-minute overrun.
  t.clock.set("2026-03-02T09:40:00Z");
  await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
    token: w.bot,
    body: { action: "next", actor: SLACK_FACILITATOR },
  });
  t.clock.set("2026-03-02T09:45:00Z");
  return {
    ...w,
    workPackages: ["Design", "Docs", "Build the platform", "Go live", decision.mitigations[0].text as string],
    workPackageKeys: ["design", "docs", "build", "go-live", "ops-training"],
    decision: { view: viewName, option: label(overriding), recommended: recommended.map(label) },
  };
}
