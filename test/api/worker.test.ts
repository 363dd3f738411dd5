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
    const admin = await bootstrapAdmin(d.db, undefined, new Date());
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
});
