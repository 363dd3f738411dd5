import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { defaultMigrationsFolder } from "./postgres.js";
import { queryRows } from "./rows.js";
import * as schema from "./schema/index.js";
import type { Database, Db } from "./types.js";

/** Embedded PostgreSQL (PGlite, WASM). `dataDir` is a folder, or `memory://` for a throwaway database. */
export async function createPgliteDb(dataDir: string): Promise<Database> {
  if (!dataDir.startsWith("memory://")) await mkdir(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir);
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    rows: <T extends Record<string, unknown>>(query: SQL) => queryRows<T>(db, query),
    async preparedRows<T extends Record<string, unknown>>(text: string, params: readonly unknown[]) {
      // In process: no round trips to save.
      return (await client.query<T>(text, [...params])).rows;
    },
    async listen(channel, onNotify, onListen) {
      const stop = await client.listen(channel, onNotify);
      onListen?.();
      return async () => {
        if (!client.closed) await stop();
      };
    },
    async ping() {
      if (client.closed) throw new Error("database is closed");
      await db.execute(sql`select 1`);
    },
    async migrate(migrationsFolder = defaultMigrationsFolder()) {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(drizzle(client), { migrationsFolder });
    },
    async close() {
      // PGlite keeps the event loop alive until it is closed.
      if (!client.closed) await client.close();
    },
  };
}
