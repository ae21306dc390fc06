/** Starts createServer on a free loopback port with a stand-in bot, for the HTTP-level server tests. */
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import type { Config } from '../../src/config';
import { createAdapter } from '../../src/server/adapter';
import { createServer, type ReadinessCheck, type RemedyServer } from '../../src/server/server';
import { captureLogger } from './log-capture';

export const LIMITS: Config['limits'] = {
  maxBodyBytes: 4096,
  turnTimeoutMs: 2000,
  ratePerMinute: 30,
  rateBurst: 10,
  shutdownTimeoutMs: 2000,
};
export const OUTBOUND: Config['outbound'] = {
  maxAttempts: 3,
  baseDelayMs: 10,
  maxDelayMs: 50,
  perThreadPerSecond: 7,
  attemptTimeoutMs: 2000,
};

export interface Harness {
  url: string;
  port: number;
  server: RemedyServer;
  log: ReturnType<typeof captureLogger>;
  /** Activities the stand-in bot saw. */
  turns: TurnContext['activity'][];
  post(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  config?: Partial<Pick<Config, 'mode' | 'credentials'>> & { limits?: Partial<Config['limits']> };
  readiness?: ReadinessCheck[];
  /** What the stand-in bot does in a turn (default: nothing). */
  onTurn?: (context: TurnContext) => Promise<void>;
  openIdMetadataUrl?: string;
  /** Where to listen (default 127.0.0.1); `url` still uses 127.0.0.1. */
  host?: string;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const log = captureLogger();
  const config = {
    mode: options.config?.mode ?? 'local',
    limits: { ...LIMITS, ...options.config?.limits },
  } as const;
  const adapter = createAdapter({
    config: {
      mode: config.mode,
      outbound: OUTBOUND,
      ...(options.config?.credentials && { credentials: options.config.credentials }),
    },
    logger: log.logger,
    ...(options.openIdMetadataUrl && { openIdMetadataUrl: options.openIdMetadataUrl }),
  });
  const turns: TurnContext['activity'][] = [];
  const bot = {
    run: async (context: TurnContext) => {
      turns.push(context.activity);
      await options.onTurn?.(context);
    },
  };
  const server = createServer({
    adapter,
    bot,
    config,
    logger: log.logger,
    readiness: options.readiness ?? [],
  });
  await new Promise<void>((resolve) => server.app.listen(0, options.host ?? '127.0.0.1', () => resolve()));
  const port = (server.app.server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    server,
    log,
    turns,
    async post(body, headers = {}) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? (JSON.parse(text) as unknown) : undefined,
        headers: response.headers,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.app.server.closeAllConnections();
        server.app.close(() => resolve());
      }),
  };
}

/** A Teams-shaped personal-chat message. */
export function teamsMessage(
  serviceUrl: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    type: 'message',
    id: `msg-${Math.random().toString(36).slice(2)}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: '29:user-1', name: 'Ops Person', aadObjectId: '00000000-0000-0000-0000-000000000001' },
    conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: 'tenant-1' },
    recipient: { id: '28:remedy-bot', name: 'Remedy' },
    text: 'UserErrorGuestAgentStatusUnavailable',
    textFormat: 'plain',
    locale: 'en-US',
    channelData: { tenant: { id: 'tenant-1' } },
    ...overrides,
  };
}
