import { App, LogLevel, type Logger as SlackLogger } from "@slack/bolt";
import type { Core } from "../core/core.js";
import type { Poster, RelayLogger } from "../core/relay.js";
import { registerListeners } from "./listeners/index.js";
import { SlackMembers } from "./members.js";
import { SlackPollCards } from "./poll-cards.js";
import { createSlackPoster } from "./poster.js";
import { FetchReceiver } from "./receiver.js";

export interface SlackConfig {
  signingSecret?: string | undefined;
  botToken: string;
  /** Socket Mode instead of HTTP. */
  appToken?: string | undefined;
  /** Base URL of the Slack Web API (tests and benchmarks point it at a recorder). */
  apiUrl?: string | undefined;
}

export interface SlackOptions {
  /** Fewest milliseconds between two updates of one poll card (Slack allows about one a second). */
  pollUpdateIntervalMs?: number;
  /** How long a channel's member list ("not yet voted") is cached. */
  memberCacheMs?: number;
  /**
   * HTTP mode: how many acknowledged commands and clicks are worked on at once (FetchReceiver). 256:
   * a room of 200 voting at once is all in flight, and the API client sends the votes that wait on
   * the same poll as one batch; acknowledgements come before this queue, so they stay fast (p99 under
   * 100 ms at 200 voters, measured in `npm run bench -- votes`). 32 halved the votes per second.
   */
  maxConcurrent?: number;
}

export interface SlackBot {
  app: App;
  /** Posts polls' cards and keeps them up to date. */
  polls: SlackPollCards;
  /** HTTP mode: handles `POST /slack/events`. Undefined in Socket Mode. */
  handle?: (request: Request) => Promise<Response>;
  poster: Poster;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The Bolt app on the facilitation core: HTTP (signed requests) or Socket Mode. */
export function createSlackApp(
  config: SlackConfig,
  core: Core,
  logger: RelayLogger & { debug?(o: object, m?: string): void },
  options: SlackOptions = {},
): SlackBot {
  const clientOptions = {
    ...(config.apiUrl
      ? { slackApiUrl: config.apiUrl.endsWith("/") ? config.apiUrl : `${config.apiUrl}/` }
      : {}),
    // No blind retries of posts: a retried chat.postMessage whose first attempt landed would post twice.
    // Timer messages are retried by the relay's lease instead, which checks for the first attempt.
    retryConfig: { retries: 0 },
  };
  const slackLogger = boltLogger(logger);
  const withCards = (app: App) => {
    const members = new SlackMembers(app.client, { channelTtlMs: options.memberCacheMs ?? 60_000 });
    const polls = new SlackPollCards(app.client, {
      api: core.api,
      members,
      logger,
      minIntervalMs: options.pollUpdateIntervalMs ?? 1000,
    });
    registerListeners(app, core, { logger, polls });
    return { polls, poster: createSlackPoster(app.client, polls) };
  };
  if (config.appToken) {
    const app = new App({
      token: config.botToken,
      appToken: config.appToken,
      socketMode: true,
      clientOptions,
      // Baton keeps no conversation state in Bolt; its store is a lookup on every event.
      convoStore: false,
      logger: slackLogger,
    });
    const { polls, poster } = withCards(app);
    return {
      app,
      polls,
      poster,
      start: async () => {
        await init(app);
        await app.start();
      },
      stop: async () => {
        await app.stop();
      },
    };
  }
  if (!config.signingSecret) throw new Error("Slack over HTTP needs SLACK_SIGNING_SECRET");
  const receiver = new FetchReceiver({
    signingSecret: config.signingSecret,
    maxConcurrent: options.maxConcurrent ?? 256,
    onError: (err) =>
      logger.error({ err: err instanceof Error ? err.message : String(err) }, "slack: listener failed"),
  });
  const app = new App({
    token: config.botToken,
    receiver,
    clientOptions,
    convoStore: false,
    logger: slackLogger,
    deferInitialization: true,
  });
  const { polls, poster } = withCards(app);
  return {
    app,
    polls,
    handle: (request) => receiver.handle(request),
    poster,
    start: () => init(app),
    stop: async () => {},
  };
}

/** Bolt checks the bot token with auth.test here, so a wrong token stops start-up with a clear message. */
async function init(app: App): Promise<void> {
  try {
    await app.init();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new Error(
      `Slack did not accept SLACK_BOT_TOKEN (${reason}). Check the token, or SLACK_API_URL if you set it.`,
    );
  }
}

function boltLogger(logger: RelayLogger): SlackLogger {
  let level = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...msg: unknown[]) => logger.info({ slack: msg.map(String).join(" ") }),
    warn: (...msg: unknown[]) => logger.warn({ slack: msg.map(String).join(" ") }),
    error: (...msg: unknown[]) => logger.error({ slack: msg.map(String).join(" ") }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
