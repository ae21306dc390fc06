/** A real bot server process (`src/main.ts`, local mode, no app credentials) for multi-process storage tests. */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawnNode } from '../../helpers/spawn';

export interface BotInstance {
  port: number;
  child: ChildProcess;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  dataDir: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Starts `node --import tsx src/main.ts` on a free port and waits until /readyz answers 200. */
export async function startBotInstance(
  databaseUrl: string | undefined,
  options: { env?: Record<string, string>; dataDir?: string; nodeArgs?: string[] } = {},
): Promise<BotInstance> {
  const port = await freePort();
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-instance-'));
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.DATABASE_URL;
  const run = spawnNode([...(options.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts'], {
    env: {
      ...env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...(databaseUrl !== undefined && { DATABASE_URL: databaseUrl }),
      USER_HASH_SALT: 'multi-instance-shared-salt',
      PLAYGROUND: 'false',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  });
  const { child, output } = run;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot instance exited with ${child.exitCode}: ${output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.status === 200) break;
    } catch (error) {
      // Not listening yet; polled again until the deadline.
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`bot instance on ${port} not ready: ${output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, child, output, dataDir };
}

/** Stops the process (SIGTERM, or `signal`) and waits for it; removes its DATA_DIR unless `keepData`. */
export async function stopBotInstance(
  instance: BotInstance,
  options: { signal?: NodeJS.Signals; keepData?: boolean } = {},
): Promise<void> {
  if (instance.child.exitCode === null && instance.child.signalCode === null) {
    const exited = new Promise((resolve) => instance.child.once('exit', resolve));
    instance.child.kill(options.signal ?? 'SIGTERM');
    await exited;
  }
  if (!options.keepData) fs.rmSync(instance.dataDir, { recursive: true, force: true });
}

/** POSTs an activity to the instance's /api/messages with `serviceUrl` set; returns status and JSON body. */
export async function postActivity(
  instance: BotInstance,
  activity: object,
  serviceUrl: string,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${instance.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...activity, serviceUrl }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}
