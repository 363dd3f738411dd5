import type { SQL } from "drizzle-orm";
import type { Db } from "./types.js";

/**
 * Runs raw SQL on the database or on an open transaction and returns its rows, whichever driver is
 * behind (postgres.js answers an array, PGlite `{ rows }`). `Database.rows` does the same outside a
 * transaction.
 */
export async function queryRows<T extends Record<string, unknown>>(
  runner: Pick<Db, "execute">,
  query: SQL,
): Promise<T[]> {
  const result = (await runner.execute(query)) as unknown;
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}
