import { userInfo } from "node:os";
import { createApp } from "../../api/app.js";
import { loadConfig, ownAddress } from "../../api/config.js";
import { awaitHolder, heldMessage, isOnDisk, writeHolder } from "../../api/lib/local-holder.js";
import { createLogger } from "../../api/logger.js";
import { startProcessBotIdentity } from "../../api/services/internal-token.js";
import { createDb } from "../../db/index.js";
import { createApiClient } from "../api-client.js";
import { createCore } from "../core/core.js";
import { TimerRelay } from "../core/relay.js";
import { startConsoleSession } from "./session.js";

// `npm run chat`: Baton in this terminal, on the same data as `npm start`. Next to a running `npm start`
// on the embedded database it talks to that server's API (the server leaves it a token beside the
// database folder); alone, it opens the embedded database itself (./.data/pglite, kept across runs);
// with API_URL and API_TOKEN, a remote API; with DATABASE_URL, that PostgreSQL database.
const config = loadConfig({ LOG_LEVEL: "warn", ...process.env });
const logger = createLogger(config.LOG_LEVEL);
let database: Awaited<ReturnType<typeof createDb>> | undefined;
let api: ReturnType<typeof createApiClient>;
let identity: Awaited<ReturnType<typeof startProcessBotIdentity>> | undefined;
let where: string;
let release = async () => {};
const holder = config.API_URL || config.DATABASE_URL ? null : await awaitHolder(config.PGLITE_DIR);
if (config.API_URL) {
  api = createApiClient({ baseUrl: config.API_URL, token: config.API_TOKEN ?? "" });
  where = `the API at ${config.API_URL}`;
} else if (holder?.kind === "server" && holder.url && holder.chatToken) {
  api = createApiClient({ baseUrl: holder.url, token: holder.chatToken });
  where = `the Baton server at ${holder.url} (the same data as \`npm start\`)`;
} else if (holder) {
  console.error(heldMessage(config.PGLITE_DIR, holder, "this chat"));
  process.exit(1);
} else {
  database = await createDb({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  await database.migrate();
  if (!config.DATABASE_URL) release = await writeHolder(config.PGLITE_DIR, { kind: "chat" });
  const app = createApp({ database, logger });
  identity = await startProcessBotIdentity(database.db);
  // Links made here open once `npm start` serves this data (PUBLIC_URL, else localhost:PORT).
  api = createApiClient({ fetch: app.fetch, token: identity.token, baseUrl: ownAddress(config) });
  where = config.DATABASE_URL
    ? "PostgreSQL (DATABASE_URL)"
    : isOnDisk(config.PGLITE_DIR)
      ? `the embedded database in ${config.PGLITE_DIR}, kept for next time and for \`npm start\``
      : "a throwaway in-memory database (PGLITE_DIR=memory://): everything is gone at /quit";
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
  actor: { platform: "console", userId: who, displayName: who, workspaceId: "console" },
  channel: { platform: "console", channelId: `terminal-${who}` },
});
relay = new TimerRelay({ api, posters: { console: session.poster }, logger, intervalMs: 500 });
relay.start();

console.log("Baton chat — the same commands as in Slack and Teams. Try:");
console.log("  /agenda start demo   a 6-minute agenda, to see warnings and time's up");
console.log("  /agenda start        the two-day workshop from the template");
console.log("  /agenda help         all commands;   /quit to leave");
console.log("A button's number presses it; a form asks one field per line (/cancel closes it).");
console.log(`Working on ${where}.\n`);

await session.done;
await relay.stop();
await identity?.close();
await release();
await database?.close();
process.exit(0);
