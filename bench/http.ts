/**
 * `npm run bench:http [-- --duration 10 --rate 100 --connections 32 --runs 3 --auth local,token --stores sqlite]`
 *
 * Load test of POST /api/messages with three separate processes: the real server (`src/main.ts`), the load
 * generator (bench/http-load.ts) and the channel side (bench/http-connector.ts: the mock Bot Connector the bot
 * replies to, plus the OpenID signing keys). With `taskset` the server is pinned to the last core and the load
 * generator + connector to the others (said in the output when pinning is not possible).
 * Two auth modes: `local` (no credentials, no token checks) and `token` (Microsoft app credentials configured:
 * every request carries a Bot Framework token signed with a locally served key and botbuilder really checks it —
 * bench/auth-preload.cjs points the SDK at those keys and stubs the bot's own outbound AAD token).
 * Per auth mode and store, `--runs` fresh servers; each: 5 s flat-out warm-up, `--duration` s at a fixed offered rate (open
 * loop, latency from the scheduled send time), then `--duration` s flat out (autocannon, `--connections` in flight).
 * Figures per run: activities/s, p50/p99, errors (+ non-2xx, timeouts), replies the connector received, and the
 * server's CPU ms per activity (from /proc, independent of other load on the machine); then min/median/max over
 * the runs, and the load average. BENCH_NODE_FLAGS adds node flags to the server (e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof"); BENCH_DEBUG=1 keeps the server logs. The last line is JSON.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { parseScriptArgs } from '../src/cli/args';
import { errorMessage } from '../src/core/errors';

const ROOT = path.resolve(__dirname, '..');
const APP_ID = '6f4e1a7c-1111-4222-8333-944445555666';
const TENANT_ID = '0b1c2d3e-aaaa-4bbb-8ccc-ddddeeeeffff';

const list = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((value) => value.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(values, { error: `expected ${values.join(' and/or ')}` })));

const ArgsSchema = z.object({
  duration: z.coerce.number().int().min(1).max(600).default(10),
  rate: z.coerce.number().int().min(1).max(100000).default(100),
  connections: z.coerce.number().int().min(1).max(1000).default(32),
  runs: z.coerce.number().int().min(1).max(20).default(3),
  auth: list(['local', 'token']).default(['local', 'token']),
  stores: list(['sqlite', 'postgres']).default(['sqlite']),
});
type Args = z.infer<typeof ArgsSchema>;

/** The syntax of the options above (node:util parseArgs); ArgsSchema says what their values mean. */
const ARG_OPTIONS = {
  duration: { type: 'string' },
  rate: { type: 'string' },
  connections: { type: 'string' },
  runs: { type: 'string' },
  auth: { type: 'string' },
  stores: { type: 'string' },
} as const;

// ---- pinning -----------------------------------------------------------------------------------------------

function tasksetWorks(): boolean {
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const CORES = cpus().length;
const PINNING = CORES >= 2 && tasksetWorks();
/** Server on the last core; load generator and connector on the others. */
const pin = (role: 'server' | 'load') =>
  PINNING ? ['taskset', '-c', role === 'server' ? String(CORES - 1) : `0-${CORES - 2}`] : [];

function spawnNode(
  role: 'server' | 'load',
  args: string[],
  options: Parameters<typeof spawn>[2],
): ChildProcess {
  const command = [...pin(role), process.execPath, ...args];
  return spawn(command[0] as string, command.slice(1), options);
}

// ---- processes ---------------------------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Starts a child that prints one JSON line when ready; resolves with that line parsed. */
function firstLine<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const newline = out.indexOf('\n');
      if (newline >= 0) resolve(JSON.parse(out.slice(0, newline)) as T);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      if (!out.includes('\n')) reject(new Error(`${what} exited with ${code}: ${err.slice(-2000)}`));
    });
  });
}

interface Channel {
  url: string;
  openIdMetadataUrl: string;
  keyId: string;
  child: ChildProcess;
}

async function startChannel(jwk: object): Promise<Channel> {
  const child = spawnNode('load', ['-r', 'tsx/cjs', 'bench/http-connector.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', BENCH_JWK: JSON.stringify(jwk) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const info = await firstLine<Omit<Channel, 'child'>>(child, 'the mock connector');
  return { ...info, child };
}

async function channelStats(channel: Channel, reset = false): Promise<number> {
  const response = await fetch(new URL(reset ? '__reset' : '__stats', channel.url));
  const body = (await response.json()) as { delivered?: number };
  return body.delivered ?? 0;
}

async function waitReady(url: string, child: ChildProcess, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with code ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet: poll again
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server not ready within ${timeoutMs} ms`);
}

interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<number | null>;
}

async function startServer(env: Record<string, string>, preload: string[], logFile: string): Promise<Server> {
  const port = await freePort();
  const out = openSync(logFile, 'a');
  // tsx as a loader inside one node process (not its CLI wrapper), so SIGTERM reaches the server's own handler.
  const child = spawnNode(
    'server',
    [
      ...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []),
      ...preload,
      '--import',
      'tsx',
      'src/main.ts',
    ],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        PLAYGROUND: 'false',
        LOG_LEVEL: 'info',
        // The bench concentrates traffic on few conversations; the per-conversation limit would refuse most of it.
        RATE_LIMIT_PER_MINUTE: '100000',
        RATE_LIMIT_BURST: '100000',
        ...env,
      },
      stdio: ['ignore', out, out],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, child);
  } catch (error) {
    child.kill('SIGTERM');
    throw new Error(`${errorMessage(error)}\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}

/** CPU time (ms) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime in USER_HZ (100/s)
  } catch {
    return null; // not Linux: the table shows '-'
  }
}

interface LoadResult {
  sent: number;
  completed: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

async function runLoad(args: string[]): Promise<LoadResult> {
  const child = spawnNode('load', ['-r', 'tsx/cjs', 'bench/http-load.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return firstLine<LoadResult>(child, 'the load generator');
}

// ---- token mode ------------------------------------------------------------------------------------------

const channelKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** A Bot Framework channel token for `serviceUrl`, valid for an hour (the channel reuses its tokens too). */
function channelToken(serviceUrl: string, keyId: string): string {
  const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: keyId }));
  const payload = b64url(
    JSON.stringify({
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      serviceurl: serviceUrl,
      nbf: now - 60,
      exp: now + 3600,
    }),
  );
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), channelKey.privateKey).toString(
    'base64url',
  );
  return `${header}.${payload}.${signature}`;
}

/** Token mode must really check tokens: an unsigned request is refused (else the run would measure nothing). */
async function assertTokensChecked(url: string, serviceUrl: string): Promise<void> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
    body: JSON.stringify({
      type: 'message',
      id: 'bench-probe',
      channelId: 'msteams',
      serviceUrl,
      from: { id: '29:probe' },
      recipient: { id: '28:remedy-bot' },
      conversation: { id: 'a:probe', conversationType: 'personal' },
      text: 'help',
    }),
  });
  if (response.status !== 401)
    throw new Error(
      `token mode: a forged token got HTTP ${response.status}, expected 401 (token checks not on?)`,
    );
}

// ---- runs --------------------------------------------------------------------------------------------------

interface RunFigures {
  auth: 'local' | 'token';
  store: 'sqlite' | 'postgres';
  run: number;
  mode: 'fixed-rate' | 'max';
  offeredRate?: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  requests: number;
  replies: number;
  cpuMsPerActivity: number | null;
  loadAverage: number[];
}

function postgresUrl(): { url: string; stop?: () => void } | undefined {
  if (process.env.TEST_DATABASE_URL) return { url: process.env.TEST_DATABASE_URL };
  const script = path.join(ROOT, 'scripts/pg-test-server.sh');
  try {
    execFileSync(script, ['bindir'], { stdio: 'ignore' });
  } catch {
    return undefined; // no server binaries: reported as skipped
  }
  const dir = path.join(tmpdir(), `remedy-bench-pg-${process.pid}`);
  const url = execFileSync(script, ['start', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  return { url, stop: () => execFileSync(script, ['stop', dir], { stdio: ['ignore', 'ignore', 'inherit'] }) };
}

async function oneRun(
  auth: 'local' | 'token',
  store: 'sqlite' | 'postgres',
  run: number,
  args: Args,
  channel: Channel,
  databaseUrl: string | undefined,
): Promise<RunFigures[]> {
  const dir = mkdtempSync(path.join(tmpdir(), `remedy-bench-${auth}-${store}-`));
  const logFile = path.join(dir, 'server.log');
  const env: Record<string, string> = { DATA_DIR: dir, ...(databaseUrl && { DATABASE_URL: databaseUrl }) };
  const preload: string[] = [];
  if (auth === 'token') {
    Object.assign(env, {
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'bench-not-a-secret',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: TENANT_ID,
      BENCH_OPENID_METADATA_URL: channel.openIdMetadataUrl,
    });
    preload.push('-r', path.join(ROOT, 'bench', 'auth-preload.cjs'));
  }
  const server = await startServer(env, preload, logFile);
  if (auth === 'token') await assertTokensChecked(server.url, channel.url);
  const common = ['--url', server.url, '--service-url', channel.url];
  if (auth === 'token') common.push('--token', channelToken(channel.url, channel.keyId));
  const results: RunFigures[] = [];
  try {
    // Warm-up: 5 s flat out (thousands of activities, so V8 has optimised the hot paths before anything is
    // measured), then a second for the backlog to drain.
    await runLoad([...common, '--mode', 'max', '--duration', '5', '--connections', String(args.connections)]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const mode of ['fixed-rate', 'max'] as const) {
      await channelStats(channel, true);
      const before = cpuMs(server.child.pid);
      const result = await runLoad(
        mode === 'fixed-rate'
          ? [...common, '--mode', 'paced', '--duration', String(args.duration), '--rate', String(args.rate)]
          : [
              ...common,
              '--mode',
              'max',
              '--duration',
              String(args.duration),
              '--connections',
              String(args.connections),
            ],
      );
      await new Promise((resolve) => setTimeout(resolve, 300)); // replies still on their way out
      const after = cpuMs(server.child.pid);
      results.push({
        auth,
        store,
        run,
        mode,
        ...(mode === 'fixed-rate' && { offeredRate: args.rate }),
        perSecond: result.perSecond,
        p50: result.p50,
        p99: result.p99,
        errors: result.errors,
        non2xx: result.non2xx,
        timeouts: result.timeouts,
        requests: result.sent,
        replies: await channelStats(channel),
        cpuMsPerActivity:
          before !== null && after !== null && result.completed > 0
            ? Math.round(((after - before) / result.completed) * 100) / 100
            : null,
        loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      });
    }
  } finally {
    const exitCode = await server.stop();
    if (exitCode !== 0 || process.env.BENCH_DEBUG)
      process.stderr.write(
        `bench: server (${auth}, ${store}) exited with ${exitCode}; log kept: ${logFile}\n`,
      );
    else rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const spread = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    min: sorted[0] ?? NaN,
    median: sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN,
    max: sorted[sorted.length - 1] ?? NaN,
  };
};
const fmt = (s: { min: number; median: number; max: number }) => `${s.min} / ${s.median} / ${s.max}`;

async function main(): Promise<void> {
  const args = parseScriptArgs('bench:http', process.argv.slice(2), {
    options: ARG_OPTIONS,
    allowPositionals: false,
    schema: ArgsSchema,
  });
  if (!args) return;
  const loadBefore = loadavg();
  process.stdout.write(
    `machine: ${CORES} cores, load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}; ` +
      (PINNING
        ? `server pinned to core ${CORES - 1}, load generator + connector to cores 0-${CORES - 2} (taskset)\n`
        : 'NOT pinned (taskset unavailable or a single core): server, load generator and connector share the cores\n'),
  );
  const channel = await startChannel(channelKey.publicKey.export({ format: 'jwk' }));
  const all: RunFigures[] = [];
  const skipped: string[] = [];
  try {
    for (const store of args.stores) {
      const pg = store === 'postgres' ? postgresUrl() : undefined;
      if (store === 'postgres' && !pg) {
        skipped.push('postgres: no TEST_DATABASE_URL and no PostgreSQL server binaries');
        continue;
      }
      try {
        for (const auth of args.auth)
          for (let run = 1; run <= args.runs; run += 1) {
            process.stderr.write(
              `bench: ${auth}/${store} run ${run}/${args.runs}: ${args.duration}s at ${args.rate}/s, then ${args.duration}s flat out (${args.connections} connections)\n`,
            );
            all.push(...(await oneRun(auth, store, run, args, channel, pg?.url)));
          }
      } finally {
        pg?.stop?.();
      }
    }
  } finally {
    channel.child.kill('SIGTERM');
  }

  console.log('\nper run');
  console.log(
    'auth   store   run mode        act/s   p50 ms   p99 ms  errors non2xx timeouts replies  CPU ms/act  load(1m)',
  );
  for (const r of all)
    console.log(
      `${r.auth.padEnd(6)} ${r.store.padEnd(7)} ${String(r.run).padStart(3)} ${r.mode.padEnd(10)} ${String(r.perSecond).padStart(6)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(7)} ${String(r.non2xx).padStart(6)} ${String(r.timeouts).padStart(8)} ${String(r.replies).padStart(7)} ${String(r.cpuMsPerActivity ?? '-').padStart(11)} ${String(r.loadAverage[0]).padStart(9)}`,
    );
  const summary: Array<Record<string, unknown>> = [];
  console.log(`\nspread over ${args.runs} runs (min / median / max)`);
  console.log(
    '| auth | store | flat out act/s | CPU ms/act (flat out) | fixed ' +
      args.rate +
      '/s p50 ms | p99 ms | CPU ms/act (fixed) | errors+non2xx+timeouts |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const store of args.stores)
    for (const auth of args.auth) {
      const max = all.filter((r) => r.auth === auth && r.store === store && r.mode === 'max');
      const fixed = all.filter((r) => r.auth === auth && r.store === store && r.mode === 'fixed-rate');
      if (max.length === 0) continue;
      const row = {
        auth,
        store,
        maxPerSecond: spread(max.map((r) => r.perSecond)),
        maxCpuMsPerActivity: spread(max.map((r) => r.cpuMsPerActivity ?? NaN)),
        fixedP50: spread(fixed.map((r) => r.p50)),
        fixedP99: spread(fixed.map((r) => r.p99)),
        fixedCpuMsPerActivity: spread(fixed.map((r) => r.cpuMsPerActivity ?? NaN)),
        failures: [...max, ...fixed].reduce((n, r) => n + r.errors + r.non2xx + r.timeouts, 0),
      };
      summary.push(row);
      console.log(
        `| ${auth} | ${store} | ${fmt(row.maxPerSecond)} | ${fmt(row.maxCpuMsPerActivity)} | ${fmt(row.fixedP50)} | ${fmt(row.fixedP99)} | ${fmt(row.fixedCpuMsPerActivity)} | ${row.failures} |`,
      );
    }
  // The fixed-rate target (p99 ≤ 100 ms, no failures, the offered rate sustained) in every run: it can fail.
  const target = { rate: args.rate, p99Ms: 100 };
  const fixedRuns = all.filter((r) => r.mode === 'fixed-rate');
  const meetsTarget =
    fixedRuns.length > 0 &&
    fixedRuns.every(
      (r) =>
        r.perSecond >= args.rate * 0.97 && r.p99 <= target.p99Ms && r.errors + r.non2xx + r.timeouts === 0,
    );
  console.log(
    `\ntarget at ${args.rate}/s (p99 ≤ ${target.p99Ms} ms, rate sustained, no errors) in every run: ${meetsTarget ? 'met' : 'MISSED'}`,
  );
  for (const reason of skipped) console.log(`skipped ${reason}`);
  const loadAfter = loadavg();
  console.log(
    `load average before / after: ${loadBefore.map((l) => l.toFixed(2)).join(' ')} / ${loadAfter.map((l) => l.toFixed(2)).join(' ')} on ${CORES} cores`,
  );
  console.log(
    JSON.stringify({
      bench: 'http',
      pinned: PINNING,
      target,
      meetsTarget,
      summary,
      runs: all,
      skipped,
      loadBefore,
      loadAfter,
    }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:http failed: ${errorMessage(error)}\n`);
  process.exit(1);
});
