import type { Logger } from "pino";
import type { Role } from "../db/schema/api-tokens.js";
import type { Database } from "../db/types.js";

export interface AppDeps {
  database: Database;
  logger: Logger;
  /** The clock; tests pass a fake one. */
  now?: () => Date;
  /** Largest accepted request body, in bytes. */
  bodyLimitBytes?: number;
  /** Largest accepted `PUT /v1/workshops/{id}/plan` body, in bytes: a whole plan is bigger than anything else. */
  planBodyLimitBytes?: number;
  /** Largest body of the batch ingest endpoints and the GitHub webhook (10,000 items fit), in bytes. */
  ingestBodyLimitBytes?: number;
  /** Secret of the GitHub webhook (`GITHUB_WEBHOOK_SECRET`); null turns the webhook off (503). */
  githubWebhookSecret?: string | null;
}

export interface Caller {
  tokenId: string;
  name: string;
  role: Role;
}

export interface AppEnv {
  Variables: {
    deps: Required<AppDeps>;
    requestId: string;
    log: Logger;
    caller: Caller;
  };
}
