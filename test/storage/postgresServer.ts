/**
 * PostgreSQL for tests: TEST_DATABASE_URL when set, otherwise a throw-away server started with
 * scripts/pg-test-server.sh. Each test file gets fresh databases from createTestDatabase.
 */
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);
export const PG_SCRIPT = path.resolve(__dirname, '../../scripts/pg-test-server.sh');

export interface PgServer {
  url: string;
  /** Only for a server this helper started: stop / start it again, keeping the data. */
  pause?(): Promise<void>;
  resume?(): Promise<void>;
  /** SIGSTOP / SIGCONT the server's processes: a database that hangs instead of refusing. */
  freeze?(): Promise<void>;
  thaw?(): Promise<void>;
  stop(): Promise<void>;
}

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailableReason(options: { needBinaries?: boolean } = {}): string | undefined {
  if (process.env.TEST_DATABASE_URL && !options.needBinaries) return undefined;
  try {
    execFileSync(PG_SCRIPT, ['bindir'], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    return `no PostgreSQL server binaries (scripts/pg-test-server.sh bindir: ${stderr || (error as Error).message}) ${options.needBinaries ? '(needed: the test stops and restarts its own server)' : 'and TEST_DATABASE_URL is not set'}`;
  }
}

/** A server of our own (needed when the test stops and restarts it). */
export async function startThrowawayPostgres(): Promise<PgServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-pg-'));
  const { stdout } = await run(PG_SCRIPT, ['start', dir], { timeout: 120_000 });
  const url = stdout.trim().split('\n').pop() as string;
  return {
    url,
    pause: async () => void (await run(PG_SCRIPT, ['pause', dir], { timeout: 60_000 })),
    resume: async () => void (await run(PG_SCRIPT, ['resume', dir], { timeout: 60_000 })),
    freeze: async () => void (await run(PG_SCRIPT, ['freeze', dir], { timeout: 60_000 })),
    thaw: async () => void (await run(PG_SCRIPT, ['thaw', dir], { timeout: 60_000 })),
    stop: async () => void (await run(PG_SCRIPT, ['stop', dir], { timeout: 60_000 })),
  };
}

/** TEST_DATABASE_URL when set (left running), else a throw-away server. */
export async function testPostgres(): Promise<PgServer> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return { url, stop: async () => undefined };
  return startThrowawayPostgres();
}

/** A fresh, empty database on the server; `drop()` removes it. */
export async function createTestDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `remedy_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
