import type { Logger } from "pino";
import { type Config, ownAddress } from "../api/config.js";
import { createApiClient } from "./api-client.js";
import { createCore } from "./core/core.js";
import { type Poster, TimerRelay } from "./core/relay.js";
import { createSlackApp, type SlackBot } from "./slack/app.js";
import { createTeamsBot, type TeamsBot } from "./teams/app.js";

export interface BotsOptions {
  config: Config;
  logger: Logger;
  /** In-process mode: the API app's fetch and a bot token for it. Ignored when API_URL is set. */
  inProcess?: { fetch: (request: Request) => Response | Promise<Response>; token: string };
  /** Extra posters (the console's). */
  posters?: Record<string, Poster>;
}

export interface Bots {
  core: ReturnType<typeof createCore>;
  relay: TimerRelay;
  slack?: SlackBot;
  teams?: TeamsBot;
  /** Which chat platforms are on, for the start-up banner. */
  enabled: string[];
  /** Routes the bots serve on the shared HTTP server. */
  routes: Record<string, (request: Request) => Promise<Response>>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The chat bots that have credentials, on one core and one timer relay. */
export function createBots({ config, logger, inProcess, posters = {} }: BotsOptions): Bots {
  const api = config.API_URL
    ? createApiClient({ baseUrl: config.API_URL, token: config.API_TOKEN ?? "" })
    : createApiClient({
        fetch: inProcess?.fetch ?? missingApi,
        token: inProcess?.token ?? "",
        // Links the API hands out (share links, feeds) name where people reach this server.
        baseUrl: ownAddress(config),
      });
  const log = logger.child({ component: "bots" });
  let relay: TimerRelay | undefined;
  const core = createCore({
    api,
    onAgendaChanged: () => relay?.kick(),
    defaultTimezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  });
  const allPosters: Record<string, Poster> = { ...posters };
  const routes: Bots["routes"] = {};
  const enabled: string[] = [];
  let slack: SlackBot | undefined;
  if (config.SLACK_BOT_TOKEN) {
    slack = createSlackApp(
      {
        botToken: config.SLACK_BOT_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
      },
      core,
      log.child({ platform: "slack" }),
    );
    allPosters.slack = slack.poster;
    if (slack.handle) routes["/slack/events"] = slack.handle;
    enabled.push(config.SLACK_APP_TOKEN ? "Slack (Socket Mode)" : "Slack (HTTP at POST /slack/events)");
  }
  let teams: TeamsBot | undefined;
  const anonymousTeams = config.TEAMS_ALLOW_ANONYMOUS === "1" || config.TEAMS_ALLOW_ANONYMOUS === "true";
  if (config.MICROSOFT_APP_ID || anonymousTeams) {
    if (anonymousTeams) {
      log.warn(
        { platform: "teams" },
        "TEAMS_ALLOW_ANONYMOUS=1: /api/messages accepts UNSIGNED activities from anyone who can reach it. " +
          "For the local Bot Framework Emulator only; never expose this server.",
      );
    }
    teams = createTeamsBot(
      {
        appId: config.MICROSOFT_APP_ID,
        appPassword: config.MICROSOFT_APP_PASSWORD,
        tenantId: config.MICROSOFT_APP_TENANT_ID,
        appType: config.MICROSOFT_APP_TYPE,
        allowAnonymous: anonymousTeams,
      },
      core,
      log.child({ platform: "teams" }),
    );
    allPosters.teams = teams.poster;
    routes["/api/messages"] = teams.handle;
    enabled.push(
      anonymousTeams ? "Teams (UNSIGNED Emulator mode at POST /api/messages)" : "Teams (POST /api/messages)",
    );
  }
  relay = new TimerRelay({ api, posters: allPosters, logger: log.child({ component: "timer-relay" }) });
  return {
    core,
    relay,
    ...(slack ? { slack } : {}),
    ...(teams ? { teams } : {}),
    enabled,
    routes,
    async start() {
      await slack?.start();
      if (Object.keys(allPosters).length > 0) relay?.start();
    },
    async stop() {
      await relay?.stop();
      await slack?.stop();
    },
  };
}

function missingApi(): Response {
  return Response.json(
    { error: { code: "UNAVAILABLE", message: "No API configured for the bots." } },
    { status: 503 },
  );
}
