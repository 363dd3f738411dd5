import { userInfo } from "node:os";
import { createApp } from "../../api/app.js";
import { loadConfig } from "../../api/config.js";
import { createLogger } from "../../api/logger.js";
import { startProcessBotIdentity } from "../../api/services/internal-token.js";
import { createDb } from "../../db/index.js";
import { createApiClient } from "../api-client.js";
import { createCore } from "../core/agenda.js";
import { TimerRelay } from "../core/relay.js";
import { startConsoleSession } from "./session.js";

// `npm run chat`: Baton in this terminal. In-process API on a throwaway in-memory database unless
// DATABASE_URL or PGLITE_DIR says otherwise (never the folder a running `npm start` holds), or a
// remote API with API_URL and API_TOKEN.
const config = loadConfig({ LOG_LEVEL: "warn", ...process.env });
const logger = createLogger(config.LOG_LEVEL);
let database: Awaited<ReturnType<typeof createDb>> | undefined;
let api: ReturnType<typeof createApiClient>;
let identity: Awaited<ReturnType<typeof startProcessBotIdentity>> | undefined;
if (config.API_URL) {
  api = createApiClient({ baseUrl: config.API_URL, token: config.API_TOKEN ?? "" });
} else {
  database = await createDb({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: process.env.PGLITE_DIR ?? "memory://",
  });
  await database.migrate();
  const app = createApp({ database, logger });
  identity = await startProcessBotIdentity(database.db);
  api = createApiClient({ fetch: app.fetch, token: identity.token });
}

const who = userInfo().username || "you";
let relay: TimerRelay | undefined;
const core = createCore({
  api,
  onAgendaChanged: () => relay?.kick(),
  defaultTimezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
});
const session = startConsoleSession({
  core,
  input: process.stdin,
  output: process.stdout,
  actor: { platform: "console", userId: who, displayName: who },
  channel: { platform: "console", channelId: `terminal-${who}` },
});
relay = new TimerRelay({ api, posters: { console: session.poster }, logger, intervalMs: 500 });
relay.start();

console.log("Baton chat — the same commands as in Slack and Teams. Try:");
console.log("  /agenda start demo   a 6-minute agenda, to see warnings and time's up");
console.log("  /agenda start        the two-day workshop from the template");
console.log("  /agenda help         all commands;   /quit to leave");
console.log("A button's number presses it; a form asks one field per line (/cancel closes it).\n");

await session.done;
await relay.stop();
await identity?.close();
await database?.close();
process.exit(0);
