/**
 * Structured logging (pino): one JSON line per event. Secrets and authorization headers are redacted wherever
 * they appear; pasted text is never logged whole — `text` fields are replaced by their length, and
 * `describeActivity` gives the fields of an activity that are safe to log.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import type { LogLevel } from './config';

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
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'remedy', ...options.base },
      redact: { paths: [...REDACTED_PATHS, ...TEXT_PATHS], censor },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
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
