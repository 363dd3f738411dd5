import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema/index.js";

/** One typed database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  driver: "pglite" | "postgres";
  /** Runs raw SQL and returns its rows, whichever driver is behind (their `execute` results differ). */
  rows<T extends Record<string, unknown>>(query: SQL): Promise<T[]>;
  /**
   * A fixed statement text with positional parameters ($1, $2, …), prepared where the driver keeps
   * them: postgres.js then sends a statement it has seen on this connection in one round trip
   * (drizzle's unnamed queries with parameters take two: describe, then execute), and nothing is
   * built per call. For hot paths only; everything else goes through drizzle.
   */
  preparedRows<T extends Record<string, unknown>>(text: string, params: readonly unknown[]): Promise<T[]>;
  /**
   * Calls `onNotify` for each NOTIFY on `channel` (PostgreSQL: on a dedicated connection, which
   * postgres.js re-opens after a drop and then calls `onListen` again, so a caller can catch up on what
   * it missed; PGlite: in process). Resolves, once listening, to a function that stops it.
   */
  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onListen?: () => void,
  ): Promise<() => Promise<void>>;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  /** Applies the migrations in `migrationsFolder` (Node only: reads files). */
  migrate(migrationsFolder?: string): Promise<void>;
  close(): Promise<void>;
}

/** An open transaction on either driver. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run queries: the database or an open transaction. */
export type Queryable = Db | Tx;
