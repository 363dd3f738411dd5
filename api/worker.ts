import { createPostgresDb } from "../db/postgres.js";
import { createApp } from "./app.js";
import { createLogger } from "./logger.js";
import { purgeExpiredWorkshops } from "./services/retention.js";

/** Cloudflare Workers bindings (wrangler.toml). */
export interface WorkerEnv {
  HYPERDRIVE: { connectionString: string };
  LOG_LEVEL?: string;
  /** A Workers secret (`wrangler secret put GITHUB_WEBHOOK_SECRET`); unset turns the GitHub webhook off. */
  GITHUB_WEBHOOK_SECRET?: string;
  /** Where clients reach the API, for roadmap feed links; unset: the request's origin (right on Workers). */
  PUBLIC_URL?: string;
  /** Key of anonymous polls' voter hashes (a Workers secret); unset: the one kept in the database. */
  VOTER_KEY_SECRET?: string;
  /** Days after which ended workshops are deleted by the cron trigger; unset: kept. */
  RETENTION_DAYS?: string;
  /** Who operates this deployment, named on /privacy and /terms. */
  OPERATOR_NAME?: string;
  OPERATOR_CONTACT?: string;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

/**
 * The same API on Workers. Hyperdrive pools connections at the edge, so each request opens a small
 * postgres.js client and closes it once the response is sent. Migrations are applied before deploying
 * (`DATABASE_URL=… npm run db:migrate`), not here: Workers have no file system to read them from.
 */
export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const database = createPostgresDb(env.HYPERDRIVE.connectionString, { max: 5, fetchTypes: false });
    const app = createApp({
      database,
      logger: createLogger(env.LOG_LEVEL ?? "info"),
      githubWebhookSecret: env.GITHUB_WEBHOOK_SECRET || null,
      publicUrl: env.PUBLIC_URL || null,
      voterKeySecret: env.VOTER_KEY_SECRET || null,
      operator: { name: env.OPERATOR_NAME, contact: env.OPERATOR_CONTACT },
    });
    try {
      return await app.fetch(request);
    } finally {
      ctx.waitUntil(database.close());
    }
  },

  /** The cron trigger (wrangler.toml `[triggers]`): the retention purge, as Node runs it hourly. */
  async scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    // Runs without RETENTION_DAYS too: organisations may set their own retention.
    const days = retentionDays(env.RETENTION_DAYS);
    const database = createPostgresDb(env.HYPERDRIVE.connectionString, { max: 2, fetchTypes: false });
    try {
      await purgeExpiredWorkshops(database, { now: new Date(), retentionDays: days });
    } finally {
      ctx.waitUntil(database.close());
    }
  },
};

/** RETENTION_DAYS as a whole number of days, or null when unset or not one. */
export function retentionDays(value: string | undefined): number | null {
  if (!value || !/^\d+$/.test(value)) return null;
  const days = Number(value);
  return days >= 1 ? days : null;
}
