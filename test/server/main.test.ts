/**
 * `npm start` as an operator sees it: the real src/main.ts in a child process (tsx loader). Invalid configuration
 * and an unreachable store stop it with a clear message and an exit code before anything listens; SIGTERM lets
 * an in-flight turn finish, then the process exits 0.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMockConnector } from '../helpers/mock-connector';
import { spawnNode, type NodeRun } from '../helpers/spawn';
import { freePort } from '../storage/helpers/botInstance';

const children: NodeRun[] = [];
afterAll(() => children.forEach((child) => child.kill('SIGKILL')));

/** `npm start` with only `env` (and PATH) set; PLAYGROUND off, HOST loopback unless `env` says otherwise. */
function runMain(env: Record<string, string>): NodeRun {
  const run = spawnNode(['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', PLAYGROUND: 'false', HOST: '127.0.0.1', ...env },
  });
  children.push(run);
  return run;
}

async function isListening(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/healthz`);
    return true;
  } catch {
    return false; // connection refused: nothing listens, which is what these tests look for
  }
}

/**
 * Waits until `run` listens on `port` and has logged its start-up lines (they follow the listen, so a test that
 * reads them must wait for the last one); throws with its output if it logged a fatal start-up error first.
 */
async function untilListening(run: NodeRun, port: number): Promise<void> {
  while (!(await isListening(port))) {
    if (run.output().includes('"level":"fatal"')) throw new Error(run.output());
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await run.untilOutput(/Remedy is listening/);
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

/** The stderr of a failed start: exactly one line, `remedy: ...`. */
function oneLine(run: NodeRun): string {
  const lines = run
    .stderr()
    .split('\n')
    .filter((line) => line !== '');
  expect(lines).toHaveLength(1);
  return lines[0] ?? '';
}

/** The log lines on stdout (JSON), parsed. */
function logLines(run: NodeRun): Array<Record<string, unknown>> {
  return run
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('start-up failures: one line on stderr and the documented exit code, before anything listens', () => {
  it('a busy port: exit 5, before the store is opened', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const run = runMain({ PORT: String(port), DATA_DIR: dir });
      expect(await run.code).toBe(5);
      expect(oneLine(run)).toBe(
        `remedy: cannot listen on 127.0.0.1:${port}: the port is already in use (set PORT to a free one)`,
      );
      expect(run.output()).not.toMatch(/uncaught exception|store opened|"at /);
      expect(existsSync(path.join(dir, 'remedy.sqlite'))).toBe(false);
      expect(logLines(run).filter((line) => line.level === 'fatal')).toEqual([
        expect.objectContaining({ exitCode: 5, msg: expect.stringContaining('already in use') }),
      ]);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it('a HOST that is not an address of this machine: exit 5', async () => {
    const port = await freePort();
    const run = runMain({ PORT: String(port), DATA_DIR: dir, HOST: '192.0.2.254' }); // TEST-NET-1, not ours
    expect(await run.code).toBe(5);
    expect(oneLine(run)).toBe(
      `remedy: cannot listen on 192.0.2.254:${port}: HOST is not an address of this machine (EADDRNOTAVAIL)`,
    );
  });

  it('an unusable DATA_DIR: exit 4 at once, naming the directory', async () => {
    const started = Date.now();
    const run = runMain({ PORT: String(await freePort()), DATA_DIR: '/proc/nope' });
    expect(await run.code).toBe(4);
    expect(Date.now() - started).toBeLessThan(15000);
    expect(oneLine(run)).toMatch(/^remedy: DATA_DIR \/proc\/nope is not a writable directory \(E[A-Z]+\)/);
  });

  it('a DATA_DIR that is a file: exit 4', async () => {
    const file = path.join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const run = runMain({ PORT: String(await freePort()), DATA_DIR: file });
    expect(await run.code).toBe(4);
    expect(oneLine(run)).toMatch(/^remedy: DATA_DIR .*not-a-dir is not a writable directory/);
  });

  it('a missing catalogue: exit 3, saying how to build it', async () => {
    const port = await freePort();
    const missing = path.join(dir, 'missing.json');
    const run = runMain({ PORT: String(port), DATA_DIR: dir, CATALOGUE_PATH: missing });
    expect(await run.code).toBe(3);
    expect(oneLine(run)).toMatch(
      new RegExp(
        `^remedy: cannot load the knowledge catalogue: cannot read catalogue ${missing}.*npm run ingest`,
      ),
    );
    expect(await isListening(port)).toBe(false);
  });

  it('an invalid catalogue: exit 3', async () => {
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{"schemaVersion": 1, "entries": [');
    const run = runMain({ PORT: String(await freePort()), DATA_DIR: dir, CATALOGUE_PATH: broken });
    expect(await run.code).toBe(3);
    expect(oneLine(run)).toMatch(
      /^remedy: cannot load the knowledge catalogue: catalogue .*broken\.json is not JSON/,
    );
  });

  it('an unreachable database: exit 4, one line', async () => {
    const run = runMain({
      PORT: String(await freePort()),
      DATA_DIR: dir,
      DATABASE_URL: `postgres://remedy@127.0.0.1:${await freePort()}/remedy`,
    });
    expect(await run.code).toBe(4);
    expect(oneLine(run)).toMatch(/^remedy: cannot open the store \(STORE_UNAVAILABLE\)/);
  });
});

describe('local mode binds loopback by default', () => {
  it('listens on 127.0.0.1 when HOST is unset, and warns loudly when HOST exposes it', async () => {
    const port = await freePort();
    const loopback = runMain({ PORT: String(port), DATA_DIR: dir, HOST: '' });
    await untilListening(loopback, port);
    const listening = logLines(loopback).find((line) => line.msg === 'Remedy is listening');
    expect(listening?.url).toBe(`http://127.0.0.1:${port}`);
    expect(loopback.output()).not.toContain('exposes an UNAUTHENTICATED');
    loopback.kill('SIGTERM');
    expect(await loopback.code).toBe(0);

    const exposedPort = await freePort();
    const exposed = runMain({ PORT: String(exposedPort), DATA_DIR: dir, HOST: '0.0.0.0' });
    await untilListening(exposed, exposedPort);
    expect(logLines(exposed)).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: expect.stringContaining('HOST=0.0.0.0 exposes an UNAUTHENTICATED'),
      }),
    );
    exposed.kill('SIGTERM');
    expect(await exposed.code).toBe(0);
  });
});

describe('log format', () => {
  it('writes readable lines with LOG_FORMAT=pretty (a terminal in development picks it automatically)', async () => {
    const port = await freePort();
    const run = runMain({ PORT: String(port), DATA_DIR: dir, LOG_FORMAT: 'pretty' });
    await run.untilOutput(/Remedy is listening/);
    run.kill('SIGTERM');
    expect(await run.code).toBe(0);
    const lines = run
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines.find((line) => line.includes('Remedy is listening'))).toMatch(/INFO.*Remedy is listening/);
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
  });
});

it('announces local mode, and on SIGTERM finishes the in-flight turn before exiting 0', async () => {
  const connector = await startMockConnector();
  try {
    const port = await freePort();
    const run = runMain({ PORT: String(port), DATA_DIR: dir });
    await untilListening(run, port);
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
