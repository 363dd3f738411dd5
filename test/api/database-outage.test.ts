import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { createTestApp } from "../helpers/app.js";
import { onPostgres } from "../helpers/db.js";

const BOUND_MS = 3000;

describe.skipIf(!onPostgres)("a database that stops mid-request (PostgreSQL)", () => {
  it("answers 503 with Retry-After within the bound, changes nothing, and the next request works", async () => {
    const t = await createTestApp();
    const holder = postgres(t.database.url ?? "", { max: 1, onnotice: () => {} });
    try {
      const day = t.clock.now().toISOString().slice(0, 10);
      const created = await t.request("POST", "/v1/workshops", {
        body: {
          name: "Outage",
          timezone: "UTC",
          startDate: day,
          agenda: [{ day: 1, start: "09:00", end: "10:00", kind: "session", title: "Only" }],
        },
      });
      expect(created.status).toBe(201);
      const id = created.json.id as string;
      let answered: { status: number; retryAfter: string | null; ms: number } | undefined;
      await holder
        .begin(async (sql) => {
          // Another transaction holds the workshop: the agenda move waits for it, mid-request.
          await sql`select id from workshops where id = ${id} for update`;
          const sent = performance.now();
          const pending = t
            .request("POST", `/v1/workshops/${id}/agenda/actions`, { body: { action: "start" } })
            .then((res) => ({
              status: res.status,
              retryAfter: res.headers.get("Retry-After"),
              ms: performance.now() - sent,
            }));
          for (let waiting = 0; waiting === 0; ) {
            await new Promise((r) => setTimeout(r, 50));
            const [row] = await sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`;
            waiting = row?.n ?? 0;
          }
          // The server drops the API's connections, as a restart or a failover does.
          const stoppedAt = performance.now();
          await sql`select pg_terminate_backend(pid) from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`;
          answered = await pending;
          answered.ms = performance.now() - stoppedAt;
          await sql`rollback`.catch(() => undefined);
        })
        .catch(() => undefined);
      expect(answered?.status).toBe(503);
      expect(answered?.retryAfter).toBe("5");
      expect(answered?.ms).toBeLessThan(BOUND_MS);
      // Nothing moved, and the API serves again once the database does.
      const agenda = await t.request("GET", `/v1/workshops/${id}/agenda`);
      expect(agenda.status).toBe(200);
      expect(agenda.json.items[0].state).toBe("pending");
    } finally {
      await holder.end();
      await t.close();
    }
  });
});
