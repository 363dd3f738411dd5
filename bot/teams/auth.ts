import type { Activity } from "botbuilder";
import {
  type AuthenticateRequestResult,
  AuthenticationConstants,
  AuthenticationError,
  BotFrameworkAuthentication,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorFactory,
  type UserTokenClient,
} from "botframework-connector";
// Not re-exported from the package's index, but public and the class botbuilder itself verifies with.
import { JwtTokenExtractor } from "botframework-connector/lib/auth/jwtTokenExtractor.js";

/** Verifies an `Authorization` header; true only for a channel token this bot may accept. */
export type ChannelTokenCheck = (authorization: string) => Promise<boolean>;

/**
 * Checks a Bot Framework channel token from the header alone — its signature against the channel's
 * published keys (OpenID metadata, cached; refreshed at most hourly for an unknown key id), issuer,
 * audience (this bot's app id), not-before and expiry — so that a forged or unsigned request is
 * refused before a byte of its body is read or parsed. botbuilder checks the token again once the
 * activity is parsed, with what only the activity carries: its `serviceUrl` against the token's
 * `serviceurl` claim, and the key's endorsement of its channel.
 */
export function createChannelTokenCheck(opts: {
  appId: string;
  openIdMetadataUrl?: string | undefined;
}): ChannelTokenCheck {
  const extractor = new JwtTokenExtractor(
    {
      issuer: [AuthenticationConstants.ToBotFromChannelTokenIssuer],
      audience: opts.appId,
      clockTolerance: 5 * 60,
      ignoreExpiration: false,
    },
    opts.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    AuthenticationConstants.AllowedSigningAlgorithms,
  );
  return async (authorization) => {
    try {
      // No channel id yet (it is in the body): endorsements are checked by botbuilder afterwards.
      const identity = await extractor.getIdentityFromAuthHeader(authorization, "");
      return Boolean(
        identity?.isAuthenticated &&
          identity.getClaimValue(AuthenticationConstants.AudienceClaim) === opts.appId &&
          identity.getClaimValue(AuthenticationConstants.IssuerClaim) ===
            AuthenticationConstants.ToBotFromChannelTokenIssuer,
      );
    } catch {
      return false;
    }
  };
}

/**
 * botbuilder lets some token failures (a wrong issuer, a bad signature, a malformed token) escape as
 * plain errors, which CloudAdapter answers with 500. Any failure to authenticate is a 401 here: the
 * caller is not who it claims to be, and nothing runs.
 */
export class StrictAuthentication extends BotFrameworkAuthentication {
  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateRequest(activity, authHeader);
    } catch (err) {
      throw asAuthError(err);
    }
  }

  override async authenticateStreamingRequest(
    authHeader: string,
    channelIdHeader: string,
  ): Promise<AuthenticateRequestResult> {
    try {
      return await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader);
    } catch (err) {
      throw asAuthError(err);
    }
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.inner.createConnectorFactory(claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.inner.createUserTokenClient(claimsIdentity);
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }
}

function asAuthError(err: unknown): AuthenticationError {
  if (err instanceof AuthenticationError) return err;
  // The inner message can name the hosts keys were fetched from: it is not passed on.
  return new AuthenticationError("Unauthorized: the token could not be verified.", 401);
}
