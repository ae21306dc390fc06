/**
 * Structured logging (pino): one JSON line per event — or, on a developer's terminal, the same events as readable
 * lines through pino-pretty (LOG_FORMAT=pretty, or auto outside production when stdout is a TTY). Secrets and authorization headers are redacted wherever
 * they appear; pasted text is never logged whole — `text` fields are replaced by their length, and
 * `describeActivity` gives the fields of an activity that are safe to log.
 */
import { format } from 'node:util';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogFormat, LogLevel } from './config';

export type { Logger } from 'pino';

/** Paths pino censors in every log line (two levels deep, where request/response/config objects put them). */
export const REDACTED_PATHS = [
  'authorization',
  'Authorization',
  'password',
  'appPassword',
  'MicrosoftAppPassword',
  'userHashSalt',
  'USER_HASH_SALT',
  'headers.authorization',
  'headers.Authorization',
  '*.authorization',
  '*.Authorization',
  '*.password',
  '*.appPassword',
  '*.MicrosoftAppPassword',
  '*.userHashSalt',
  '*.headers.authorization',
  '*.headers.Authorization',
  '*.headers.cookie',
];
/** Fields that may hold pasted text; logged as their length only. */
export const TEXT_PATHS = ['text', '*.text', 'body.text', '*.body.text'];

function censor(value: unknown, path: string[]): string {
  const key = path[path.length - 1];
  if (key === 'text') return typeof value === 'string' ? `[${value.length} chars]` : '[text]';
  return '[redacted]';
}

export interface LoggerOptions {
  level: LogLevel;
  /** Fields on every line (service name, instance). */
  base?: Record<string, unknown>;
  /**
   * Where lines go. Default: stdout, written asynchronously (lines logged while a write is in progress are
   * coalesced into the next one; pino flushes on exit). Tests pass a stream to read what was logged.
   */
  destination?: DestinationStream;
  /** auto (default): pretty when `interactive`, JSON otherwise. Ignored when `destination` is given. */
  format?: LogFormat;
  /** For `auto`: a developer's terminal (main passes NODE_ENV !== 'production' && stdout.isTTY). */
  interactive?: boolean;
}

/** Whether lines go through pino-pretty. */
export function isPretty(format: LogFormat | undefined, interactive: boolean): boolean {
  return format === 'pretty' || ((format ?? 'auto') === 'auto' && interactive);
}

function prettyTransport(): DestinationStream {
  return pino.transport({
    target: 'pino-pretty',
    options: {
      destination: 1,
      colorize: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,service',
    },
  }) as DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const destination =
    options.destination ??
    (isPretty(options.format, options.interactive ?? false)
      ? prettyTransport()
      : pino.destination({ dest: 1, sync: false }));
  return pino(
    {
      level: options.level,
      base: { service: 'remedy', ...options.base },
      redact: { paths: [...REDACTED_PATHS, ...TEXT_PATHS], censor },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

const PEM_BLOCK = /-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g;

/**
 * Dependencies that write to the console (botframework-connector prints the channel's PEM signing keys with
 * console.error when a token's signature does not verify, and the error of an expired token) would put non-JSON
 * lines into the log. This routes console.log/info/warn/error/debug through `logger` at debug level as one event,
 * with PEM blocks shortened (they are public keys, but pages of noise). Remedy's own code never uses the console.
 * Returns a function that restores the console.
 */
export function routeConsoleToLogger(logger: Logger): () => void {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const original = methods.map((method) => [method, console[method]] as const);
  for (const method of methods) {
    console[method] = (...args: unknown[]) =>
      logger.debug(
        {
          source: 'console',
          method,
          output: format(...args)
            .replace(PEM_BLOCK, '[PEM key]')
            .slice(0, 2000),
        },
        'a dependency wrote to the console',
      );
  }
  return () => {
    for (const [method, fn] of original) console[method] = fn;
  };
}

interface ActivityLike {
  type?: unknown;
  id?: unknown;
  channelId?: unknown;
  text?: unknown;
  name?: unknown;
  conversation?: { id?: unknown; conversationType?: unknown; tenantId?: unknown } | null;
  attachments?: unknown;
}

/** The fields of an activity that are safe to log at info: ids and kinds, the text only as its length. */
export function describeActivity(activity: ActivityLike): Record<string, unknown> {
  const described: Record<string, unknown> = {
    activityType: activity.type,
    activityId: activity.id,
    channelId: activity.channelId,
    conversationId: activity.conversation?.id,
    conversationType: activity.conversation?.conversationType,
  };
  if (typeof activity.name === 'string') described.activityName = activity.name;
  if (typeof activity.text === 'string') described.textLength = activity.text.length;
  if (Array.isArray(activity.attachments)) described.attachments = activity.attachments.length;
  return described;
}
