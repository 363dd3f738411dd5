import { createApp } from "../api/app.js";
import { createLogger } from "../api/logger.js";
import { bootstrapAdmin } from "../api/services/bootstrap-admin.js";
import { lineItems } from "../db/schema/line-items.js";
import { votes } from "../db/schema/votes.js";
import type { Database } from "../db/types.js";
import { fmt, machine, onEachDatabase, percentile, seededRandom } from "./lib.js";
import { randomPlan } from "./plan.js";

/**
 * The full report of a two-day workshop (the default template: 15 agenda items and its 13 outputs) with
 * 200 line items (the risks scored, every item with an owner and a due date), a closed 5 × 7 scorecard
 * voted by 12 people with SWOT points, a decision per view, skills and costs, three environments, two
 * use cases (one keyed by 100,000 Zipf-distributed customers), and a plan of 500 work packages (1,000 links):
 * `GET …/report` as HTML and PDF, and one web page (`/w/<secret>/roadmap`, the largest), through
 * `app.request` (no socket), on PGlite and PostgreSQL. Targets: HTML < 300 ms, PDF < 3 s, a page < 100 ms.
 */
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 10);

async function seed(database: Database) {
  await database.migrate();
  const now = () => new Date("2026-03-02T12:00:00Z");
  const app = createApp({ database, logger: createLogger("silent"), now });
  const boot = await bootstrapAdmin(database, undefined, now());
  if (boot.kind !== "generated") throw new Error("expected a fresh database");
  const auth = { Authorization: `Bearer ${boot.token}`, "Content-Type": "application/json" };
  const post = async (path: string, body: unknown, method = "POST") => {
    const res = await app.request(path, { method, headers: auth, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    // biome-ignore lint/suspicious/noExplicitAny: bench answers are read field by field
    return (await res.json()) as any;
  };
  const w = await post("/v1/workshops", {
    name: "Bench workshop",
    timezone: "Europe/London",
    startDate: "2026-03-02",
  });
  const rnd = seededRandom(7);
  const kinds = ["requirement", "assumption", "risk", "decision", "gap"] as const;
  await database.db.insert(lineItems).values(
    Array.from({ length: 200 }, (_, i) => ({
      workshopId: w.id,
      kind: kinds[i % kinds.length] ?? "requirement",
      text: `Line item ${i}: ${"lorem ipsum ".repeat(1 + Math.floor(rnd() * 6))}`,
      owner: `Owner ${i % 7}`,
      dueDate: `2026-0${3 + (i % 4)}-${String(1 + (i % 28)).padStart(2, "0")}`,
      ...(kinds[i % kinds.length] === "risk" ? { likelihood: 1 + (i % 5), impact: 1 + ((i * 3) % 5) } : {}),
      author: "token:bench",
      authorName: "Bench",
      createdAt: new Date(Date.parse("2026-03-02T09:00:00Z") + i * 60_000),
      updatedAt: new Date(Date.parse("2026-03-02T09:00:00Z") + i * 60_000),
    })),
  );
  const poll = await post(`/v1/workshops/${w.id}/polls`, { kind: "scorecard" });
  const rows = [];
  for (let v = 0; v < 12; v++) {
    for (const o of poll.options) {
      for (const f of poll.factors) {
        rows.push({
          pollId: poll.id,
          optionKey: o.key,
          factorKey: f.key,
          voter: `slack:U${v}`,
          voterName: `Voter ${v}`,
          value: 1 + Math.floor(rnd() * 3),
          votedAt: now(),
        });
      }
    }
  }
  await database.db.insert(votes).values(rows);
  await post(`/v1/polls/${poll.id}/close`, {});
  const plan = randomPlan(500, 1000);
  await post(`/v1/workshops/${w.id}/plan`, plan, "PUT");
  await seedArtefacts(post, w.id, poll);
  const link = await post(`/v1/workshops/${w.id}/share-links`, {});
  return { app, auth, id: w.id as string, page: `${new URL(link.url).pathname}/roadmap` };
}

type Post = (path: string, body: unknown, method?: string) => Promise<{ views?: unknown }>;

/** What the room's outputs and architecture sessions produce, through the API. */
async function seedArtefacts(
  post: Post,
  id: string,
  poll: { options: { key: string }[]; factors: { key: string }[]; views: string[] },
) {
  const options = poll.options.map((o) => o.key);
  const quadrants = ["strength", "weakness", "opportunity", "threat"];
  for (let i = 0; i < 20; i++) {
    await post(`/v1/workshops/${id}/swot`, {
      option: options[i % options.length],
      quadrant: quadrants[i % 4],
      text: `SWOT point ${i}`,
    });
  }
  for (const [n, view] of (poll.views.length ? poll.views : ["default"]).entries()) {
    await post(
      `/v1/workshops/${id}/decisions/${view}`,
      {
        option: options[n % options.length],
        rationale: "The room's judgement",
        conditions: ["Private networking"],
        mitigations: poll.factors.slice(0, 2).map((f) => ({ factor: f.key, text: `Mitigate ${f.key}` })),
      },
      "PUT",
    );
  }
  const people = Array.from({ length: 12 }, (_, i) => ({ name: `Person ${i}` }));
  const skills = Array.from({ length: 10 }, (_, i) => `skill-${i}`);
  await post(
    `/v1/workshops/${id}/skills`,
    {
      people,
      skills,
      levels: Object.fromEntries(
        people.map((p, i) => [p.name, Object.fromEntries(skills.map((s, j) => [s, (i + j) % 4]))]),
      ),
      target: Object.fromEntries(skills.map((s) => [s, 3])),
    },
    "PUT",
  );
  await post(
    `/v1/workshops/${id}/costs`,
    {
      items: options.flatMap((option, i) =>
        ["production", "pre-prod", "development"].map((environment, j) => ({
          option,
          environment,
          monthly: 1000 * (i + 1) + 100 * j,
          currency: "EUR",
        })),
      ),
    },
    "PUT",
  );
  await post(
    `/v1/workshops/${id}/environments`,
    {
      environments: (["prod", "preprod", "dev"] as const).map((tier) => ({
        key: tier,
        name: tier,
        tier,
        regions: ["eu-west-1"],
        components: ["broker", "controller", "schema-registry", "connect", "monitoring"].map((kind, i) => ({
          key: kind,
          kind,
          product: `Product ${kind}`,
          count: 1 + i,
        })),
      })),
    },
    "PUT",
  );
  for (const [n, key] of ["orders", "payments"].entries()) {
    await post(
      `/v1/workshops/${id}/use-cases/${key}`,
      {
        title: `Use case ${key}`,
        producers: Array.from({ length: 5 }, (_, i) => ({
          key: `producer-${i}`,
          topic: `${key}-${i}`,
          messagesPerSecond: { avg: 1000 * (i + 1), peak: 5000 * (i + 1) },
          messageBytes: 1000,
          ...(n === 0 && i === 0
            ? { messageKey: { name: "customerId", cardinality: 100_000, distribution: { zipf: 1.1 } } }
            : {}),
        })),
        topics: Array.from({ length: 5 }, (_, i) => ({ name: `${key}-${i}`, format: "avro" })),
        consumers: Array.from({ length: 5 }, (_, i) => ({
          key: `consumer-${i}`,
          group: `group-${i % 3}`,
          topic: `${key}-${i}`,
        })),
        failure: { delivery: "at-least-once" },
      },
      "PUT",
    );
  }
}

async function time(fn: () => Promise<number>): Promise<{ median: number; max: number; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  await fn(); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    bytes = await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { median: percentile(ms, 50), max: ms[ms.length - 1] ?? Number.NaN, bytes };
}

export async function benchReport() {
  console.log(`\n## report (${machine()}, ${RUNS} runs after one warm-up)`);
  const results = await onEachDatabase(async (database) => {
    const { app, auth, id, page } = await seed(database);
    const get =
      (path: string, headers: Record<string, string> = auth) =>
      async () => {
        const res = await app.request(path, { headers });
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        return (await res.arrayBuffer()).byteLength;
      };
    return [
      ["report HTML", await time(get(`/v1/workshops/${id}/report?format=html&asOf=2026-03-02`))],
      ["report Markdown", await time(get(`/v1/workshops/${id}/report?format=md&asOf=2026-03-02`))],
      ["report PDF", await time(get(`/v1/workshops/${id}/report?format=pdf&asOf=2026-03-02`))],
      ["web page /w/<secret>/roadmap", await time(get(page, {}))],
    ] as const;
  });
  console.log("");
  console.log("| request | database | median ms | max ms | answer KiB |");
  console.log("|---|---|---:|---:|---:|");
  for (const [db, rows] of results) {
    for (const [name, s] of rows) {
      console.log(`| ${name} | ${db} | ${fmt(s.median)} | ${fmt(s.max)} | ${fmt(s.bytes / 1024, 0)} |`);
    }
  }
}
