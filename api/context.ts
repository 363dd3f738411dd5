import type { Logger } from "pino";
import type { Role } from "../db/schema/api-tokens.js";
import type { Database } from "../db/types.js";
import type { TokenCache } from "./lib/token-cache.js";
import type { PollDefinitions } from "./services/poll-definitions.js";
import type { VoterKeys } from "./services/voter-key.js";
import type { VoteWriter } from "./services/votes.js";

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
  /**
   * Where clients reach the API (`PUBLIC_URL`, e.g. `https://baton.example.com`), for links the API
   * hands out such as roadmap feed URLs; null: the request's own origin, right unless a proxy rewrites it.
   */
  publicUrl?: string | null;
  /**
   * How long a resolved token is remembered, in seconds (0: look it up on every request). A token
   * revoked through another replica stops working within this long.
   */
  tokenCacheSeconds?: number;
  /**
   * Failed attempts per client IP and window before `429` (a bad or missing bearer token, a bad
   * webhook signature, an unknown feed or share-link secret): `RATE_LIMIT_FAILURES`, `RATE_LIMIT_WINDOW_SECONDS`.
   */
  rateLimit?: { failures: number; windowSeconds: number };
  /** Take the client's IP from `X-Forwarded-For` (`TRUST_PROXY=1`): only behind a proxy that sets it. */
  trustProxy?: boolean;
  /**
   * Key of anonymous polls' voter hashes (`VOTER_KEY_SECRET`); null: one generated once and kept in the
   * database's `settings`, so every replica uses the same.
   */
  voterKeySecret?: string | null;
  /**
   * Default of how many days after a workshop ended it is deleted (`RETENTION_DAYS`); null: kept until
   * deleted. An organisation's own `retentionDays` takes precedence once organisations exist.
   */
  retentionDays?: number | null;
  /** Who operates this deployment, named on `/privacy` and `/terms` (`OPERATOR_NAME`, `OPERATOR_CONTACT`). */
  operator?: { name?: string | undefined; contact?: string | undefined };
  /** True once the process drains (after SIGTERM/SIGINT): `/readyz` then answers 503. Default: never. */
  isDraining?: () => boolean;
  /** Longest `/readyz` waits for its database write before answering 503, in ms (default 2,000). */
  readyTimeoutMs?: number;
}

/** The bearer token that made the request, as resolved once (and cached) by `authenticate`. */
export interface Caller {
  tokenId: string;
  name: string;
  role: Role;
  /** The organisation the token works in; null for `admin` and platform-wide bots (any organisation). */
  orgId: string | null;
  /** The one workshop the token is narrowed to; null: every workshop of its organisation. */
  workshopId: string | null;
}

export interface AppEnv {
  Variables: {
    deps: Required<AppDeps>;
    requestId: string;
    log: Logger;
    caller: Caller;
    /** Immutable poll definitions, cached for the vote path (one per app). */
    pollDefinitions: PollDefinitions;
    /** Group commit of votes, one per process (see VoteWriter). */
    voteWriter: VoteWriter;
    /** Resolved bearer tokens, for `tokenCacheSeconds` (one per app). */
    tokenCache: TokenCache;
    /** Anonymous polls' voter keys (one per app). */
    voterKeys: VoterKeys;
  };
}
