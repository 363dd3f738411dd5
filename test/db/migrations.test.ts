import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../db/index.js";
import { DEFAULT_ORG_NAME, orgs } from "../../db/schema/orgs.js";
import { roadmapFeeds } from "../../db/schema/roadmap-feeds.js";
import { workshops } from "../../db/schema/workshops.js";
import type { Database } from "../../db/types.js";
import { createTestDatabase, onPostgres, type TestDatabase } from "../helpers/db.js";

/** The organisation the migrations make for data older than organisations. */
async function defaultOrgId(db: Database): Promise<string> {
  const [org] = await db.db.select().from(orgs).where(eq(orgs.name, DEFAULT_ORG_NAME));
  if (!org) throw new Error("no default organisation");
  return org.id;
}

let d: TestDatabase;
beforeAll(async () => {
  d = await createTestDatabase();
});
afterAll(async () => {
  await d.destroy();
});

describe(`migrations on ${onPostgres ? "PostgreSQL" : "PGlite"}`, () => {
  it("create every table", async () => {
    const rows = await d.rows<{ table_name: string }>(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    const names = rows.map((r) => r.table_name);
    expect(names).toEqual(
      expect.arrayContaining(["agenda_items", "api_tokens", "audit_log", "roadmap_feeds", "workshops"]),
    );
  });

  it("make the default organisation that older workshops and tokens belong to", async () => {
    expect(await defaultOrgId(d)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("are recorded, and applying them again changes nothing", async () => {
    const before = await d.rows(sql`select hash from drizzle.__drizzle_migrations order by id`);
    expect(before.length).toBeGreaterThan(0);
    await d.migrate();
    const after = await d.rows(sql`select hash from drizzle.__drizzle_migrations order by id`);
    expect(after).toEqual(before);
  });

  it("drop a workshop's roadmap feeds with it, and keep feed secrets' hashes unique", async () => {
    const [workshop] = await d.db
      .insert(workshops)
      .values({ name: "Feeds", orgId: await defaultOrgId(d), timezone: "UTC", startDate: "2026-01-05" })
      .returning();
    if (!workshop) throw new Error("no workshop");
    const feed = { workshopId: workshop.id, tokenHash: "h".repeat(64), createdBy: "test" };
    await d.db.insert(roadmapFeeds).values(feed);
    await expect(d.db.insert(roadmapFeeds).values(feed)).rejects.toThrow();
    await d.db.delete(workshops).where(eq(workshops.id, workshop.id));
    expect(await d.db.select().from(roadmapFeeds).where(eq(roadmapFeeds.workshopId, workshop.id))).toEqual(
      [],
    );
  });

  it("uses the driver the configuration asks for", () => {
    expect(d.driver).toBe(onPostgres ? "postgres" : "pglite");
  });
});

describe.skipIf(onPostgres)("embedded PGlite on disk", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "baton-pglite-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps its data across a close and reopen", async () => {
    const first = await createDb({ pgliteDir: join(dir, "data") });
    await first.migrate();
    await first.db
      .insert(workshops)
      .values({ name: "Kept", orgId: await defaultOrgId(first), timezone: "UTC", startDate: "2026-01-05" });
    await first.close();
    const second = await createDb({ pgliteDir: join(dir, "data") });
    await second.migrate();
    const rows = await second.db.select().from(workshops);
    await second.close();
    expect(rows.map((r) => r.name)).toEqual(["Kept"]);
  });
});
