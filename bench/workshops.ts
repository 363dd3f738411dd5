import { Hono } from "hono";
import postgres from "postgres";
import { createApp } from "../api/app.js";
import { createLogger } from "../api/logger.js";
import { bootstrapAdmin } from "../api/services/bootstrap-admin.js";
import type { Database } from "../db/types.js";
import { fmt, type LoadResult, listen, load, machine, onEachDatabase, scratchPostgres } from "./lib.js";

/**
 * POST /v1/workshops over HTTP on loopback (load generator in the same process), on PGlite and on
 * PostgreSQL, next to a bare baseline: a minimal Hono route inserting one row with postgres.js.
 * The product's request does more on purpose: a token lookup, then one transaction writing the
 * workshop, its 15 agenda items and an audit entry. The ratio says what that costs.
 */
const TOTAL = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const BODY = JSON.stringify({ name: "Bench workshop", timezone: "Europe/London", startDate: "2026-03-28" });

async function product(database: Database): Promise<LoadResult> {
  await database.migrate();
  const admin = await bootstrapAdmin(database, undefined, new Date());
  if (admin.kind !== "generated") throw new Error("expected an empty database");
  const app = createApp({ database, logger: createLogger("silent") });
  const server = await listen(app.fetch);
  const headers = { Authorization: `Bearer ${admin.token}`, "Content-Type": "application/json" };
  const call = async () =>
    (await fetch(`${server.url}/v1/workshops`, { method: "POST", headers, body: BODY })).status === 201;
  await load(100, CONCURRENCY, call); // warm-up
  const result = await load(TOTAL, CONCURRENCY, call);
  await server.close();
  return result;
}

async function baseline(url: string): Promise<LoadResult> {
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  await sql`create table if not exists bench_baseline (id uuid primary key default gen_random_uuid(), name text not null, created_at timestamptz not null default now())`;
  const app = new Hono().post("/w", async (c) => {
    const body = await c.req.json<{ name: string }>();
    const [row] = await sql`insert into bench_baseline (name) values (${body.name}) returning id`;
    return c.json(row, 201);
  });
  const server = await listen(app.fetch);
  const call = async () =>
    (
      await fetch(`${server.url}/w`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: BODY,
      })
    ).status === 201;
  await load(100, CONCURRENCY, call);
  const result = await load(TOTAL, CONCURRENCY, call);
  await server.close();
  await sql.end();
  return result;
}

export async function benchWorkshops(): Promise<void> {
  console.log(`\n## POST /v1/workshops — ${TOTAL} requests, ${CONCURRENCY} in flight`);
  console.log(`${machine()}`);
  const rows: [string, LoadResult][] = (await onEachDatabase(product)).map(([db, r]) => [
    `product, ${db}`,
    r,
  ]);
  const scratch = await scratchPostgres();
  if (scratch) {
    try {
      rows.push(["baseline: bare Hono + postgres.js, one row", await baseline(scratch.url)]);
    } finally {
      await scratch.drop();
    }
  }

  console.log("");
  console.log("| run | req/s | p50 ms | p99 ms | errors |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, r] of rows) {
    console.log(`| ${name} | ${fmt(r.perSecond, 0)} | ${fmt(r.p50Ms)} | ${fmt(r.p99Ms)} | ${r.errors} |`);
  }
  const base = rows.find(([n]) => n.startsWith("baseline"))?.[1];
  if (base) {
    console.log("");
    for (const [name, r] of rows.filter(([n]) => n.startsWith("product"))) {
      console.log(
        `ratio ${name} / baseline: throughput ${fmt(r.perSecond / base.perSecond, 2)}, p99 ${fmt(r.p99Ms / base.p99Ms, 2)}×`,
      );
    }
  }
}
