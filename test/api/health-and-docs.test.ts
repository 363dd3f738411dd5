import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { onPostgres } from "../helpers/db.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
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

  it("is ready when the database answers", async () => {
    const res = await t.request("GET", "/readyz", { token: null });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ready", database: onPostgres ? "postgres" : "pglite" });
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

// Last: it closes the database under the running app.
describe("readiness when the database is gone", () => {
  it("answers 503 with the envelope, and liveness stays up", async () => {
    await t.database.close();
    const res = await t.request("GET", "/readyz", { token: null });
    expect(res.status).toBe(503);
    expect(res.json.error).toMatchObject({ code: "UNAVAILABLE", message: "The database is not reachable." });
    expect((await t.request("GET", "/healthz", { token: null })).status).toBe(200);
  });
});
