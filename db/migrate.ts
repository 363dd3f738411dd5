import { loadConfig } from "../api/config.js";
import { createDb } from "./index.js";

// `npm run db:migrate`: applies migrations/ to DATABASE_URL (or the embedded database) and exits.
const config = loadConfig(process.env);
const database = await createDb({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
try {
  await database.migrate();
  console.log(`Migrations applied (${database.driver}).`);
} finally {
  await database.close();
}
