import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { mapDatabaseError } from "../../api/lib/db-errors.js";
import { findUnstorable } from "../../api/lib/storable.js";
import { createLogger } from "../../api/logger.js";
import { createPostgresDb } from "../../db/postgres.js";
import { createTestApp, logSink, SLACK_FACILITATOR, type TestApp } from "../helpers/app.js";
import { runningWorkshop } from "../helpers/polls.js";

let t: TestApp;
let workshop: { id: string; bot: string; sessionId: string };

beforeAll(async () => {
  t = await createTestApp();
  workshop = await runningWorkshop(t);
});
afterAll(async () => {
  await t.close();
});

describe("input PostgreSQL cannot store is refused with a 400 naming the field", () => {
  const item = (source: Record<string, unknown>) => ({
    kind: "assumption",
    text: "Two regions",
    actor: SLACK_FACILITATOR,
    source: { platform: "slack", ...source },
  });

  it.each([
    ["NUL in a text field", "POST", "/v1/tokens", { name: "a\u0000b", role: "pm" }, "name"],
    ["NUL in a jsonb value", "POST", "items", item({ author: "slack:U\u00001" }), "source.author"],
    [
      "the year 0000",
      "POST",
      "/v1/workshops",
      { name: "W", timezone: "UTC", startDate: "0000-01-01" },
      "startDate",
    ],
    [
      "an instant in the year 0000 once in UTC",
      "POST",
      "/v1/dora/deployments",
      { items: [{ id: "d1", service: "s", deployedAt: "0001-01-01T00:00:00+14:00" }] },
      "items.0.deployedAt",
    ],
    ["a javascript: URL", "POST", "items", item({ url: "javascript:alert(1)" }), "source.url"],
  ])("%s", async (_what, method, path, body, field) => {
    const url = path === "items" ? `/v1/workshops/${workshop.id}/items` : path;
    const token = path === "items" ? workshop.bot : undefined;
    const res = await t.request(method, url, { body, ...(token ? { token } : {}) });
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION");
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("refuses `?name=%00`, naming the parameter", async () => {
    const res = await t.request("GET", "/v1/workshops?name=%00");
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([{ path: "name", message: expect.stringContaining("NUL") }]);
  });

  it("refuses a NUL in a path parameter", async () => {
    const res = await t.request("GET", "/v1/workshops/%00");
    expect(res.status).toBe(400);
    expect(res.json.error.details[0].path).toBe("path");
  });

  it("refuses a 100,000-deep JSON value without overflowing", async () => {
    const deep = `{"name":${"[".repeat(100_000)}${"]".repeat(100_000)},"role":"pm"}`;
    const res = await t.request("POST", "/v1/tokens", { body: deep });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION");
  });

  it.each([
    [{ a: "x\u0000" }, "a", "NUL"],
    [{ "k\u0000": 1 }, "body", "field name"],
    [["2026-01-01", "0000-01-01"], "1", "year"],
    [{ at: "9999-12-31T23:59:59-05:00" }, "at", "UTC"],
    [{ at: new Date("0000-06-01T00:00:00Z") }, "at", "UTC"],
    [
      JSON.parse(`{"a":${"[".repeat(65)}${"]".repeat(65)}}`),
      "a.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0",
      "64 levels",
    ],
  ])("findUnstorable(%j) names %s", (value, path, message) => {
    expect(findUnstorable(value)).toEqual({ path, message: expect.stringContaining(message) });
  });

  it.each([
    [{ a: "0001-01-01", b: "9999-12-31", c: "2026-03-02T10:00:00+01:00", d: "0000 is not a date" }],
    [JSON.parse(`${"[".repeat(64)}${"]".repeat(64)}`)],
  ])("lets storable values through: %j", (value) => {
    expect(findUnstorable(value)).toBeNull();
  });
});

describe("database errors that slip through map by SQLSTATE class, never a bare 500", () => {
  const pgError = (code: string) => Object.assign(new Error("boom"), { code });
  const wrapped = (code: string) => Object.assign(new Error("Failed query"), { cause: pgError(code) });

  it.each([
    ["22P05", 400, false], // untranslatable character (NUL in text)
    ["22008", 400, false], // datetime field overflow
    ["22021", 400, false], // invalid byte sequence
    ["23505", 409, false],
    ["23503", 409, false],
    ["23502", 400, false],
    ["54001", 413, false], // statement too complex
    ["40001", 503, true], // serialization failure
    ["53100", 503, true], // disk full
    ["57014", 503, true], // statement timeout
    ["57P01", 503, true], // admin shutdown
    ["08006", 503, true],
    ["25006", 503, true],
    ["ECONNREFUSED", 503, true],
    ["CONNECTION_CLOSED", 503, true],
    ["CONNECT_TIMEOUT", 503, true],
  ])("%s → %i", (code, status, retry) => {
    for (const err of [pgError(code), wrapped(code)]) {
      const mapped = mapDatabaseError(err);
      const statusOf = { VALIDATION: 400, CONFLICT: 409, PAYLOAD_TOO_LARGE: 413, UNAVAILABLE: 503 } as const;
      expect(statusOf[mapped?.error.code as keyof typeof statusOf]).toBe(status);
      expect(Boolean(mapped?.retryAfterSeconds)).toBe(retry);
      expect(mapped?.error.message).not.toContain("boom");
    }
  });

  it.each(["42601", "XX000"])("leaves our own bugs (%s) unmapped", (code) => {
    expect(mapDatabaseError(pgError(code))).toBeNull();
  });

  it("answers 503 with Retry-After when the database is closed", async () => {
    const own = await createTestApp();
    await own.database.close();
    const res = await own.request("GET", "/v1/workshops");
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("5");
    await own.close().catch(() => undefined);
  });

  it("answers 503 with Retry-After within the connect timeout when PostgreSQL is down", async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const database = createPostgresDb("postgres://postgres@127.0.0.1:1/none", { connectTimeoutSeconds: 2 });
    const logs = logSink();
    const app = createApp({ database, logger: createLogger("info", logs.stream) });
    const started = Date.now();
    const res = await app.request("/v1/workshops", { headers: { Authorization: "Bearer abcdefghijklmnop" } });
    expect(res.status).toBe(503);
    expect(res.headers.get("Retry-After")).toBe("5");
    expect(Date.now() - started).toBeLessThan(5000);
    await database.close();
  });
});
