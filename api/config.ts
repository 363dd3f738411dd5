import { z } from "zod";

const optional = z
  .string()
  .optional()
  .transform((v) => (v === "" ? undefined : v));

/** The process environment, parsed once at start-up (DESIGN section 3). */
export const Config = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    DATABASE_URL: optional.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, { message: "must be a postgres:// or postgresql:// URL" })
        .optional(),
    ),
    PGLITE_DIR: z.string().default("./.data/pglite"),
    ADMIN_TOKEN: optional.pipe(z.string().min(16, { message: "must be at least 16 characters" }).optional()),
    /** Secret of the GitHub webhook at POST /v1/webhooks/github; unset turns the webhook off. */
    GITHUB_WEBHOOK_SECRET: optional,
    /** Who operates this deployment, named on its /privacy and /terms pages. */
    OPERATOR_NAME: optional,
    /** How people reach the operator (an e-mail address or URL), on /privacy and /terms. */
    OPERATOR_CONTACT: optional,
    /** Where clients reach the API, for links it hands out (roadmap feeds); unset: each request's origin. */
    PUBLIC_URL: optional.pipe(
      z
        .url({ protocol: /^https?$/, message: "must be an http(s) URL such as https://baton.example.com" })
        .optional(),
    ),
    /** Failed authentications (or secret-URL guesses) per client IP per window before 429. */
    RATE_LIMIT_FAILURES: z.coerce.number().int().min(1).max(1_000_000).default(20),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    /** 1: the client IP is the first X-Forwarded-For hop (only behind a proxy that sets it). */
    TRUST_PROXY: optional.pipe(z.enum(["0", "1", "true", "false"]).optional()),
    /** How long SIGTERM/SIGINT waits for requests in flight before closing them, in seconds. */
    SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0).max(600).default(10),
    /**
     * After SIGTERM/SIGINT, how long the server keeps serving with `/readyz` at 503 before it stops
     * accepting connections, in seconds: the time a load balancer needs to notice and send no more.
     */
    SHUTDOWN_DELAY_SECONDS: z.coerce.number().min(0).max(600).default(0),
    /** Key of anonymous polls' voter hashes; unset: one is generated once and kept in the database. */
    VOTER_KEY_SECRET: optional.pipe(
      z.string().min(32, { message: "must be at least 32 characters" }).optional(),
    ),
    /** Delete workshops this many days after they ended (an organisation's own setting wins); unset: keep. */
    RETENTION_DAYS: optional.pipe(
      z
        .string()
        .regex(/^\d+$/, { message: "must be a whole number of days" })
        .transform(Number)
        .pipe(z.number().int().min(1).max(36500))
        .optional(),
    ),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    API_URL: optional.pipe(z.url({ message: "must be a URL such as https://baton.example.com" }).optional()),
    API_TOKEN: optional,
    SLACK_SIGNING_SECRET: optional,
    SLACK_BOT_TOKEN: optional,
    SLACK_APP_TOKEN: optional,
    SLACK_API_URL: optional.pipe(z.url().optional()),
    MICROSOFT_APP_ID: optional,
    MICROSOFT_APP_PASSWORD: optional,
    MICROSOFT_APP_TENANT_ID: optional,
    MICROSOFT_APP_TYPE: optional.pipe(z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).optional()),
    TEAMS_ALLOW_ANONYMOUS: optional.pipe(z.enum(["0", "1", "true", "false"]).optional()),
    NODE_ENV: optional,
  })
  .superRefine((env, ctx) => {
    if (env.API_URL && !env.API_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["API_TOKEN"],
        message: "required with API_URL (a token with the bot role)",
      });
    }
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "required with SLACK_BOT_TOKEN for Slack over HTTP (or set SLACK_APP_TOKEN for Socket Mode)",
      });
    }
    const anonymous = env.TEAMS_ALLOW_ANONYMOUS === "1" || env.TEAMS_ALLOW_ANONYMOUS === "true";
    if (anonymous && env.NODE_ENV === "production") {
      ctx.addIssue({
        code: "custom",
        path: ["TEAMS_ALLOW_ANONYMOUS"],
        message:
          "refused with NODE_ENV=production: unsigned Teams activities are for the local Bot Framework Emulator only",
      });
    }
    if (anonymous && env.MICROSOFT_APP_ID) {
      ctx.addIssue({
        code: "custom",
        path: ["TEAMS_ALLOW_ANONYMOUS"],
        message:
          "choose one: MICROSOFT_APP_ID (signed activities) or TEAMS_ALLOW_ANONYMOUS=1 (the local Emulator)",
      });
    }
    if (env.MICROSOFT_APP_ID && !env.MICROSOFT_APP_PASSWORD && env.MICROSOFT_APP_TYPE !== "UserAssignedMSI") {
      ctx.addIssue({
        code: "custom",
        path: ["MICROSOFT_APP_PASSWORD"],
        message: "required with MICROSOFT_APP_ID",
      });
    }
    if ((env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN) && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["SLACK_BOT_TOKEN"], message: "required to run the Slack bot" });
    }
  });
export type Config = z.infer<typeof Config>;

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    // Name the variable and the rule, never the value: it may be a secret.
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n  ");
    throw new Error(`Invalid configuration:\n  ${problems}`);
  }
  return parsed.data;
}

/**
 * Where people reach this process's API: `PUBLIC_URL`, else `http://localhost:<PORT>`. In-process
 * requests carry it as their origin, so a share link made from chat opens (not `http://baton.internal`).
 */
export function ownAddress(config: { PUBLIC_URL?: string | undefined; PORT: number }): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}
