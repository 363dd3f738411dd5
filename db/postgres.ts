import { type SQL, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { queryRows } from "./rows.js";
import * as schema from "./schema/index.js";
import type { Database, Db } from "./types.js";

export interface PostgresOptions {
  /** Pool size. */
  max?: number;
  /** Workers/Hyperdrive: skip the type round trip at connect time. */
  fetchTypes?: boolean;
  /**
   * Longest wait for a connection, in seconds (default 5): with the database down, a request fails
   * (503) within this rather than postgres.js' 30 s.
   */
  connectTimeoutSeconds?: number;
  /** PostgreSQL's `statement_timeout` for every statement, in ms; unset: the server's setting. */
  statementTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_SECONDS = 5;

/** PostgreSQL through postgres.js; works on Node and on Workers (nodejs_compat). */
export function createPostgresDb(url: string, options: PostgresOptions = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    fetch_types: options.fetchTypes ?? true,
    onnotice: () => {},
    connect_timeout: options.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS,
    connection: {
      application_name: "baton",
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
  });
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    driver: "postgres",
    rows: <T extends Record<string, unknown>>(query: SQL) => queryRows<T>(db, query),
    async listen(channel, onNotify, onListen) {
      const { unlisten } = await client.listen(channel, onNotify, onListen);
      return unlisten;
    },
    async preparedRows<T extends Record<string, unknown>>(text: string, params: readonly unknown[]) {
      return [...((await client.unsafe(text, params as never[], { prepare: true })) as unknown as T[])];
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async migrate(migrationsFolder = defaultMigrationsFolder()) {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      await migrate(drizzle(client), { migrationsFolder });
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

export function defaultMigrationsFolder(): string {
  return new URL("../migrations", import.meta.url).pathname;
}
