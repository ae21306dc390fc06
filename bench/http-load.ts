/**
 * The load generator of `npm run bench:http`, in its own process (pinned apart from the server by the parent):
 *   node -r tsx/cjs bench/http-load.ts --url URL --service-url CONNECTOR --mode paced|max --duration S
 *        [--rate N] [--connections N] [--token JWT]
 * Sends realistic Teams activities built from the catalogue (pastes in English/Korean/Dutch, noisy portal copies,
 * channel small talk that gets no reply, `help`), each with a fresh activity id, over many personal chats and
 * channel threads; prints one JSON line with throughput, latency percentiles, errors and the request count.
 */
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { z } from 'zod';
import { parseScriptArgs } from '../src/cli/args';
import { errorMessage } from '../src/core/errors';

const ROOT = path.resolve(__dirname, '..');

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

export function activityFactory(serviceUrl: string) {
  const pastes = pastesFromCatalogue();
  let n = 0;
  const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
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
    const channel = `19:channel-${n % 40}@thread.tacv2`;
    const channelData = {
      teamsChannelId: channel,
      teamsTeamId: '19:team@thread.tacv2',
      tenant: { id: 't1' },
    };
    const inChannel = {
      id: `${channel};messageid=${id}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: 't1',
    };
    const personal = { id: `a:personal-${n % 500}`, conversationType: 'personal', tenantId: 't1' };
    if (slot < 6) return { ...base, text: pastes[n % pastes.length], conversation: personal };
    if (slot < 8)
      return { ...base, text: pastes[(n * 7) % pastes.length], conversation: inChannel, channelData };
    if (slot === 8)
      return { ...base, text: SMALL_TALK[n % SMALL_TALK.length], conversation: inChannel, channelData };
    return { ...base, text: 'help', conversation: personal };
  };
}

export interface LoadResult {
  sent: number;
  completed: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? 0
    : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0);

/** Flat out: autocannon keeps `connections` requests in flight for `duration` seconds. */
async function loadMax(
  url: string,
  next: () => Record<string, unknown>,
  headers: Record<string, string>,
  duration: number,
  connections: number,
): Promise<LoadResult> {
  const result = await autocannon({
    url: `${url}/api/messages`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    connections,
    duration,
    timeout: 10,
    requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(next()) }) }],
  });
  return {
    sent: result.requests.total,
    completed: result.requests.total,
    perSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * A fixed offered rate, open loop: request i is sent at start + i/rate whatever the responses do. Latency counts
 * from the scheduled time, so a sender that falls behind cannot hide queueing (no coordinated omission).
 */
async function loadPaced(
  url: string,
  next: () => Record<string, unknown>,
  headers: Record<string, string>,
  duration: number,
  rate: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(`${url}/api/messages`);
  const latencies: number[] = [];
  let errors = 0;
  let timeouts = 0;
  let non2xx = 0;
  const total = Math.round(duration * rate);
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  const send = (scheduledAt: number): Promise<void> =>
    new Promise((resolve) => {
      const body = JSON.stringify(next());
      const request = httpRequest(
        target,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...headers,
          },
          timeout: 10000,
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            latencies.push(performance.now() - scheduledAt);
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
          errors += 1;
          process.stderr.write(`bench: request error ${error.code ?? error.message}\n`);
        }
        resolve();
      });
      request.end(body);
    });
  for (let i = 0; i < total;) {
    const now = performance.now();
    while (i < total && started + (i * 1000) / rate <= now) {
      inFlight.push(send(started + (i * 1000) / rate));
      i += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    sent: total,
    completed: latencies.length,
    perSecond: Math.round(latencies.length / elapsedS),
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p99: Math.round(percentile(latencies, 99) * 10) / 10,
    errors,
    timeouts,
    non2xx,
  };
}

/** The options bench/http.ts passes this child (validated here like every other entry point's). */
const LOAD_ARGS = {
  options: {
    url: { type: 'string' },
    'service-url': { type: 'string' },
    token: { type: 'string' },
    duration: { type: 'string', default: '10' },
    mode: { type: 'string', default: 'paced' },
    connections: { type: 'string', default: '32' },
    rate: { type: 'string', default: '200' },
  },
  allowPositionals: false,
  schema: z.object({
    url: z.url({ error: 'expected the messaging endpoint URL' }),
    'service-url': z.url({ error: 'expected the mock connector URL' }),
    token: z.string().min(1).optional(),
    duration: z.coerce.number().positive(),
    mode: z.enum(['max', 'paced']),
    connections: z.coerce.number().int().positive(),
    rate: z.coerce.number().positive(),
  }),
} as const;

async function main(): Promise<void> {
  const args = parseScriptArgs('bench/http-load.ts', process.argv.slice(2), LOAD_ARGS);
  if (args === undefined) return;
  const next = activityFactory(args['service-url']);
  const headers: Record<string, string> = args.token ? { authorization: `Bearer ${args.token}` } : {};
  const result =
    args.mode === 'max'
      ? await loadMax(args.url, next, headers, args.duration, args.connections)
      : await loadPaced(args.url, next, headers, args.duration, args.rate);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(`bench/http-load.ts: ${errorMessage(error)}\n`);
    process.exit(1);
  });
