import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens } from "../../db/schema/api-tokens.js";
import { auditLog } from "../../db/schema/audit-log.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("authentication", () => {
  it.each([
    ["no Authorization header", {}],
    ["an unknown token", { Authorization: "Bearer baton_not-a-real-token" }],
    ["a Basic scheme", { Authorization: "Basic dXNlcjpwYXNz" }],
    ["an empty bearer", { Authorization: "Bearer " }],
  ])("refuses %s with 401 and the error envelope", async (_name, headers) => {
    const res = await t.request("GET", "/v1/workshops", { token: null, headers });
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect(res.json).toEqual({
      error: {
        code: "UNAUTHORIZED",
        message: expect.any(String),
        details: [],
        requestId: expect.any(String),
      },
    });
  });

  it("echoes the caller's X-Request-Id in errors", async () => {
    const res = await t.request("GET", "/v1/workshops", {
      token: null,
      headers: { "X-Request-Id": "req-123" },
    });
    expect(res.headers.get("X-Request-Id")).toBe("req-123");
    expect(res.json.error.requestId).toBe("req-123");
  });

  it("refuses a revoked token", async () => {
    const created = await t.request("POST", "/v1/tokens", { body: { name: "short-lived", role: "pm" } });
    expect(created.status).toBe(201);
    expect((await t.request("GET", "/v1/workshops", { token: created.json.token })).status).toBe(200);
    const revoked = await t.request("DELETE", `/v1/tokens/${created.json.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.revokedAt).not.toBeNull();
    expect((await t.request("GET", "/v1/workshops", { token: created.json.token })).status).toBe(401);
  });
});

describe("roles", () => {
  it.each([
    ["pm", "POST", "/v1/tokens", { name: "x", role: "pm" }],
    ["facilitator", "GET", "/v1/tokens", undefined],
    ["ingest", "GET", "/v1/workshops", undefined],
    ["pm", "POST", "/v1/workshops", { name: "W", timezone: "UTC", startDate: "2026-01-05" }],
  ] as const)(
    "refuses a %s token on %s %s with 403 before looking at the body",
    async (role, method, path, body) => {
      const token = await t.tokenFor(role);
      const before = await t.database.db.select().from(auditLog);
      const res = await t.request(method, path, { token, body });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe("FORBIDDEN");
      expect(res.json.error.message).toContain(`role ${role}`);
      expect(await t.database.db.select().from(auditLog)).toHaveLength(before.length);
    },
  );

  it("lets a facilitator create a workshop and a pm read it", async () => {
    const created = await t.request("POST", "/v1/workshops", {
      token: await t.tokenFor("facilitator"),
      body: { name: "W", timezone: "UTC", startDate: "2026-01-05" },
    });
    expect(created.status).toBe(201);
    const read = await t.request("GET", `/v1/workshops/${created.json.id}`, {
      token: await t.tokenFor("pm"),
    });
    expect(read.status).toBe(200);
    expect(read.json.name).toBe("W");
  });
});

describe("tokens", () => {
  it("shows the secret once and stores only its hash", async () => {
    const res = await t.request("POST", "/v1/tokens", { body: { name: "slack-bot", role: "bot" } });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: "slack-bot", role: "bot", revokedAt: null });
    expect(res.json.token).toMatch(/^baton_[A-Za-z0-9_-]{43}$/);
    expect(res.json.prefix).toBe(res.json.token.slice(0, 12));
    const [row] = await t.database.db.select().from(apiTokens).where(eq(apiTokens.id, res.json.id));
    expect(JSON.stringify(row)).not.toContain(res.json.token);
    const list = await t.request("GET", "/v1/tokens");
    expect(list.text).not.toContain(res.json.token);
    expect(list.json.tokens.map((x: { name: string }) => x.name)).toContain("slack-bot");
    expect(t.logs.text()).not.toContain(res.json.token);
  });

  it("audits token creation with the acting token", async () => {
    const res = await t.request("POST", "/v1/tokens", { body: { name: "audited", role: "pm" } });
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, res.json.id));
    expect(entries).toEqual([expect.objectContaining({ action: "token.create", entityType: "token" })]);
    expect(entries[0]?.actor).toMatch(/^token:[0-9a-f-]{36}$/);
  });

  it("refuses a duplicate name with 409 naming the field", async () => {
    await t.request("POST", "/v1/tokens", { body: { name: "dup", role: "pm" } });
    const res = await t.request("POST", "/v1/tokens", { body: { name: "dup", role: "admin" } });
    expect(res.status).toBe(409);
    expect(res.json.error.details).toEqual([{ path: "name", message: "already taken" }]);
  });

  it.each([
    [{ name: "x", role: "root" }, "role"],
    [{ role: "pm" }, "name"],
    [{ name: "x", role: "pm", extra: 1 }, "extra"],
  ])("refuses %j naming %s", async (body, field) => {
    const res = await t.request("POST", "/v1/tokens", { body });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("VALIDATION");
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("will not revoke the last active admin token", async () => {
    const list = await t.request("GET", "/v1/tokens");
    const admins = list.json.tokens.filter(
      (x: { role: string; revokedAt: string | null }) => x.role === "admin" && !x.revokedAt,
    );
    expect(admins).toHaveLength(1);
    const res = await t.request("DELETE", `/v1/tokens/${admins[0].id}`);
    expect(res.status).toBe(409);
    expect((await t.request("GET", "/v1/tokens")).status).toBe(200);
  });

  it("answers 404 for an unknown token id and 400 for a malformed one", async () => {
    expect((await t.request("DELETE", "/v1/tokens/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    const bad = await t.request("DELETE", "/v1/tokens/nope");
    expect(bad.status).toBe(400);
    expect(bad.json.error.details[0].path).toBe("id");
  });
});

describe("remembered tokens", () => {
  it("keep a token revoked by another replica working for at most tokenCacheSeconds; revoking here forgets at once", async () => {
    for (const [seconds, afterRevoke] of [
      [10, 200],
      [0, 401],
    ] as const) {
      const app = await createTestApp({ tokenCacheSeconds: seconds });
      try {
        const created = await app.request("POST", "/v1/tokens", {
          body: { name: "replica-test", role: "pm" },
        });
        const token = created.json.token as string;
        expect((await app.request("GET", "/v1/workshops", { token })).status).toBe(200);
        // Another replica revokes it: this one learns of it when its cache entry expires.
        await app.database.db
          .update(apiTokens)
          .set({ revokedAt: new Date() })
          .where(eq(apiTokens.id, created.json.id));
        expect((await app.request("GET", "/v1/workshops", { token })).status).toBe(afterRevoke);
      } finally {
        await app.close();
      }
    }
  });

  it("forget every remembered token when one is revoked through this process", async () => {
    const app = await createTestApp({ tokenCacheSeconds: 10 });
    try {
      const created = await app.request("POST", "/v1/tokens", { body: { name: "local-revoke", role: "pm" } });
      const token = created.json.token as string;
      expect((await app.request("GET", "/v1/workshops", { token })).status).toBe(200);
      await app.request("DELETE", `/v1/tokens/${created.json.id}`);
      expect((await app.request("GET", "/v1/workshops", { token })).status).toBe(401);
    } finally {
      await app.close();
    }
  });
});
