/**
 * `npm run bench:http [-- --duration 15 --rate 300 --connections 32 --stores sqlite,postgres]`
 *
 * Load test of POST /api/messages: the real server (`src/main.ts`, local mode) runs as a child process on its own
 * core; this process runs autocannon and the mock Bot Connector the bot replies to. Activities are realistic Teams
 * messages built from the catalogue (error pastes in English/Korean/Dutch, noisy portal copies, channel small talk
 * that gets no reply, `help`), each with a fresh activity id, over many personal chats and channel threads.
 * Two runs per store: at a fixed offered rate, paced evenly (--rate, the target: p99 ≤ 100 ms, zero errors), and
 * flat out with autocannon (--connections in flight; throughput). PostgreSQL uses TEST_DATABASE_URL, else a throw-away server from scripts/pg-test-server.sh.
 * Prints a table per run, the server's CPU time per activity (independent of other load on the machine) and the
 * load average; the last line is JSON. BENCH_DEBUG=1 also prints the slowest paced requests and keeps the server log;
 * BENCH_NODE_FLAGS adds node flags to the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { z } from 'zod';
import { startMockConnector, type MockConnector } from '../test/helpers/mock-connector';

const ROOT = path.resolve(__dirname, '..');

const ArgsSchema = z.object({
  duration: z.coerce.number({ error: '--duration: expected seconds' }).int().min(1).max(600).default(15),
  rate: z.coerce
    .number({ error: '--rate: expected activities per second' })
    .int()
    .min(1)
    .max(100000)
    .default(300),
  connections: z.coerce
    .number({ error: '--connections: expected a number' })
    .int()
    .min(1)
    .max(1000)
    .default(32),
  stores: z
    .string()
    .default('sqlite,postgres')
    .transform((value) => value.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(['sqlite', 'postgres'], { error: '--stores: expected sqlite and/or postgres' }))),
});

function parseArgs(argv: string[]): z.infer<typeof ArgsSchema> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const key = argv[i]?.replace(/^--/, '');
    const value = argv[i + 1];
    if (key && value !== undefined) raw[key] = value;
    i += 1;
  }
  const parsed = ArgsSchema.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('\n'));
  return parsed.data;
}

// ---- realistic traffic ---------------------------------------------------------------------------------

interface CatalogueEntry {
  kind: string;
  codes: string[];
  title: Record<string, string | undefined>;
  message: Record<string, string | undefined>;
}

function pastesFromCatalogue(): string[] {
  const catalogue = JSON.parse(readFileSync(path.join(ROOT, 'knowledge/catalogue.json'), 'utf8')) as {
    entries: CatalogueEntry[];
  };
  const pastes: string[] = [];
  for (const entry of catalogue.entries.filter((e) => e.kind === 'error')) {
    const code = entry.codes[0];
    const en = entry.message.en ?? entry.title.en ?? '';
    if (code) pastes.push(`Error code: ${code}\nError message: ${en}`);
    if (code)
      pastes.push(
        `<p>Backup job failed on <b>vm-prod-042</b></p><p>${code} – ${en}</p><p>Activity ID: 3f2a9c1e-8b7d-4e11-a2c4-9d0e1f2a3b4c</p>`,
      );
    if (entry.message.ko) pastes.push(`오류: ${entry.message.ko}`);
    if (entry.message.nl) pastes.push(`Foutmelding: ${entry.message.nl}`);
    if (en) pastes.push(`getting this since last night: ${en.toLowerCase()} — any idea?`);
  }
  return pastes;
}

const SMALL_TALK = [
  'anyone up for lunch?',
  'deploy is done, thanks all',
  'standup moved to 10:30',
  'who has the on-call phone this week?',
];

function activityFactory(serviceUrl: string) {
  const pastes = pastesFromCatalogue();
  let n = 0;
  const run = Date.now().toString(36);
  return (): Record<string, unknown> => {
    n += 1;
    const id = `${run}-${n}`;
    const base = {
      id,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl,
      from: {
        id: `29:user-${n % 200}`,
        name: 'Ops Person',
        aadObjectId: `00000000-0000-4000-8000-${String(n % 200).padStart(12, '0')}`,
      },
      recipient: { id: '28:remedy-bot', name: 'Remedy' },
      textFormat: 'plain',
      locale: n % 5 === 0 ? 'ko-KR' : n % 7 === 0 ? 'nl-NL' : 'en-US',
      type: 'message',
    };
    const slot = n % 10;
    if (slot < 6) {
      // a paste in a personal chat
      return {
        ...base,
        text: pastes[n % pastes.length],
        conversation: { id: `a:personal-${n % 500}`, conversationType: 'personal', tenantId: 't1' },
      };
    }
    const channel = `19:channel-${n % 40}@thread.tacv2`;
    const channelData = {
      teamsChannelId: channel,
      teamsTeamId: '19:team@thread.tacv2',
      tenant: { id: 't1' },
    };
    if (slot < 8) {
      // a paste posted in a channel (the bot reads channel messages with RSC) → threaded reply when confident
      return {
        ...base,
        text: pastes[(n * 7) % pastes.length],
        conversation: {
          id: `${channel};messageid=${id}`,
          conversationType: 'channel',
          isGroup: true,
          tenantId: 't1',
        },
        channelData,
      };
    }
    if (slot === 8) {
      return {
        ...base,
        text: SMALL_TALK[n % SMALL_TALK.length],
        conversation: {
          id: `${channel};messageid=${id}`,
          conversationType: 'channel',
          isGroup: true,
          tenantId: 't1',
        },
        channelData,
      };
    }
    return {
      ...base,
      text: 'help',
      conversation: { id: `a:personal-${n % 500}`, conversationType: 'personal', tenantId: 't1' },
    };
  };
}

// ---- processes -------------------------------------------------------------------------------------------

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

async function waitReady(url: string, child: ChildProcess, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited with code ${child.exitCode} before it was ready; see its log`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet: poll again
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server not ready within ${timeoutMs} ms`);
}

async function startServer(
  env: Record<string, string>,
  logFile: string,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<number | null> }> {
  const port = await freePort();
  const out = openSync(logFile, 'a');
  // tsx as a loader inside one node process (not its CLI wrapper), so SIGTERM reaches the server's own handler.
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'src/main.ts'],
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
    throw new Error(
      `${error instanceof Error ? error.message : String(error)}\n${readFileSync(logFile, 'utf8').slice(-2000)}`,
    );
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

// ---- runs --------------------------------------------------------------------------------------------------

interface RunResult {
  store: string;
  mode: 'fixed-rate' | 'max';
  offeredRate?: number;
  requestsPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
  requests: number;
  replies: number;
  /** CPU time the server process used per activity (user + system): its cost independent of machine load. */
  serverCpuMsPerActivity: number | null;
}

/** CPU time (ms) a process has used so far, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in USER_HZ ticks (100/s)
  } catch (error) {
    process.stderr.write(
      `bench: no CPU figures (${error instanceof Error ? error.message : String(error)})\n`,
    );
    return null;
  }
}

interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

/** Flat out: autocannon keeps `connections` requests in flight for `duration` seconds. */
async function loadMax(
  url: string,
  next: () => Record<string, unknown>,
  options: { duration: number; connections: number },
): Promise<LoadResult> {
  return autocannon({
    url: `${url}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(next()) }) }],
  });
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

/**
 * A fixed offered rate, open loop: request i is sent at start + i/rate whatever the responses do (autocannon's
 * overallRate sends each second's quota in one burst, which measures a burst, not a rate). Latency counts from
 * the scheduled time, so a sender that falls behind cannot hide queueing (no coordinated omission).
 */
async function loadPaced(
  url: string,
  next: () => Record<string, unknown>,
  options: { duration: number; rate: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(`${url}/api/messages`);
  const latencies: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  const total = Math.round(options.duration * options.rate);
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  const slow: Array<[number, number]> = [];
  const send = (scheduledAt: number): Promise<void> =>
    new Promise((resolve) => {
      const body = JSON.stringify(next());
      const request = httpRequest(
        target,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          timeout: 10000,
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - scheduledAt);
            if (process.env.BENCH_DEBUG)
              slow.push([Math.round(scheduledAt - started), Math.round(performance.now() - scheduledAt)]);
            if ((response.statusCode ?? 0) >= 300) non2xx += 1;
            resolve();
          });
        },
      );
      let timedOut = false;
      request.on('timeout', () => {
        timedOut = true;
        timeouts += 1;
        request.destroy(new Error('timeout'));
      });
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (!timedOut) {
          errors += 1; // counted and reported in the results table; the kind goes to stderr
          process.stderr.write(`bench: request error ${error.code ?? error.message}\n`);
        }
        resolve();
      });
      request.end(body);
    });
  for (let i = 0; i < total;) {
    const now = performance.now();
    while (i < total && started + (i * 1000) / options.rate <= now) {
      inFlight.push(send(started + (i * 1000) / options.rate));
      i += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  if (process.env.BENCH_DEBUG) {
    const worst = slow.sort((a, b) => b[1] - a[1]).slice(0, 40);
    process.stderr.write(
      `slowest (sent at ms → latency ms): ${worst.map(([at, ms]) => `${at}→${ms}`).join(' ')}\n`,
    );
  }
  return {
    requests: { average: latencies.length / elapsedS, total },
    latency: { p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)) },
    errors,
    timeouts,
    non2xx,
  };
}

async function benchStore(
  store: 'sqlite' | 'postgres',
  args: z.infer<typeof ArgsSchema>,
  connector: MockConnector,
): Promise<RunResult[]> {
  const dir = mkdtempSync(path.join(tmpdir(), `remedy-bench-${store}-`));
  let databaseUrl: string | undefined;
  let pgDir: string | undefined;
  if (store === 'postgres') {
    databaseUrl = process.env.TEST_DATABASE_URL;
    if (!databaseUrl) {
      pgDir = path.join(tmpdir(), `remedy-bench-pg-${process.pid}`); // not inside `dir`: the postgres user must reach it
      databaseUrl = execFileSync(path.join(ROOT, 'scripts/pg-test-server.sh'), ['start', pgDir], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }).trim();
    }
  }
  const logFile = path.join(dir, 'server.log');
  const server = await startServer(
    { DATA_DIR: dir, ...(databaseUrl && { DATABASE_URL: databaseUrl }) },
    logFile,
  );
  const next = activityFactory(connector.url);
  const results: RunResult[] = [];
  try {
    await loadPaced(server.url, next, { duration: 3, rate: Math.min(args.rate, 200) }); // warm-up (JIT, caches)
    for (const mode of ['fixed-rate', 'max'] as const) {
      connector.reset();
      const cpuBefore = cpuMs(server.child.pid);
      const result =
        mode === 'fixed-rate'
          ? await loadPaced(server.url, next, { duration: args.duration, rate: args.rate })
          : await loadMax(server.url, next, { duration: args.duration, connections: args.connections });
      const cpuAfter = cpuMs(server.child.pid);
      const cpuPerActivity =
        cpuBefore !== null && cpuAfter !== null && result.requests.total > 0
          ? Math.round(((cpuAfter - cpuBefore) / result.requests.total) * 100) / 100
          : null;
      results.push({
        store,
        mode,
        ...(mode === 'fixed-rate' && { offeredRate: args.rate }),
        requestsPerSec: Math.round(result.requests.average),
        p50: result.latency.p50,
        p99: result.latency.p99,
        errors: result.errors,
        non2xx: result.non2xx,
        timeouts: result.timeouts,
        requests: result.requests.total,
        replies: connector.delivered().length,
        serverCpuMsPerActivity: cpuPerActivity,
      });
    }
  } finally {
    const exitCode = await server.stop();
    if (exitCode !== 0)
      process.stderr.write(`bench: the ${store} server exited with ${exitCode}; log: ${logFile}\n`);
    if (pgDir)
      execFileSync(path.join(ROOT, 'scripts/pg-test-server.sh'), ['stop', pgDir], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    if (exitCode === 0 && !process.env.BENCH_DEBUG) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`bench: server log kept in ${logFile}\n`);
  }
  return results;
}

function hasPostgres(): boolean {
  if (process.env.TEST_DATABASE_URL) return true;
  try {
    execFileSync(path.join(ROOT, 'scripts/pg-test-server.sh'), ['bindir'], { stdio: 'ignore' });
    return true;
  } catch {
    return false; // no server binaries: reported as skipped below
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const connector = await startMockConnector();
  const all: RunResult[] = [];
  const skipped: string[] = [];
  try {
    for (const store of args.stores) {
      if (store === 'postgres' && !hasPostgres()) {
        skipped.push(
          'postgres: no TEST_DATABASE_URL and no PostgreSQL server binaries (apt-get install postgresql)',
        );
        continue;
      }
      process.stderr.write(
        `bench: ${store} — ${args.duration}s at ${args.rate}/s offered, then ${args.duration}s flat out (${args.connections} connections)\n`,
      );
      all.push(...(await benchStore(store, args, connector)));
    }
  } finally {
    await connector.close();
  }
  const target = { rate: args.rate, p99Ms: 100 };
  console.log(
    'store     run         req/s    p50 ms   p99 ms   errors  non2xx  timeouts  replies  server CPU ms/activity',
  );
  for (const r of all) {
    console.log(
      `${r.store.padEnd(9)} ${r.mode.padEnd(10)} ${String(r.requestsPerSec).padStart(6)} ${String(r.p50).padStart(9)} ${String(r.p99).padStart(8)} ${String(r.errors).padStart(8)} ${String(r.non2xx).padStart(7)} ${String(r.timeouts).padStart(9)} ${String(r.replies).padStart(8)} ${String(r.serverCpuMsPerActivity ?? '-').padStart(10)}`,
    );
  }
  for (const reason of skipped) console.log(`skipped ${reason}`);
  const fixed = all.filter((r) => r.mode === 'fixed-rate');
  const meetsTarget =
    fixed.length > 0 &&
    fixed.every(
      (r) =>
        r.requestsPerSec >= target.rate * 0.97 &&
        r.p99 <= target.p99Ms &&
        r.errors + r.non2xx + r.timeouts === 0,
    );
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`machine load average (1/5/15 min) after the runs: ${load} on ${cpus().length} cores`);
  console.log(
    JSON.stringify({ bench: 'http', target, meetsTarget, results: all, skipped, loadAverage: load }),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:http failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
