import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootstrapAdmin } from "../../api/services/bootstrap-admin.js";
import worker from "../../api/worker.js";
import { createTestDatabase, onPostgres, type TestDatabase } from "../helpers/db.js";

// The Workers entry point, driven the way the runtime drives it: fetch(request, env, ctx) with a
// Hyperdrive-shaped binding. Only on PostgreSQL: Workers never use the embedded database.
describe.skipIf(!onPostgres)("the Workers entry point", () => {
  let d: TestDatabase;
  let token: string;
  const pending: Promise<unknown>[] = [];
  const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p) };

  beforeAll(async () => {
    d = await createTestDatabase();
    const admin = await bootstrapAdmin(d, undefined, new Date());
    if (admin.kind !== "generated") throw new Error("expected a generated token");
    token = admin.token;
  });
  afterAll(async () => {
    await Promise.all(pending);
    await d.destroy();
  });

  const env = () => ({ HYPERDRIVE: { connectionString: d.url ?? "" }, LOG_LEVEL: "silent" });

  it("serves readiness and a workshop round trip through Hyperdrive's connection string", async () => {
    const ready = await worker.fetch(new Request("http://w/readyz"), env(), ctx);
    expect(ready.status).toBe(200);
    const created = await worker.fetch(
      new Request("http://w/v1/workshops", {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "On the edge", timezone: "Europe/Berlin", startDate: "2026-05-04" }),
      }),
      env(),
      ctx,
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const agenda = await worker.fetch(
      new Request(`http://w/v1/workshops/${id}/agenda`, { headers: { Authorization: `Bearer ${token}` } }),
      env(),
      ctx,
    );
    expect(((await agenda.json()) as { items: unknown[] }).items).toHaveLength(15);
    // Each request's connection is closed once the response is sent.
    expect(pending.length).toBe(3);
  });

  it("serves a roadmap feed without a token, its URL on the request's origin or PUBLIC_URL", async () => {
    const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    const created = await worker.fetch(
      new Request("http://w/v1/workshops", {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ name: "Feeds", timezone: "UTC", startDate: "2026-05-04" }),
      }),
      env(),
      ctx,
    );
    const { id } = (await created.json()) as { id: string };
    const feedsUrl = `https://edge.example.com/v1/workshops/${id}/roadmap/feeds`;
    const feed = await worker.fetch(
      new Request(feedsUrl, { method: "POST", headers: auth, body: "{}" }),
      env(),
      ctx,
    );
    expect(feed.status).toBe(201);
    const { url } = (await feed.json()) as { url: string };
    expect(url).toMatch(/^https:\/\/edge\.example\.com\/feeds\/roadmap\/[A-Za-z0-9_-]{43}\.ics$/);
    const calendar = await worker.fetch(new Request(url), env(), ctx);
    expect(calendar.status).toBe(200);
    expect(calendar.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    expect(await calendar.text()).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
    const configured = await worker.fetch(
      new Request(feedsUrl, { method: "POST", headers: auth, body: "{}" }),
      { ...env(), PUBLIC_URL: "https://plans.example.org" },
      ctx,
    );
    expect(((await configured.json()) as { url: string }).url).toMatch(
      /^https:\/\/plans\.example\.org\/feeds\//,
    );
  });
});
