import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../api/app.js";
import { createLogger } from "../api/logger.js";
import { bootstrapAdmin } from "../api/services/bootstrap-admin.js";
import { systemContext } from "../api/services/context.js";
import { createToken } from "../api/services/tokens.js";
import { createPgliteDb } from "../db/pglite.js";
import { createPostgresDb } from "../db/postgres.js";
import type { Database } from "../db/types.js";
import { fmt, listen, machine, scratchPostgres, seededRandom } from "./lib.js";

/**
 * Four keys at scale: 1,000,000 deployments, 3,000,000 changes and 50,000 incidents over 2025 sent
 * through the batch API over HTTP on loopback (10,000 items per request), then GET /v1/dora/metrics
 * over the whole year. BENCH_DORA_SCALE (e.g. 0.1) shrinks every count; BENCH_DORA_POSTGRES=0 and
 * BENCH_DORA_PGLITE=0 skip a database, BENCH_DORA_PGLITE_SCALE sizes PGlite separately (it holds the
 * whole database in this process), BENCH_DORA_KEEP=1 keeps the PostgreSQL database afterwards.
 */
const SCALE = Number(process.env.BENCH_DORA_SCALE ?? 1);
const PGLITE_SCALE = Number(process.env.BENCH_DORA_PGLITE_SCALE ?? SCALE);
const BATCH = 10_000;
const CONCURRENCY = Number(process.env.BENCH_DORA_CONCURRENCY ?? 2);
const SERVICES = 50;
const YEAR_START = Date.parse("2025-01-01T00:00:00Z");
const YEAR_MS = Date.parse("2026-01-01T00:00:00Z") - YEAR_START;

interface Sizes {
  deployments: number;
  changes: number;
  incidents: number;
}

function sizes(scale: number): Sizes {
  return {
    deployments: Math.round(1_000_000 * scale),
    changes: Math.round(3_000_000 * scale),
    incidents: Math.round(50_000 * scale),
  };
}

// Deployment i ships changes 3i, 3i+1, 3i+2; all values are derived from indices, so batches can be
// generated one at a time and nothing is held in memory.
const deployedAt = (i: number, n: number) => YEAR_START + Math.floor(((i + seededRandom(i)()) / n) * YEAR_MS);

function changeBatch(from: number, to: number, s: Sizes): string {
  const items = [];
  for (let j = from; j < to; j++) {
    const r = seededRandom(1_000_000_007 + j);
    const d = Math.floor(j / 3);
    // Lead times from 5 minutes to a week; 1% committed after the deployment (clock skew).
    const lead = r() < 0.01 ? -60_000 : 300_000 + Math.floor(r() ** 3 * 7 * 86_400_000);
    items.push({
      id: `c${j}`,
      service: `svc-${d % SERVICES}`,
      committedAt: new Date(deployedAt(d, s.deployments) - lead).toISOString(),
    });
  }
  return JSON.stringify({ items });
}

function deploymentBatch(from: number, to: number, s: Sizes): string {
  const items = [];
  for (let i = from; i < to; i++) {
    const r = seededRandom(2_000_000_011 + i);
    const roll = r();
    items.push({
      id: `d${i}`,
      service: `svc-${i % SERVICES}`,
      environment: roll < 0.05 ? "staging" : "production",
      status: roll > 0.97 ? "failure" : "success",
      deployedAt: new Date(deployedAt(i, s.deployments)).toISOString(),
      changeIds: [3 * i, 3 * i + 1, 3 * i + 2].filter((j) => j < s.changes).map((j) => `c${j}`),
    });
  }
  return JSON.stringify({ items });
}

function incidentBatch(from: number, to: number, s: Sizes): string {
  const items = [];
  for (let k = from; k < to; k++) {
    const r = seededRandom(3_000_000_019 + k);
    const d = Math.floor(r() * s.deployments);
    const createdAt = deployedAt(d, s.deployments) + Math.floor(r() * 48 * 3_600_000);
    const open = r() < 0.05;
    items.push({
      id: `i${k}`,
      service: `svc-${d % SERVICES}`,
      createdAt: new Date(createdAt).toISOString(),
      resolvedAt: open
        ? null
        : new Date(createdAt + 600_000 + Math.floor(r() ** 2 * 3 * 86_400_000)).toISOString(),
      rootCauseChangeId: r() < 0.8 ? `c${3 * d + Math.floor(r() * 3)}` : null,
    });
  }
  return JSON.stringify({ items });
}

/** Peak resident set size while `fn` runs, sampled every 20 ms. */
async function peakRss<T>(fn: () => Promise<T>): Promise<{ value: T; peakMiB: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMiB: peak / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

const mib = () => process.memoryUsage().rss / 2 ** 20;

async function run(label: string, database: Database, s: Sizes): Promise<string[]> {
  await database.migrate();
  const admin = await bootstrapAdmin(database, undefined, new Date());
  if (admin.kind !== "generated") throw new Error("expected an empty database");
  const { token } = await createToken(systemContext(database, new Date()), {
    name: "bench-ingest",
    role: "ingest",
  });
  const app = createApp({ database, logger: createLogger("silent") });
  const server = await listen(app.fetch);
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
  const lines: string[] = [];

  const kinds: [keyof Sizes, (a: number, b: number, s: Sizes) => string][] = [
    ["changes", changeBatch],
    ["deployments", deploymentBatch],
    ["incidents", incidentBatch],
  ];
  let events = 0;
  let ingestSeconds = 0;
  for (const [kind, batch] of kinds) {
    const total = s[kind];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < total) {
          const from = next;
          next = Math.min(total, next + BATCH);
          const res = await fetch(`${server.url}/v1/dora/${kind}`, {
            method: "POST",
            headers,
            body: batch(from, next, s),
          });
          if (res.status !== 200)
            throw new Error(`${kind} batch at ${from}: ${res.status} ${await res.text()}`);
          const body = (await res.json()) as { created: number };
          if (body.created !== Math.min(BATCH, total - from))
            throw new Error(`${kind}: ${JSON.stringify(body)}`);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    events += total;
    ingestSeconds += seconds;
    lines.push(
      `| ${label} | ingest ${kind} | ${total.toLocaleString("en")} | ${fmt(seconds)} s | ${fmt(total / seconds, 0)} /s |`,
    );
    console.log(lines.at(-1));
  }
  lines.push(
    `| ${label} | ingest, all kinds | ${events.toLocaleString("en")} | ${fmt(ingestSeconds)} s | ${fmt(events / ingestSeconds, 0)} /s |`,
  );
  console.log(lines.at(-1));

  for (const [name, query] of [
    ["metrics, whole year", "from=2025-01-01&to=2026-01-01"],
    ["metrics, whole year, Europe/Berlin", "from=2025-01-01&to=2026-01-01&tz=Europe/Berlin"],
    ["metrics, whole year by service", "from=2025-01-01&to=2026-01-01&groupBy=service"],
    ["metrics, whole year by month", "from=2025-01-01&to=2026-01-01&interval=month"],
  ] as const) {
    const times: number[] = [];
    const before = mib();
    let peak = before;
    let answer = "";
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const { value, peakMiB } = await peakRss(async () => {
        const res = await fetch(`${server.url}/v1/dora/metrics?${query}`, { headers });
        if (res.status !== 200) throw new Error(`metrics: ${res.status} ${await res.text()}`);
        return res.text();
      });
      times.push((performance.now() - started) / 1000);
      peak = Math.max(peak, peakMiB);
      answer = value;
    }
    const after = mib();
    lines.push(
      `| ${label} | ${name} | 3 runs | ${times.map((t) => fmt(t, 2)).join(" / ")} s | RSS ${fmt(before, 0)} → peak ${fmt(peak, 0)} → ${fmt(after, 0)} MiB |`,
    );
    console.log(lines.at(-1));
    if (name === "metrics, whole year") {
      const m = JSON.parse(answer) as Record<string, Record<string, unknown>>;
      console.log(
        `    figures: ${JSON.stringify({
          df: m.deploymentFrequency,
          lt: m.leadTimeForChanges,
          cfr: m.changeFailureRate,
          ttr: m.timeToRestore,
        })}`,
      );
    }
  }
  await server.close();
  return lines;
}

export async function benchDora(): Promise<void> {
  console.log(
    `\n## Four keys — batch ingest over HTTP, then GET /v1/dora/metrics over the year (scale ${SCALE}, PGlite scale ${PGLITE_SCALE}, ${CONCURRENCY} requests in flight)`,
  );
  console.log(`${machine()}`);
  console.log("");
  console.log("| database | step | items | time | rate / memory |");
  console.log("|---|---|---:|---:|---|");
  const scratch = process.env.BENCH_DORA_POSTGRES === "0" ? null : await scratchPostgres();
  if (scratch) {
    const pg = createPostgresDb(scratch.url);
    try {
      await run("PostgreSQL", pg, sizes(SCALE));
    } finally {
      await pg.close();
      // BENCH_DORA_KEEP=1 keeps the loaded database for looking at query plans.
      if (process.env.BENCH_DORA_KEEP === "1") console.log(`kept ${scratch.url}`);
      else await scratch.drop();
    }
  }
  if (process.env.BENCH_DORA_PGLITE !== "0") {
    const dir = await mkdtemp(join(tmpdir(), "baton-bench-pglite-"));
    const pglite = await createPgliteDb(join(dir, "data"));
    try {
      await run("PGlite (on disk)", pglite, sizes(PGLITE_SCALE));
    } finally {
      await pglite.close();
      await rm(dir, { recursive: true, force: true });
    }
  }
}
