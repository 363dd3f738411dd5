import { createServer, type Server, type Socket } from "node:net";
import { Validator } from "@seriousme/openapi-schema-validator";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { createLogger } from "../../api/logger.js";
import { READINESS_PROBE_KEY } from "../../api/routes/health.js";
import { createPostgresDb } from "../../db/postgres.js";
import { settings } from "../../db/schema/settings.js";
import { createTestApp, logSink, type TestApp } from "../helpers/app.js";
import { onPostgres } from "../helpers/db.js";

/** The bound the readiness tests use, and the slack a busy machine gets on top of it. */
const READY_TIMEOUT_MS = 500;
const SLACK_MS = 1500;

let t: TestApp;
let draining = false;
beforeAll(async () => {
  t = await createTestApp({ isDraining: () => draining, readyTimeoutMs: READY_TIMEOUT_MS });
});
afterAll(async () => {
  await t.close();
});

describe("health", () => {
  it("answers liveness without a token", async () => {
    const res = await t.request("GET", "/healthz", { token: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok" });
  });

  it("is ready when the database commits a write", async () => {
    const res = await t.request("GET", "/readyz", { token: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ready", database: onPostgres ? "postgres" : "pglite" });
    const [probe] = await t.database.db.select().from(settings).where(eq(settings.key, READINESS_PROBE_KEY));
    expect(probe?.value).toBe(t.clock.now().toISOString());
  });

  it("is not ready while draining, and liveness stays up", async () => {
    draining = true;
    try {
      const res = await t.request("GET", "/readyz", { token: null });
      expect(res.status).toBe(503);
      expect(res.json.error).toMatchObject({
        code: "UNAVAILABLE",
        message: expect.stringMatching(/shutting down/i),
      });
      expect((await t.request("GET", "/healthz", { token: null })).status).toBe(200);
    } finally {
      draining = false;
    }
    expect((await t.request("GET", "/readyz", { token: null })).status).toBe(200);
  });

  it("answers 503 within the bound when the write hangs (its row locked by another transaction)", async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = t.database.db.transaction(async (tx) => {
      await tx.select().from(settings).where(eq(settings.key, READINESS_PROBE_KEY)).for("update");
      locked();
      await released;
    });
    await isLocked;
    try {
      const started = performance.now();
      const res = await t.request("GET", "/readyz", { token: null });
      const ms = performance.now() - started;
      expect(res.status).toBe(503);
      expect(ms).toBeGreaterThanOrEqual(READY_TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(READY_TIMEOUT_MS + SLACK_MS);
    } finally {
      release();
      await holder;
    }
    // The hung probe finishes (or is cancelled) once the lock goes; then the database is ready again.
    await expect.poll(async () => (await t.request("GET", "/readyz", { token: null })).status).toBe(200);
  });

  it("sets secure headers and a request id on every answer", async () => {
    const res = await t.request("GET", "/healthz", { token: null });
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("X-Frame-Options")).toBe("SAMEORIGIN");
    expect(res.headers.get("X-Request-Id")).toMatch(/\S+/);
  });

  it("answers an unknown route with the 404 envelope", async () => {
    const res = await t.request("GET", "/nope", { token: null });
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe("NOT_FOUND");
  });
});

describe("API reference", () => {
  it("serves an OpenAPI 3.1 document that a real validator accepts", async () => {
    const res = await t.request("GET", "/openapi.json", { token: null });
    expect(res.status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate(res.json);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(Object.keys(res.json.paths)).toEqual(
      expect.arrayContaining([
        "/healthz",
        "/readyz",
        "/v1/tokens",
        "/v1/tokens/{id}",
        "/v1/workshops",
        "/v1/workshops/{id}",
        "/v1/workshops/{id}/agenda",
      ]),
    );
    expect(res.json.components.securitySchemes.Bearer).toMatchObject({ type: "http", scheme: "bearer" });
    // The documented body is the schema that validates requests.
    expect(res.json.components.schemas.CreateWorkshop.required).toEqual(["name", "timezone", "startDate"]);
  });

  it("serves a readable reference page listing every operation", async () => {
    const res = await t.request("GET", "/docs", { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^text\/html/);
    for (const op of [
      "POST</span> <code>/v1/workshops",
      "GET</span> <code>/v1/workshops/{id}/agenda",
      "DELETE</span> <code>/v1/tokens/{id}",
    ]) {
      expect(res.text).toContain(op);
    }
    expect(res.text).toContain("<code>timezone</code>");
    expect(res.text).not.toMatch(/<script/i);
  });
});

describe("readiness when PostgreSQL hangs or is not there", () => {
  let silent: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts the connection and never says a word: a hung database server.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  function appOn(url: string) {
    const database = createPostgresDb(url, { connectTimeoutSeconds: 30 });
    const app = createApp({
      database,
      logger: createLogger("silent", logSink().stream),
      readyTimeoutMs: READY_TIMEOUT_MS,
    });
    return { app, database };
  }

  it("answers 503 within the bound, and a second check does not pile up behind the first", async () => {
    const { port } = silent.address() as { port: number };
    const { app, database } = appOn(`postgres://baton@127.0.0.1:${port}/baton`);
    try {
      const started = performance.now();
      const res = await app.request("/readyz");
      expect(res.status).toBe(503);
      expect(performance.now() - started).toBeLessThan(READY_TIMEOUT_MS + SLACK_MS);
      // The first probe still hangs: the next answers at once instead of queueing another.
      const again = performance.now();
      expect((await app.request("/readyz")).status).toBe(503);
      expect(performance.now() - again).toBeLessThan(READY_TIMEOUT_MS / 2);
      expect((await app.request("/healthz")).status).toBe(200);
    } finally {
      for (const s of sockets) s.destroy();
      await database.close();
    }
  });

  it("answers 503 when nothing listens on the database's port", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const { app, database } = appOn(`postgres://baton@127.0.0.1:${port}/baton`);
    try {
      const started = performance.now();
      expect((await app.request("/readyz")).status).toBe(503);
      expect(performance.now() - started).toBeLessThan(READY_TIMEOUT_MS + SLACK_MS);
    } finally {
      await database.close();
    }
  });
});

// Last: it closes the database under the running app.
describe("readiness when the database is gone", () => {
  it("answers 503 with the envelope, and liveness stays up", async () => {
    await t.database.close();
    const res = await t.request("GET", "/readyz", { token: null });
    expect(res.status).toBe(503);
    expect(res.json.error).toMatchObject({
      code: "UNAVAILABLE",
      message: "The database is not reachable or does not take writes.",
    });
    expect((await t.request("GET", "/healthz", { token: null })).status).toBe(200);
  });
});
