import { Agent, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, totalmem } from "node:os";
import { serve } from "@hono/node-server";
import postgres from "postgres";
import { createPgliteDb } from "../db/pglite.js";
import { createPostgresDb } from "../db/postgres.js";
import type { Database } from "../db/types.js";

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Runs `total` calls of `fn` with `concurrency` in flight; bounded in count, so it always stops. */
export async function load(
  total: number,
  concurrency: number,
  fn: (i: number) => Promise<boolean>,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const i = next++;
        const t0 = performance.now();
        const ok = await fn(i).catch(() => false);
        latencies.push(performance.now() - t0);
        if (!ok) errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    errors,
    seconds,
    perSecond: total / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** Serves a fetch handler on a free loopback port. */
export async function listen(fetch: (req: Request) => Response | Promise<Response>) {
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Where benchmarks make their scratch PostgreSQL databases (`BENCH_DATABASE_URL`, else the local server). */
export const BENCH_DATABASE_URL =
  process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A throwaway PostgreSQL database next to `baseUrl`'s, or null (with the reason printed) when none answers. */
export async function scratchPostgres(baseUrl: string = BENCH_DATABASE_URL) {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
  const name = `baton_bench_${Date.now().toString(36)}`;
  try {
    await admin.unsafe(`create database "${name}"`);
  } catch (err) {
    console.log(
      `PostgreSQL at ${redact(baseUrl)} not usable (${(err as Error).message}); skipping its runs.`,
    );
    await admin.end();
    return null;
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

export function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}

/** The machine line every benchmark prints: cores, CPU model, memory. */
export function machine(): string {
  return `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB`;
}

/**
 * Runs `work` on an in-memory PGlite and then on a scratch PostgreSQL database (skipped, with the
 * reason printed, when no server answers), closing and dropping each; returns the results by label.
 */
export async function onEachDatabase<T>(work: (database: Database) => Promise<T>): Promise<[string, T][]> {
  const results: [string, T][] = [];
  const pglite = await createPgliteDb("memory://");
  try {
    results.push(["PGlite (in memory)", await work(pglite)]);
  } finally {
    await pglite.close();
  }
  const scratch = await scratchPostgres();
  if (!scratch) return results;
  try {
    const pg = createPostgresDb(scratch.url);
    try {
      results.push(["PostgreSQL", await work(pg)]);
    } finally {
      await pg.close();
    }
  } finally {
    await scratch.drop();
  }
  return results;
}

/**
 * A keep-alive HTTP client for load: at most `sockets` connections, opened once and reused. Global
 * `fetch` (undici) was seen opening fresh connections in the middle of a run on this machine, whose
 * handshakes then took seconds and made p99 a measure of the client, not of the server.
 */
export function keepAliveClient(baseUrl: string, sockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const base = new URL(baseUrl);
  return {
    request(method: string, path: string, headers: Record<string, string>, body?: string) {
      return new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            agent,
            host: base.hostname,
            port: base.port,
            path,
            method,
            headers: body === undefined ? headers : { ...headers, "Content-Length": Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }),
            );
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(body);
      });
    },
    close: () => agent.destroy(),
  };
}

/** mulberry32: a small, fast, seeded PRNG in [0, 1), so every run generates the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Makes `person` a facilitator of `workshopId` as the admin does (binding a channel makes nobody facilitator). */
export async function addFacilitator(
  fetch: (request: Request) => Response | Promise<Response>,
  adminToken: string,
  workshopId: string,
  person: { platform: "slack" | "teams"; userId: string; displayName: string },
): Promise<void> {
  const res = await fetch(
    new Request(`http://bench/v1/workshops/${workshopId}/facilitators`, {
      method: "POST",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ facilitator: person }),
    }),
  );
  if (res.status !== 200) throw new Error(`facilitator: ${res.status} ${await res.text()}`);
}
