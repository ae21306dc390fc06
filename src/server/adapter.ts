/**
 * The CloudAdapter: authentication of inbound requests and the client for outbound replies.
 * - With credentials (MicrosoftAppId + secret, or a user-assigned managed identity): ConfigurationBotFrameworkAuthentication
 *   checks the Bot Framework token of every request; a missing or forged token is an AuthenticationError (→ 401).
 * - Without credentials: local mode — no token checks (the Authorization header is ignored), as for the Microsoft 365
 *   Agents Playground. Config refuses this mode when NODE_ENV=production.
 * Outbound replies go through createOutboundHttpClient (retry with back-off, Retry-After, per-thread pacing).
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { describeActivity } from '../logging';
import { createConnectorClientCache, type ConnectorFactory } from './connector-cache';
import { isLoopbackUrl } from './loopback';
import { createOutboundHttpClient } from './outbound-client';
import { createPacer } from './outbound-policy';

export type TurnLogic = (context: TurnContext) => Promise<void>;
type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;

/** A request the token check accepted (opaque outside the adapter). */
export interface Authenticated {
  readonly result: AuthenticateRequestResult;
}

/** The request's token is missing or not valid (whatever the SDK threw while checking it). */
export class UnauthorizedError extends Error {
  readonly statusCode = 401;
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'UnauthorizedError';
  }
}

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/**
 * Local mode has no token checks, so no reply may leave this machine: a client for a service URL that is not
 * loopback is refused (the server already refuses such activities; this holds for any other path too).
 */
function loopbackOnly(factory: ConnectorFactory): ConnectorFactory {
  return {
    create: (serviceUrl: string, audience?: string) =>
      isLoopbackUrl(serviceUrl)
        ? factory.create(serviceUrl, audience)
        : Promise.reject(
            new Error(`local mode replies only to loopback service URLs, not ${serviceUrl.slice(0, 200)}`),
          ),
  } as ConnectorFactory;
}

/** The bot identity a token was issued to (our app id), or `anonymous` in local mode. */
function identityOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? 'anonymous';
}

/**
 * botbuilder's authentication, with the user-token (OAuth) client reused per bot identity: the adapter asks for
 * one on every turn and the SDK builds a new HTTP client each time, although Remedy never signs users in.
 */
class RemedyAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = identityOf(claimsIdentity);
    const cached = this.userTokenClients.get(key);
    if (cached) return cached;
    const created = super.createUserTokenClient(claimsIdentity);
    if (this.userTokenClients.size >= 16) this.userTokenClients.clear(); // a bot has one identity; bound anyway
    this.userTokenClients.set(key, created);
    created.catch(() => this.userTokenClients.delete(key)); // not cached when it failed; the caller sees the error
    return created;
  }
}

/** A CloudAdapter whose turn entry point the server calls directly (so it owns the HTTP response and its logging). */
export class RemedyAdapter extends CloudAdapter {
  private readonly connectorClients = createConnectorClientCache();

  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    readonly mode: Config['mode'],
  ) {
    super(auth);
  }

  /**
   * Checks the request's token (nothing in local mode) against the activity it came with: the channel id and
   * service URL it names are part of the check. Rejects with an UnauthorizedError (statusCode 401) when the token is
   * missing or invalid. The server calls this before it validates the body, so a bad token never learns what a
   * valid activity looks like.
   */
  async authenticate(authorization: string, activity: Partial<Activity>): Promise<Authenticated> {
    let authenticated: AuthenticateRequestResult;
    try {
      authenticated = await this.botFrameworkAuthentication.authenticateRequest(
        activity as Activity,
        this.mode === 'local' ? '' : authorization,
      );
    } catch (error) {
      // The SDK throws AuthenticationError for most bad tokens but plain errors for some (a bad signature):
      // every failure of the check is a refusal.
      throw new UnauthorizedError(error instanceof Error ? error.message : 'token check failed', error);
    }
    const { connectorFactory, claimsIdentity } = authenticated;
    if (connectorFactory) {
      // Clients are reused per bot identity (the token's audience, or anonymous in local mode) and service URL.
      const cached = this.connectorClients.wrap(connectorFactory, identityOf(claimsIdentity));
      authenticated = {
        ...authenticated,
        connectorFactory: this.mode === 'local' ? loopbackOnly(cached) : cached,
      };
    }
    return { result: authenticated };
  }

  /** Runs `logic` for an activity whose request `authenticate` accepted. Returns the invoke response, if any. */
  runAuthenticated(
    authenticated: Authenticated,
    activity: Activity,
    logic: TurnLogic,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authenticated.result, activity, logic);
  }

  /** authenticate + runAuthenticated (tests and callers that have a validated activity already). */
  async runTurn(
    authorization: string,
    activity: Activity,
    logic: TurnLogic,
  ): Promise<InvokeResponse | undefined> {
    return this.runAuthenticated(await this.authenticate(authorization, activity), activity, logic);
  }
}

export interface AdapterOptions {
  config: Pick<Config, 'mode' | 'credentials' | 'outbound'>;
  logger: Logger;
  /** Tests: where outbound HTTP goes (default: Node's fetch). */
  fetch?: typeof fetch;
  /** Tests only (never from the environment): the OpenID metadata URL of the channel's token signing keys. */
  openIdMetadataUrl?: string;
}

/** True when a turn was refused because its token is missing, malformed, forged or expired. */
export function isAuthenticationError(error: unknown): boolean {
  return error instanceof UnauthorizedError;
}

/** The botbuilder settings object for the configured credentials (names as the SDK reads them). */
function authSettings(
  config: AdapterOptions['config'],
  openIdMetadataUrl: string | undefined,
): Record<string, string> {
  const settings: Record<string, string> = {};
  const credentials = config.credentials;
  if (config.mode === 'authenticated' && credentials) {
    settings.MicrosoftAppId = credentials.appId;
    settings.MicrosoftAppType = credentials.appType;
    if (credentials.appPassword !== undefined) settings.MicrosoftAppPassword = credentials.appPassword;
    if (credentials.tenantId !== undefined) settings.MicrosoftAppTenantId = credentials.tenantId;
  }
  if (openIdMetadataUrl !== undefined) {
    // Any override switches botbuilder to its parameterized mode, which then needs the public-cloud issuer too.
    settings.ToBotFromChannelOpenIdMetadataUrl = openIdMetadataUrl;
    settings.ToBotFromChannelTokenIssuer = 'https://api.botframework.com';
  }
  return settings;
}

export function createAdapter(options: AdapterOptions): RemedyAdapter {
  const { config, logger } = options;
  const outboundLog = logger.child({ component: 'outbound' });
  const httpClient = createOutboundHttpClient({
    policy: config.outbound,
    pacer: createPacer({ perSecond: config.outbound.perThreadPerSecond }),
    logger: outboundLog,
    ...(options.fetch && { fetch: options.fetch }),
  });
  const auth = new RemedyAuthentication(
    authSettings(config, options.openIdMetadataUrl),
    undefined,
    undefined,
    undefined,
    { httpClient },
  );
  const adapter = new RemedyAdapter(auth, config.mode);
  // Errors that escape the bot's own error boundary (middleware, the boundary itself): log them with the ids.
  adapter.onTurnError = async (context, error) => {
    // The bot released the turn because its reply failed: fail the request (5xx) so that Teams retries it.
    if ((error as { retryable?: unknown }).retryable === true) {
      logger.warn(
        { err: error, ...describeActivity(context.activity) },
        'reply could not be delivered; answering 5xx so that Teams retries',
      );
      throw error;
    }
    logger.error(
      { err: error, ...describeActivity(context.activity) },
      'turn failed outside the bot error boundary',
    );
  };
  return adapter;
}
