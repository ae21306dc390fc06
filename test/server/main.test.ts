/**
 * `npm start` as an operator sees it: the real src/main.ts in a child process (tsx loader). Invalid configuration
 * and an unreachable store stop it with a clear message and an exit code before anything listens; SIGTERM lets
 * an in-flight turn finish, then the process exits 0.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMockConnector } from '../helpers/mock-connector';

const ROOT = path.resolve(__dirname, '../..');

interface Run {
  code: Promise<number | null>;
  output: () => string;
  kill(signal: NodeJS.Signals): void;
}

const children: Array<{ kill(signal: NodeJS.Signals): void }> = [];
afterAll(() => children.forEach((child) => child.kill('SIGKILL')));

function runMain(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PLAYGROUND: 'false', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    code: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    output: () => output,
    kill: (signal) => child.kill(signal),
  };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function isListening(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/healthz`);
    return true;
  } catch {
    return false; // connection refused: nothing listens, which is what these tests look for
  }
}

jest.setTimeout(60000);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'remedy-main-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('exits with code 2 and one line per invalid field, without listening', async () => {
  const port = await freePort();
  const run = runMain({
    PORT: String(port),
    DATA_DIR: dir,
    LOG_LEVEL: 'loud',
    MicrosoftAppId: 'not-a-guid',
    RATE_LIMIT_BURST: '0',
  });
  expect(await run.code).toBe(2);
  expect(run.output()).toContain('invalid configuration');
  expect(run.output()).toMatch(/^ {2}LOG_LEVEL: expected one of/m);
  expect(run.output()).toMatch(/^ {2}MicrosoftAppId: expected a GUID/m);
  expect(run.output()).toMatch(/^ {2}RATE_LIMIT_BURST: expected an integer from 1/m);
  expect(await isListening(port)).toBe(false);
});

it('refuses to start in production without credentials', async () => {
  const run = runMain({ NODE_ENV: 'production', DATA_DIR: dir, PORT: String(await freePort()) });
  expect(await run.code).toBe(2);
  expect(run.output()).toMatch(/MicrosoftAppId: required when NODE_ENV=production/);
});

it('exits with code 4 and a clear message when the store is unreachable', async () => {
  const port = await freePort();
  const deadDatabase = await freePort();
  const run = runMain({
    PORT: String(port),
    DATA_DIR: dir,
    DATABASE_URL: `postgres://remedy@127.0.0.1:${deadDatabase}/remedy`,
  });
  expect(await run.code).toBe(4);
  expect(run.output()).toMatch(/remedy: cannot open the store \(STORE_UNAVAILABLE\)/);
  expect(await isListening(port)).toBe(false);
});

it('announces local mode, and on SIGTERM finishes the in-flight turn before exiting 0', async () => {
  const connector = await startMockConnector();
  try {
    const port = await freePort();
    const run = runMain({ PORT: String(port), DATA_DIR: dir });
    while (!(await isListening(port))) {
      if (run.output().includes('"level":"fatal"')) throw new Error(run.output());
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(run.output()).toContain('LOCAL MODE');
    connector.setDelay(1500); // the bot's reply is slow: the turn is still running when SIGTERM arrives
    const inFlight = fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'm-1',
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: '29:u' },
        recipient: { id: '28:b' },
        conversation: { id: 'a:chat', conversationType: 'personal' },
        text: 'UserErrorGuestAgentStatusUnavailable',
      }),
    });
    while (connector.pending() === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    run.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await run.code).toBe(0);
    expect(connector.delivered()).toHaveLength(1);
    expect(run.output()).toMatch(/"msg":"stopped"/);
  } finally {
    await connector.close();
  }
});
