/**
 * The CloudAdapter: authentication of inbound requests and the client for outbound replies.
 * - With credentials (MicrosoftAppId + secret, or a user-assigned managed identity): ConfigurationBotFrameworkAuthentication
 *   checks the Bot Framework token of every request; a missing or forged token is an AuthenticationError (→ 401).
 * - Without credentials: local mode — no token checks (the Authorization header is ignored), as for the Microsoft 365
 *   Agents Playground. Config refuses this mode when NODE_ENV=production.
 * Outbound replies go through createOutboundHttpClient (retry with back-off, Retry-After, per-thread pacing).
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { describeActivity } from '../logging';
import { createOutboundHttpClient } from './outbound-client';
import { createPacer } from './outbound-policy';

export type TurnLogic = (context: TurnContext) => Promise<void>;

/** A CloudAdapter whose turn entry point the server calls directly (so it owns the HTTP response and its logging). */
export class RemedyAdapter extends CloudAdapter {
  constructor(
    auth: ConfigurationBotFrameworkAuthentication,
    readonly mode: Config['mode'],
  ) {
    super(auth);
  }

  /**
   * Authenticates the request (unless in local mode) and runs `logic` for the activity. Rejects with an error whose
   * statusCode is 401 when the token is missing or invalid — before any bot code runs. Returns the invoke response
   * for invoke activities.
   */
  async runTurn(authorization: string, activity: Activity, logic: TurnLogic): Promise<InvokeResponse | undefined> {
    return this.processActivity(this.mode === 'local' ? '' : authorization, activity, logic);
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

/** True for the SDK's AuthenticationError (missing, malformed, forged or expired token). */
export function isAuthenticationError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { statusCode?: unknown }).statusCode === 401;
}

/** The botbuilder settings object for the configured credentials (names as the SDK reads them). */
function authSettings(config: AdapterOptions['config'], openIdMetadataUrl: string | undefined): Record<string, string> {
  const settings: Record<string, string> = {};
  const credentials = config.credentials;
  if (config.mode === 'authenticated' && credentials) {
    settings.MicrosoftAppId = credentials.appId;
    settings.MicrosoftAppType = credentials.appType;
    if (credentials.appPassword !== undefined) settings.MicrosoftAppPassword = credentials.appPassword;
    if (credentials.tenantId !== undefined) settings.MicrosoftAppTenantId = credentials.tenantId;
  }
  if (openIdMetadataUrl !== undefined) settings.ToBotFromChannelOpenIdMetadataUrl = openIdMetadataUrl;
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
  const auth = new ConfigurationBotFrameworkAuthentication(
    authSettings(config, options.openIdMetadataUrl),
    undefined,
    undefined,
    undefined,
    { httpClient },
  );
  const adapter = new RemedyAdapter(auth, config.mode);
  // Errors that escape the bot's own error boundary (middleware, the boundary itself): log them with the ids.
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, ...describeActivity(context.activity) }, 'turn failed outside the bot error boundary');
  };
  return adapter;
}
