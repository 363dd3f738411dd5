import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { authenticate } from "./auth.js";
import type { AppDeps } from "./context.js";
import { renderDocsPage } from "./docs-page.js";
import { codeToStatus, DomainError, type ErrorEnvelope } from "./errors.js";
import {
  databaseErrorCode,
  isStackOverflow,
  type MappedDatabaseError,
  mapDatabaseError,
} from "./lib/db-errors.js";
import { clientIp, FailureLimiter } from "./lib/rate-limit.js";
import { createRouter } from "./lib/router.js";
import { findUnstorableInUrl } from "./lib/storable.js";
import { TokenCache } from "./lib/token-cache.js";
import { agendaRoutes } from "./routes/agenda.js";
import { architectureRoutes } from "./routes/architecture.js";
import { auditRoutes } from "./routes/audit.js";
import { channelRoutes } from "./routes/channels.js";
import { doraRoutes } from "./routes/dora.js";
import { doraSurveyRoutes } from "./routes/dora-survey.js";
import { feedbackRoutes } from "./routes/feedback.js";
import { feedRoutes } from "./routes/feeds.js";
import { githubWebhookRoutes } from "./routes/github-webhook.js";
import { DEFAULT_READY_TIMEOUT_MS, healthRoutes } from "./routes/health.js";
import { kafkaRoutes } from "./routes/kafka.js";
import { legalRoutes } from "./routes/legal.js";
import { lineItemRoutes } from "./routes/line-items.js";
import { orgRoutes } from "./routes/orgs.js";
import { peopleRoutes } from "./routes/people.js";
import { planRoutes } from "./routes/plan.js";
import { pollRoutes } from "./routes/polls.js";
import { reportRoutes } from "./routes/report.js";
import { roadmapFeedRoutes } from "./routes/roadmap-feeds.js";
import { roomOutputRoutes } from "./routes/room-outputs.js";
import { shareLinkRoutes } from "./routes/share-links.js";
import { timerEventRoutes } from "./routes/timer-events.js";
import { tokenRoutes } from "./routes/tokens.js";
import { webRoutes } from "./routes/web.js";
import { workshopDeletionRoutes } from "./routes/workshop-deletion.js";
import { workshopRoutes } from "./routes/workshops.js";
import { PollDefinitions } from "./services/poll-definitions.js";
import { VoterKeys } from "./services/voter-key.js";
import { VoteWriter } from "./services/votes.js";

export const API_VERSION = "0.1.0";
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;
/** Seconds a resolved token is remembered; a revocation made on another replica takes effect within this. */
export const DEFAULT_TOKEN_CACHE_SECONDS = 10;
/** 20,000 work packages with 100,000 links fit; the plan route applies it (routes/plan.ts). */
export const DEFAULT_PLAN_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
/** The one route with its own body limit, so the general limit must not cut its body short first. */
const PLAN_PUT_PATH = /^\/v1\/workshops\/[^/]+\/plan$/;
export const DEFAULT_INGEST_BODY_LIMIT_BYTES = 16 * 1024 * 1024;
/** Routes that take large batches get `ingestBodyLimitBytes` instead of `bodyLimitBytes`. */
const LARGE_BODY_PATHS = /^\/v1\/(dora\/(changes|deployments|incidents)|webhooks\/github)$/;

/** Failed authentications (or secret guesses) per client IP per window before 429. */
export const DEFAULT_RATE_LIMIT = { failures: 20, windowSeconds: 60 };
/** Where a failure is a guess at a credential: 401 under /v1 (tokens, webhook signatures), 404 under a secret URL. */
const SECRET_URL_PATH = /^\/+(feeds|w)(\/|$)/i;

/**
 * The path as logged: under `/feeds/` and `/w/` everything after the prefix is a secret (the only
 * credential of a feed or a share link), however it is spelled (`%2F`, doubled slashes, upper case).
 */
export function loggedPath(path: string): string {
  let decoded = path;
  for (let i = 0; i < 3 && /%[0-9a-f]{2}/i.test(decoded); i++) {
    try {
      decoded = decodeURIComponent(decoded);
    } catch {
      break;
    }
  }
  const secret = /^\/+(feeds|w)(?=[/\\]|$)/i.exec(decoded);
  if (secret) return `/${secret[1]?.toLowerCase()}/***`;
  // Who is exported or erased stays out of the request log.
  return /^\/+v1\/+people(?=[/\\]|$)/i.test(decoded) ? "/v1/people/***" : path;
}

const OPENAPI_CONFIG = {
  openapi: "3.1.0",
  info: {
    title: "Baton API",
    version: API_VERSION,
    description:
      "Workshops, agendas, votes, the scorecard, four-key metrics and the statement-of-work plan. " +
      "Everything under `/v1` needs `Authorization: Bearer <token>`. Errors share one envelope: " +
      '`{"error": {"code", "message", "details": [{"path", "message"}], "requestId"}}`.',
  },
} as const;

/** The whole HTTP API. Entry points build the dependencies; tests pass real PGlite and a fake clock. */
export function createApp(deps: AppDeps) {
  const resolved: Required<AppDeps> = {
    now: () => new Date(),
    bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES,
    planBodyLimitBytes: DEFAULT_PLAN_BODY_LIMIT_BYTES,
    ingestBodyLimitBytes: DEFAULT_INGEST_BODY_LIMIT_BYTES,
    githubWebhookSecret: null,
    publicUrl: null,
    tokenCacheSeconds: DEFAULT_TOKEN_CACHE_SECONDS,
    rateLimit: DEFAULT_RATE_LIMIT,
    trustProxy: false,
    voterKeySecret: null,
    retentionDays: null,
    operator: {},
    isDraining: () => false,
    readyTimeoutMs: DEFAULT_READY_TIMEOUT_MS,
    ...deps,
  };
  const app = createRouter();
  const pollDefinitions = new PollDefinitions();
  const voteWriter = new VoteWriter(deps.database);
  const tokenCache = new TokenCache(resolved.tokenCacheSeconds * 1000);
  const voterKeys = new VoterKeys(deps.database.db, resolved.voterKeySecret);

  app.use(requestId({ headerName: "X-Request-Id" }));
  // One log line per request, with its id and token. No child logger per request: on the vote path
  // their creation was measurable, and `c.get` (not `c.var`, which copies every variable) for the same reason.
  const log = resolved.logger;
  app.use(async (c, next) => {
    c.set("deps", resolved);
    c.set("pollDefinitions", pollDefinitions);
    c.set("voteWriter", voteWriter);
    c.set("tokenCache", tokenCache);
    c.set("voterKeys", voterKeys);
    c.set("log", log);
    const started = performance.now();
    await next();
    if (log.isLevelEnabled("info")) {
      log.info(
        {
          requestId: c.get("requestId"),
          tokenId: c.get("caller")?.tokenId,
          method: c.req.method,
          path: loggedPath(c.req.path),
          status: c.res.status,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    }
  });
  app.use(secureHeaders());
  // Rate limiting of guesses: a client IP that failed `rateLimit.failures` times in the window is
  // refused (429 + Retry-After) before any hashing or lookup, until the window ends.
  const limiter = new FailureLimiter(resolved.rateLimit.failures, resolved.rateLimit.windowSeconds * 1000);
  app.use(async (c, next) => {
    const path = c.req.path;
    const secretUrl = SECRET_URL_PATH.test(path);
    if (!secretUrl && !path.startsWith("/v1/")) return next();
    const ip = clientIp(c, resolved.trustProxy);
    // No address: an in-process caller (the bots' `app.fetch`), not a client on the network.
    if (ip === "unknown") return next();
    const key = `${secretUrl ? "secret" : "auth"}:${ip}`;
    const wait = limiter.retryAfterSeconds(key);
    if (wait > 0) {
      c.header("Retry-After", String(wait));
      throw new DomainError(
        "RATE_LIMITED",
        `Too many failed attempts from this address; try again in ${wait} s.`,
      );
    }
    await next();
    if (c.res.status === 401 || (secretUrl && c.res.status === 404)) limiter.fail(key);
  });
  // `?name=%00` on any route, whether it declares its query or not: PostgreSQL cannot store a NUL.
  app.use((c, next) => {
    const nul = findUnstorableInUrl(c.req.url);
    if (nul) throw new DomainError("VALIDATION", `Invalid request: ${nul.path}: ${nul.message}`, [nul]);
    return next();
  });
  const tooLarge = (maxSize: number): never => {
    throw new DomainError("PAYLOAD_TOO_LARGE", `The body is larger than ${maxSize} bytes.`, [
      { path: "body", message: `at most ${maxSize} bytes` },
    ]);
  };
  const smallBody = bodyLimit({
    maxSize: resolved.bodyLimitBytes,
    onError: () => tooLarge(resolved.bodyLimitBytes),
  });
  const largeBody = bodyLimit({
    maxSize: resolved.ingestBodyLimitBytes,
    onError: () => tooLarge(resolved.ingestBodyLimitBytes),
  });
  app.use((c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    // The plan route applies its own limit (planBodyLimitBytes) once the caller is authenticated.
    if (method === "PUT" && PLAN_PUT_PATH.test(c.req.path)) return next();
    const large = LARGE_BODY_PATHS.test(c.req.path);
    const maxSize = large ? resolved.ingestBodyLimitBytes : resolved.bodyLimitBytes;
    // A declared length is checked without touching the body: on Node, reading `c.req.raw.body` (as
    // Hono's bodyLimit does first) turns the server's lightweight request into a full Fetch Request
    // with a body stream — measured at a fifth of the CPU of a vote. Chunked bodies are counted.
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      if (Number(length) > maxSize) tooLarge(maxSize);
      return next();
    }
    return (large ? largeBody : smallBody)(c, next);
  });

  app.onError((err, c) => {
    const requestId = c.get("requestId") ?? "";
    let domain: DomainError;
    if (err instanceof DomainError) {
      domain = err;
    } else if (err instanceof HTTPException && (err.status === 400 || err.status === 415)) {
      // Hono's body parsing: malformed JSON, or a body that is not JSON at all.
      const message =
        err.status === 415 ? "expected a JSON body with Content-Type: application/json" : "not valid JSON";
      domain = new DomainError("VALIDATION", `body: ${message}`, [{ path: "body", message }]);
    } else if (err instanceof HTTPException) {
      domain = new DomainError(err.status === 413 ? "PAYLOAD_TOO_LARGE" : "INTERNAL", err.message);
    } else if (mapDatabaseError(err)) {
      // A database error that still slipped through: mapped by SQLSTATE class, never a bare 500.
      const mapped = mapDatabaseError(err) as MappedDatabaseError;
      domain = mapped.error;
      if (mapped.retryAfterSeconds) c.header("Retry-After", String(mapped.retryAfterSeconds));
      const level = domain.code === "UNAVAILABLE" ? "warn" : "info";
      log[level]({ err, requestId, code: databaseErrorCode(err) }, "database refused the request");
    } else if (isStackOverflow(err)) {
      domain = new DomainError("VALIDATION", "body: nested too deeply", [
        { path: "body", message: "nested too deeply" },
      ]);
    } else {
      log.error({ err, requestId, tokenId: c.get("caller")?.tokenId }, "unhandled error");
      domain = new DomainError(
        "INTERNAL",
        "Something went wrong on our side; the request id helps us find it.",
      );
    }
    const body: ErrorEnvelope = {
      error: { code: domain.code, message: domain.message, details: domain.details, requestId },
    };
    return c.json(body, codeToStatus(domain.code));
  });

  app.notFound((c) => {
    const body: ErrorEnvelope = {
      error: {
        code: "NOT_FOUND",
        message: `No route ${c.req.method} ${c.req.path}. The API reference is at /docs.`,
        details: [],
        requestId: c.var.requestId ?? "",
      },
    };
    return c.json(body, 404);
  });

  app.openAPIRegistry.registerComponent("securitySchemes", "Bearer", {
    type: "http",
    scheme: "bearer",
    description: "An API token from `POST /v1/tokens` or the bootstrap admin token",
  });

  const v1 = createRouter();
  v1.use(authenticate);
  const v1Routes = v1
    .route("/", tokenRoutes)
    .route("/", orgRoutes)
    .route("/", workshopRoutes)
    .route("/", agendaRoutes)
    .route("/", channelRoutes)
    .route("/", timerEventRoutes)
    .route("/", planRoutes)
    .route("/", roadmapFeedRoutes)
    .route("/", doraRoutes)
    .route("/", doraSurveyRoutes)
    .route("/", pollRoutes)
    .route("/", lineItemRoutes)
    .route("/", feedbackRoutes)
    .route("/", roomOutputRoutes)
    .route("/", architectureRoutes)
    .route("/", kafkaRoutes)
    .route("/", reportRoutes)
    .route("/", shareLinkRoutes)
    .route("/", auditRoutes)
    .route("/", peopleRoutes)
    .route("/", workshopDeletionRoutes);

  // The GitHub webhook is signed, not bearer-authenticated: mounted before `v1`, its handler answers
  // before v1's `authenticate` middleware (registered for /v1/*) would run. Roadmap feeds carry their
  // secret in the path and live outside /v1 altogether.
  const routes = app
    .route("/", healthRoutes)
    .route("/", feedRoutes)
    .route("/", webRoutes)
    .route(
      "/",
      legalRoutes({ operatorName: resolved.operator.name, operatorContact: resolved.operator.contact }),
    )
    .route("/v1", githubWebhookRoutes)
    .route("/v1", v1Routes);

  // Generated from the same zod schemas that validate requests, once, on first use.
  let openapi: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  let docsHtml: string | undefined;
  const document = () => {
    openapi ??= app.getOpenAPI31Document(OPENAPI_CONFIG);
    return openapi;
  };
  app.get("/openapi.json", (c) => c.json(document()));
  app.get("/docs", (c) => {
    docsHtml ??= renderDocsPage(document());
    return c.html(docsHtml);
  });
  app.get("/", (c) => c.redirect("/docs"));

  return routes;
}

export type App = ReturnType<typeof createApp>;
