import { createPgliteDb } from "./pglite.js";
import { createPostgresDb } from "./postgres.js";
import type { Database } from "./types.js";

export * as schema from "./schema/index.js";
export type { Database, Db } from "./types.js";

export interface DbConfig {
  /** PostgreSQL URL; when unset, embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder, or `memory://`. */
  pgliteDir?: string | undefined;
}

export const DEFAULT_PGLITE_DIR = "./.data/pglite";

/** PostgreSQL (postgres.js) when a URL is given, else embedded PGlite. Same schema, same migrations. */
export async function createDb(config: DbConfig = {}): Promise<Database> {
  if (config.databaseUrl) return createPostgresDb(config.databaseUrl);
  return createPgliteDb(config.pgliteDir ?? DEFAULT_PGLITE_DIR);
}
