import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FailureLimiter } from "../../api/lib/rate-limit.js";
import { createTestApp, type TestApp } from "../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ rateLimit: { failures: 3, windowSeconds: 60 }, trustProxy: true });
});
afterAll(async () => {
  await t.close();
});

const from = (ip: string) => ({ "X-Forwarded-For": ip });

describe("rate limiting of failed attempts (429 + Retry-After)", () => {
  it("refuses a client IP after its failed authentications, before looking the token up", async () => {
    for (let i = 0; i < 3; i++) {
      const res = await t.request("GET", "/v1/workshops", {
        token: `wrong-${i}-xxxxxxxx`,
        headers: from("10.0.0.1"),
      });
      expect(res.status).toBe(401);
    }
    const blocked = await t.request("GET", "/v1/workshops", { headers: from("10.0.0.1") });
    expect(blocked.status).toBe(429);
    expect(blocked.json.error.code).toBe("RATE_LIMITED");
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another address is not affected, and a good token from it works.
    expect((await t.request("GET", "/v1/workshops", { headers: from("10.0.0.2") })).status).toBe(200);
  });

  it("counts guesses at feed secrets, including the %2F spelling", async () => {
    for (const path of [
      "/feeds/roadmap/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.ics",
      "/feeds/roadmap%2Fbbbb.ics",
      "/feeds/roadmap/c.ics",
    ]) {
      expect((await t.request("GET", path, { token: null, headers: from("10.0.0.3") })).status).toBe(404);
    }
    const res = await t.request("GET", "/feeds/roadmap/d.ics", { token: null, headers: from("10.0.0.3") });
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBeTruthy();
  });

  it("counts bad webhook signatures", async () => {
    const own = await createTestApp({
      rateLimit: { failures: 2, windowSeconds: 60 },
      trustProxy: true,
      githubWebhookSecret: "s3cret",
    });
    const hook = () =>
      own.request("POST", "/v1/webhooks/github", {
        token: null,
        body: "{}",
        headers: {
          ...from("10.0.0.4"),
          "X-Hub-Signature-256": "sha256=00",
          "X-GitHub-Event": "push",
          "X-GitHub-Delivery": "d",
        },
      });
    expect((await hook()).status).toBe(401);
    expect((await hook()).status).toBe(401);
    expect((await hook()).status).toBe(429);
    await own.close();
  });

  it("forgets failures when the window ends", () => {
    let now = 0;
    const limiter = new FailureLimiter(2, 60_000, () => now);
    limiter.fail("k");
    limiter.fail("k");
    expect(limiter.retryAfterSeconds("k")).toBe(60);
    now = 59_001;
    expect(limiter.retryAfterSeconds("k")).toBe(1);
    now = 60_000;
    expect(limiter.retryAfterSeconds("k")).toBe(0);
  });

  it("stays bounded in memory", () => {
    const limiter = new FailureLimiter(1, 60_000, () => 0, 100);
    for (let i = 0; i < 1000; i++) limiter.fail(`k${i}`);
    expect(limiter.retryAfterSeconds("k999")).toBe(60);
    expect(limiter.retryAfterSeconds("k0")).toBe(0);
  });
});
