import { createRoute, z } from "@hono/zod-openapi";
import { DomainError } from "../errors.js";
import { createRouter } from "../lib/router.js";
import { errors } from "../schemas/common.js";

const READY_TIMEOUT_MS = 2000;

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["health"],
  summary: "Liveness: the process answers",
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
  summary: "Readiness: the database answers",
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

export const healthRoutes = createRouter()
  .openapi(healthz, (c) => c.json({ status: "ok" as const }, 200))
  .openapi(readyz, async (c) => {
    const { database, logger } = c.var.deps;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer in ${READY_TIMEOUT_MS} ms`)),
            READY_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (err) {
      logger.warn({ err: err instanceof Error ? err.message : String(err) }, "readiness check failed");
      throw new DomainError("UNAVAILABLE", "The database is not reachable.");
    } finally {
      clearTimeout(timer);
    }
    return c.json({ status: "ready" as const, database: database.driver }, 200);
  });
