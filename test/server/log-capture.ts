/** A pino logger whose lines the test can read. */
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { createLogger } from '../../src/logging';

export interface CapturedLog {
  level: string;
  msg: string;
  [key: string]: unknown;
}

export function captureLogger(level: 'debug' | 'info' | 'warn' = 'debug'): {
  logger: Logger;
  lines: CapturedLog[];
  raw: () => string;
} {
  const lines: CapturedLog[] = [];
  let raw = '';
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      const text = chunk.toString('utf8');
      raw += text;
      for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as CapturedLog);
      callback();
    },
  });
  return { logger: createLogger({ level, destination }), lines, raw: () => raw };
}
