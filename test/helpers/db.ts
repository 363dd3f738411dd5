import postgres from "postgres";
import { createPgliteDb } from "../../db/pglite.js";
import { createPostgresDb } from "../../db/postgres.js";
import type { Database } from "../../db/types.js";

/** Which database the suite runs on: PostgreSQL when DATABASE_URL is set, else PGlite. */
export const onPostgres = Boolean(process.env.DATABASE_URL);

export interface TestDatabase extends Database {
  /** The PostgreSQL URL of this database; undefined on PGlite. */
  url?: string;
  /** Closes the connection and, on PostgreSQL, drops the database. */
  destroy(): Promise<void>;
}

/**
 * A migrated, empty database of its own: PGlite in memory, or on PostgreSQL a new database
 * created next to DATABASE_URL's and dropped by `destroy()`. Never a mock.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await createPgliteDb("memory://");
    await database.migrate();
    return { ...database, destroy: () => database.close() };
  }
  const name = `baton_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = createPostgresDb(target.toString());
  await database.migrate();
  let closed = false;
  return {
    ...database,
    url: target.toString(),
    async close() {
      closed = true;
      await database.close();
    },
    async destroy() {
      if (!closed) await database.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
