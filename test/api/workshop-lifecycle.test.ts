import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app.js";
import { dueForPurge, type WorkshopSpan } from "../../api/domain/retention/purge.js";
import { createLogger } from "../../api/logger.js";
import { purgeExpiredWorkshops, workshopSpans } from "../../api/services/retention.js";
import { legacyVoterKey, VoterKeys } from "../../api/services/voter-key.js";
import { createTestApp, type TestApp } from "../helpers/app.js";
import { castVotes, launchPoll, person, runningWorkshop } from "../helpers/polls.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const count = async (table: string, workshopId: string) =>
  Number(
    (
      await t.database.rows<{ n: number }>(
        sql`select count(*)::int as n from ${sql.identifier(table)} where workshop_id = ${workshopId}`,
      )
    )[0]?.n,
  );

describe("DELETE /v1/workshops/{id}", () => {
  it("every table with a workshop_id references workshops on delete cascade", async () => {
    const rows = await t.database.rows<{ table_name: string; cascades: boolean }>(sql`
      select c.table_name, exists (
        select 1 from pg_constraint pc
        join pg_class t on t.oid = pc.conrelid
        join pg_attribute a on a.attrelid = t.oid and a.attnum = any (pc.conkey)
        where pc.contype = 'f' and pc.confdeltype = 'c' and t.relname = c.table_name and a.attname = 'workshop_id'
      ) as cascades
      from information_schema.columns c
      where c.table_schema = 'public' and c.column_name = 'workshop_id'`);
    expect(rows.length).toBeGreaterThan(8);
    // api_tokens.workshop_id (a token narrowed to one workshop) has no foreign key on purpose.
    for (const r of rows.filter((r) => r.table_name !== "api_tokens"))
      expect([r.table_name, r.cascades]).toEqual([r.table_name, true]);
  });

  it("removes the workshop and everything in it, audits it, and 404s after", async () => {
    const w = await runningWorkshop(t);
    const poll = (await launchPoll(t, w, { kind: "scorecard" })).json.id as string;
    await castVotes(t, w.bot, poll, person("UX"), [{ option: "aws-msk", factor: "cost", value: "H" }]);
    expect(await count("timer_events", w.id)).toBeGreaterThan(0);
    expect(
      (await t.request("DELETE", `/v1/workshops/${w.id}`, { token: await t.tokenFor("pm") })).status,
    ).toBe(403);
    const res = await t.request("DELETE", `/v1/workshops/${w.id}`, {
      token: await t.tokenFor("facilitator"),
    });
    expect(res.status).toBe(204);
    for (const table of ["agenda_items", "timer_events", "channel_bindings", "polls", "audit_log"])
      expect(await count(table, w.id), table).toBe(0);
    const votes = await t.database.rows<{ n: number }>(
      sql`select count(*)::int as n from votes where poll_id = ${poll}`,
    );
    expect(votes[0]?.n).toBe(0);
    expect((await t.request("GET", `/v1/workshops/${w.id}`)).status).toBe(404);
    expect((await t.request("DELETE", `/v1/workshops/${w.id}`)).status).toBe(404);
    const log = (await t.request("GET", "/v1/audit?limit=500")).json.entries as {
      action: string;
      entityId: string;
    }[];
    expect(log.filter((e) => e.action === "workshop.delete").map((e) => e.entityId)).toEqual([w.id]);
  });
});

describe("retention", () => {
  const at = (iso: string) => new Date(iso);
  const span = (o: Partial<WorkshopSpan>): WorkshopSpan => ({
    workshopId: "w",
    lastPlannedEnd: at("2026-01-10T17:00:00Z"),
    lastActualEnd: null,
    live: false,
    retentionDays: 30,
    ...o,
  });
  it.each([
    ["ended 30 days and 1 ms ago", span({}), "2026-02-09T17:00:00.001Z", true],
    ["ended exactly 30 days ago", span({}), "2026-02-09T17:00:00Z", false],
    [
      "overran: the actual end counts",
      span({ lastActualEnd: at("2026-01-12T09:00:00Z") }),
      "2026-02-10T12:00:00Z",
      false,
    ],
    ["a session still running", span({ live: true }), "2027-01-01T00:00:00Z", false],
    ["no retention set", span({ retentionDays: null }), "2030-01-01T00:00:00Z", false],
    ["no agenda items", span({ lastPlannedEnd: null }), "2030-01-01T00:00:00Z", false],
  ])("%s", (_name, w, now, due) => {
    expect(dueForPurge([w], at(now)).length > 0).toBe(due);
  });

  it("the purge deletes ended workshops past their retention, with a fake clock", async () => {
    const w = await runningWorkshop(t);
    // The agenda is today on the fake clock; a session is running, so it has not ended.
    const now = t.clock.now();
    const later = new Date(now.getTime() + 40 * 86_400_000);
    expect(await purgeExpiredWorkshops(t.database, { now: later, retentionDays: 30 })).toEqual([]);
    for (const _ of [1, 2, 3]) {
      const r = await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
        token: w.bot,
        body: {
          action: "next",
          actor: { platform: "slack", userId: "UFAC", displayName: "Fran Facilitator" },
        },
      });
      if (r.status !== 200) break;
    }
    const soon = new Date(now.getTime() + 10 * 86_400_000);
    expect(
      (await purgeExpiredWorkshops(t.database, { now: soon, retentionDays: 30 })).map((d) => d.workshopId),
    ).not.toContain(w.id);
    expect((await purgeExpiredWorkshops(t.database, { now: later, retentionDays: null })).length).toBe(0);
    const done = await purgeExpiredWorkshops(t.database, { now: later, retentionDays: 30 });
    expect(done.map((d) => d.workshopId)).toContain(w.id);
    expect((await t.request("GET", `/v1/workshops/${w.id}`)).status).toBe(404);
    const log = (await t.request("GET", "/v1/audit?limit=500")).json.entries as {
      action: string;
      entityId: string;
      actor: string;
    }[];
    expect(log.find((e) => e.action === "workshop.purge" && e.entityId === w.id)?.actor).toBe("system");
  });
});

describe("anonymous voter keys", () => {
  it("are an HMAC with the server's secret, shared by every app on the database; old polls keep their keys", async () => {
    const w = await runningWorkshop(t);
    const poll = (await launchPoll(t, w, { kind: "scorecard", anonymous: true })).json.id as string;
    await castVotes(t, w.bot, poll, person("UANON"), [{ option: "aws-msk", factor: "cost", value: "H" }]);
    const [stored] = await t.database.rows<{ voter: string }>(
      sql`select voter from votes where poll_id = ${poll}`,
    );
    expect(stored?.voter).toMatch(/^anon:[0-9a-f]{40}$/);
    // Not the bare SHA-256 anyone could recompute from the poll id and a user id.
    expect(stored?.voter).not.toBe(await legacyVoterKey(poll, "slack:UANON"));
    // A second app (another replica) on the same database finds the same key, so the voter sees their vote.
    const other = createApp({ database: t.database, logger: createLogger("silent"), now: t.clock.now });
    const mine = await other.request(`/v1/polls/${poll}?viewer=${encodeURIComponent("slack:UANON")}`, {
      headers: { Authorization: `Bearer ${w.bot}` },
    });
    expect(((await mine.json()) as { myVotes: unknown[] }).myVotes).toHaveLength(1);
    // A poll made before keyed hashes (voter_key_version null) keeps its bare SHA-256 keys.
    await t.database.rows(sql`update polls set voter_key_version = null where id = ${poll}`);
    const keys = new VoterKeys(t.database.db, null);
    expect(await keys.voterKey({ id: poll, anonymous: true, voterKeyVersion: null }, "slack:UANON")).toBe(
      await legacyVoterKey(poll, "slack:UANON"),
    );
    // VOTER_KEY_SECRET, when set, is the key.
    const a = new VoterKeys(t.database.db, "x".repeat(32));
    const b = new VoterKeys(t.database.db, "y".repeat(32));
    const p = { id: poll, anonymous: true, voterKeyVersion: 2 };
    expect(await a.voterKey(p, "slack:U1")).not.toBe(await b.voterKey(p, "slack:U1"));
  });
});

describe("retention per organisation", () => {
  // Last in the file: a second organisation makes later workshops name theirs.
  it("an organisation's retention_days wins over RETENTION_DAYS; without one the default applies", async () => {
    const w = await runningWorkshop(t);
    const kept = await runningWorkshop(t);
    // An organisation without its own retention (the default one) falls back to RETENTION_DAYS.
    expect((await workshopSpans(t.database, 42)).find((s) => s.workshopId === kept.id)?.retentionDays).toBe(
      42,
    );
    for (const _ of [1, 2, 3]) {
      const r = await t.request("POST", `/v1/workshops/${w.id}/agenda/actions`, {
        token: w.bot,
        body: {
          action: "next",
          actor: { platform: "slack", userId: "UFAC", displayName: "Fran Facilitator" },
        },
      });
      if (r.status !== 200) break;
    }
    const org = await t.request("POST", "/v1/orgs", { body: { name: `short-${w.id}`, retentionDays: 5 } });
    expect(org.status).toBe(201);
    await t.database.rows(sql`update workshops set org_id = ${org.json.id as string} where id = ${w.id}`);
    const tenDays = new Date(t.clock.now().getTime() + 10 * 86_400_000);
    // The default (30 days, or none) would keep it; its organisation's 5 days do not.
    const done = await purgeExpiredWorkshops(t.database, { now: tenDays, retentionDays: null });
    expect(done.find((d) => d.workshopId === w.id)?.retentionDays).toBe(5);
    expect((await t.request("GET", `/v1/workshops/${w.id}`)).status).toBe(404);
  });
});
