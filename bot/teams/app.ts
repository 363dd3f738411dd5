import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  TurnContext,
} from "botbuilder";
import { AuthenticationConstants, type ServiceClientCredentialsFactory } from "botframework-connector";
import { CallerIdConstants } from "botframework-schema";
import type { Core } from "../core/core.js";
import type { Poster, RelayLogger } from "../core/relay.js";
import { createChannelTokenCheck, StrictAuthentication } from "./auth.js";
import { BatonTeamsBot } from "./bot.js";
import { processRequest } from "./http.js";
import { createTeamsPoster } from "./poster.js";
import { RosterCache, type RosterLookup } from "./roster.js";
import { ConversationThrottle, type ThrottleOptions } from "./throttle.js";

export interface TeamsConfig {
  appId?: string | undefined;
  appPassword?: string | undefined;
  tenantId?: string | undefined;
  appType?: string | undefined;
  /** Bot Framework Emulator: accept unsigned activities. Never in production. */
  allowAnonymous?: boolean | undefined;
  /** Tests: where the channel's OpenID metadata (signing keys) is served. */
  openIdMetadataUrl?: string | undefined;
  /**
   * Tests: how the bot signs its calls to the Bot Connector (default: a token for the app id and
   * password from Microsoft Entra ID).
   */
  credentialsFactory?: ServiceClientCredentialsFactory | undefined;
  throttle?: ThrottleOptions;
  /** Who is in a conversation, for per-user poll cards (default: TeamsInfo.getPagedMembers). */
  roster?: RosterLookup;
}

export interface TeamsBot {
  adapter: CloudAdapter;
  bot: BatonTeamsBot;
  /** `POST /api/messages`. */
  handle(request: Request): Promise<Response>;
  poster: Poster;
}

/**
 * Everything botbuilder-specific lives in bot/teams/ (see docs/teams.md for the move to the
 * Microsoft 365 Agents SDK). The core does the work; this folder parses activities and renders cards.
 */
export function createTeamsBot(config: TeamsConfig, core: Core, logger: RelayLogger): TeamsBot {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.allowAnonymous ? "" : (config.appId ?? ""),
    MicrosoftAppPassword: config.allowAnonymous ? "" : (config.appPassword ?? ""),
    MicrosoftAppTenantId: config.tenantId ?? "",
    MicrosoftAppType: config.appType ?? (config.tenantId ? "SingleTenant" : "MultiTenant"),
    // Overriding one endpoint makes botbuilder take every endpoint from here: give it the public cloud's.
    ...(config.openIdMetadataUrl
      ? {
          ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl,
          ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
          ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          CallerId: CallerIdConstants.PublicAzureChannel,
          ValidateAuthority: true,
        }
      : {}),
  };
  const auth = new StrictAuthentication(
    new ConfigurationBotFrameworkAuthentication(options, config.credentialsFactory),
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error instanceof Error ? error.message : String(error) }, "teams: turn failed");
    await context
      .sendActivity("Something went wrong on Baton's side; please try again.")
      .catch(() => undefined);
  };
  const roster = new RosterCache(config.roster ? { lookup: config.roster } : {});
  const bot = new BatonTeamsBot(core, (context) => TurnContext.getConversationReference(context.activity), {
    roster,
  });
  const throttle = new ConversationThrottle(config.throttle);
  const verifyToken = config.allowAnonymous
    ? undefined
    : createChannelTokenCheck({ appId: config.appId ?? "", openIdMetadataUrl: config.openIdMetadataUrl });
  return {
    adapter,
    bot,
    handle: (request) =>
      processRequest(adapter, request, (context) => bot.run(context), {
        requireAuthorization: !config.allowAnonymous,
        ...(verifyToken ? { verifyToken } : {}),
      }),
    poster: createTeamsPoster(adapter, options.MicrosoftAppId ?? "", throttle, roster),
  };
}
