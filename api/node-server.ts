import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { DestinationStream } from "pino";
import { type Bots, createBots } from "../bot/index.js";
import { createDb } from "../db/index.js";
import type { Database } from "../db/types.js";
import { createApp } from "./app.js";
import type { Config } from "./config.js";
import { heldMessage, isOnDisk, readHolder, writeHolder } from "./lib/local-holder.js";
import { createLogger } from "./logger.js";
import type { CreatedToken } from "./schemas/token.js";
import { bootstrapAdmin } from "./services/bootstrap-admin.js";
import { systemContext } from "./services/context.js";
import { startProcessBotIdentity } from "./services/internal-token.js";
import { startRetentionLoop } from "./services/retention.js";
import { createToken, revokeToken } from "./services/tokens.js";

export interface RunningServer {
  url: string;
  database: Database;
  /** The chat bots and their timer relay (tests drive the relay directly). */
  bots: Bots;
  /** This process's own bot token id (see startProcessBotIdentity). */
  botTokenId: string;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  /**
   * Where the start-up banner goes: stderr, for the person at the terminal, while stdout carries the
   * JSON log stream to the collector. The generated admin token is printed here, never to the log.
   */
  print?: (line: string) => void;
  logDestination?: DestinationStream;
}

/** Opens the database, applies migrations, makes sure an admin exists, and serves the API. */
export async function startNodeServer({
  config,
  print = (line) => process.stderr.write(`${line}\n`),
  logDestination,
}: StartOptions): Promise<RunningServer> {
  const logger = createLogger(config.LOG_LEVEL, logDestination);
  const embedded = !config.DATABASE_URL && isOnDisk(config.PGLITE_DIR);
  const holder = embedded ? await readHolder(config.PGLITE_DIR) : null;
  if (holder) throw new Error(heldMessage(config.PGLITE_DIR, holder, "this server"));
  // Claimed before the folder is opened, so a chat or an import started meanwhile waits or says so.
  const unhold = embedded ? await writeHolder(config.PGLITE_DIR, { kind: "server" }) : null;
  const database = await createDb({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR });
  try {
    await database.migrate();
    const admin = await bootstrapAdmin(database, config.ADMIN_TOKEN, new Date());
    let draining = false;
    const app = createApp({
      database,
      isDraining: () => draining,
      logger,
      githubWebhookSecret: config.GITHUB_WEBHOOK_SECRET ?? null,
      publicUrl: config.PUBLIC_URL ?? null,
      rateLimit: { failures: config.RATE_LIMIT_FAILURES, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS },
      trustProxy: config.TRUST_PROXY === "1" || config.TRUST_PROXY === "true",
      voterKeySecret: config.VOTER_KEY_SECRET ?? null,
      retentionDays: config.RETENTION_DAYS ?? null,
      operator: { name: config.OPERATOR_NAME, contact: config.OPERATOR_CONTACT },
    });
    // This process's own bot identity: never shared, so replicas do not revoke each other's.
    const identity = await startProcessBotIdentity(database.db, {
      onError: (err) => logger.warn({ err }, "bot identity heartbeat failed"),
    });
    const bots = createBots({ config, logger, inProcess: { fetch: app.fetch, token: identity.token } });
    // One HTTP server: the bots' webhook routes, and the API for everything else.
    const fetch = (request: Request) => {
      const route = request.method === "POST" ? bots.routes[new URL(request.url).pathname] : undefined;
      return route ? route(request) : app.fetch(request);
    };
    const server = serve({ fetch, port: config.PORT });
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve);
      server.once("error", reject);
    });
    await bots.start();
    // Retention: workshops that ended longer ago than their retention are deleted, hourly and at start.
    const retention = startRetentionLoop(database, config.RETENTION_DAYS ?? null, logger);
    const { port } = server.address() as AddressInfo;
    const url = `http://localhost:${port}`;
    const releaseHolder = embedded ? await holdForLocalClients(database, config.PGLITE_DIR, url) : unhold;
    logger.info({ port, database: database.driver }, "listening");
    print(`Baton API listening on ${url}`);
    print(`  API reference: ${url}/docs   OpenAPI: ${url}/openapi.json`);
    print(
      `  Database: ${database.driver === "pglite" ? `embedded PGlite in ${config.PGLITE_DIR}` : "PostgreSQL (DATABASE_URL)"}`,
    );
    print(
      bots.enabled.length
        ? `  Chat: ${bots.enabled.join(", ")}`
        : "  Chat: no bot configured (see docs/slack.md); `npm run chat` talks to Baton in this terminal.",
    );
    if (admin.kind === "generated") {
      print("");
      print("  An admin token was generated. It is shown this once and stored only as a hash:");
      print(`    ${admin.token}`);
      print(`  Try: curl -H "Authorization: Bearer ${admin.token}" ${url}/v1/workshops`);
    } else if (admin.kind === "env") {
      print("  Admin token: the one in ADMIN_TOKEN.");
    } else {
      print("  Admin token: the one printed at first start (set ADMIN_TOKEN to choose your own).");
    }
    // Drain, in order: (1) `/readyz` answers 503, so a load balancer stops sending new work, while
    // everything else is still served for SHUTDOWN_DELAY_SECONDS; (2) the timer relays and bots stop;
    // (3) no new connections, idle keep-alive ones closed now, requests in flight get
    // SHUTDOWN_TIMEOUT_SECONDS to finish before their connections are cut; (4) the database closes.
    const drain = async () => {
      draining = true;
      if (config.SHUTDOWN_DELAY_SECONDS > 0) {
        logger.info({ seconds: config.SHUTDOWN_DELAY_SECONDS }, "draining: readiness is 503");
        await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_DELAY_SECONDS * 1000));
      }
      retention.stop();
      await bots.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      const http = server as unknown as { closeIdleConnections?(): void; closeAllConnections?(): void };
      http.closeIdleConnections?.();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          http.closeAllConnections?.();
          resolve();
        }, config.SHUTDOWN_TIMEOUT_SECONDS * 1000);
      });
      await Promise.race([closed, deadline]);
      clearTimeout(timer);
      await identity.close();
      await releaseHolder?.();
      await database.close();
    };
    let closing: Promise<void> | undefined;
    return {
      url,
      database,
      bots,
      botTokenId: identity.tokenId,
      /** Drains once; a second call (a second signal) waits for the same drain. */
      close() {
        closing ??= drain();
        return closing;
      },
    };
  } catch (err) {
    await database.close();
    await unhold?.();
    throw err;
  }
}

/**
 * Says that this server holds the embedded database folder, with tokens of their own for the terminal
 * chat and the CSV importer, so they work on the same data through this API instead of opening the
 * folder a second time. Returns what undoes it: the tokens revoked and the note removed.
 */
async function holdForLocalClients(database: Database, pgliteDir: string, url: string) {
  const ctx = () => systemContext(database, new Date());
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  let chat: CreatedToken;
  let importer: CreatedToken;
  try {
    chat = await createToken(ctx(), { name: `terminal chat ${suffix}`, role: "bot" });
    importer = await createToken(ctx(), { name: `csv import ${suffix}`, role: "ingest" });
  } catch {
    // Several organisations: a token needs one named, so the chat and importer are told the folder is held.
    return writeHolder(pgliteDir, { kind: "server", url });
  }
  const remove = await writeHolder(pgliteDir, {
    kind: "server",
    url,
    chatToken: chat.token,
    importToken: importer.token,
  });
  return async () => {
    await remove();
    for (const t of [chat, importer]) await revokeToken(ctx(), t.id);
  };
}
