import { createRoute, z } from "@hono/zod-openapi";
import { sql } from "drizzle-orm";
import { settings } from "../../db/schema/settings.js";
import type { Database } from "../../db/types.js";
import { DomainError } from "../errors.js";
import { createRouter } from "../lib/router.js";
import { errors } from "../schemas/common.js";

/** Longest a readiness check waits for the database before answering 503. */
export const DEFAULT_READY_TIMEOUT_MS = 2000;
/** The `settings` row the readiness check writes: its value is the time of the last successful check. */
export const READINESS_PROBE_KEY = "readiness_probe";

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["health"],
  summary: "Liveness: the process answers",
  description: "Always 200 while the process runs, draining included: a restart would not help.",
  responses: {
    200: {
      description: "Alive",
      content: { "application/json": { schema: z.object({ status: z.literal("ok") }) } },
    },
  },
});

const readyz = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["health"],
  summary: "Readiness: not draining, and the database takes a write",
  description:
    "503 while the process drains after SIGTERM/SIGINT, and when the database does not commit a write " +
    "(one row of `settings`, upserted) within the readiness timeout (2 s): down, hanging, read-only " +
    "(a failed-over standby) or out of disk. A check still waiting from before also answers 503.",
  responses: {
    200: {
      description: "Ready",
      content: {
        "application/json": {
          schema: z.object({ status: z.literal("ready"), database: z.enum(["pglite", "postgres"]) }),
        },
      },
    },
    503: errors[503],
  },
});

/** The write probe in flight per database: a hanging database gets one probe, not one per request. */
const inFlight = new WeakMap<Database, Promise<void>>();

/**
 * Commits a one-row upsert, so the answer covers what reads cannot: a read-only database and a full
 * disk fail the commit. `statement_timeout` stops the statements server-side at the same bound.
 */
async function writeProbe(database: Database, timeoutMs: number, now: Date): Promise<void> {
  await database.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(1, Math.round(timeoutMs))}`));
    await tx
      .insert(settings)
      .values({ key: READINESS_PROBE_KEY, value: now.toISOString() })
      .onConflictDoUpdate({ target: settings.key, set: { value: now.toISOString() } });
  });
}

/** Resolves when the probe commits within `timeoutMs`; rejects with the reason otherwise. */
async function probeWithin(database: Database, timeoutMs: number, now: Date): Promise<void> {
  if (inFlight.has(database)) throw new Error("the previous check has not answered yet");
  const probe = writeProbe(database, timeoutMs, now).finally(() => inFlight.delete(database));
  inFlight.set(database, probe);
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      probe,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no commit in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    // A probe that outlives the answer is still awaited by `inFlight`; its rejection is not unhandled.
    probe.catch(() => undefined);
  }
}

export const healthRoutes = createRouter()
  .openapi(healthz, (c) => c.json({ status: "ok" as const }, 200))
  .openapi(readyz, async (c) => {
    const { database, logger, isDraining, readyTimeoutMs, now } = c.var.deps;
    c.header("Cache-Control", "no-store");
    if (isDraining()) {
      throw new DomainError("UNAVAILABLE", "Shutting down: this process takes no new work.");
    }
    try {
      await probeWithin(database, readyTimeoutMs, now());
    } catch (err) {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, "readiness check failed");
      throw new DomainError("UNAVAILABLE", "The database is not reachable or does not take writes.");
    }
    return c.json({ status: "ready" as const, database: database.driver }, 200);
  });
