/**
 * `npm run bench:store [-- --n 2000 --concurrency 1,8 --records 0,50000,1000000 --pg-records 0,50000]`:
 * 1. writes/s and latency (p50/p99) of a session update (optimistic, version-checked) and of an outcome insert;
 * 2. with 0, 50,000 and 1,000,000 outcome records of one error in one tenant (the worst case for a paste):
 *    the store work of a paste (claim the activity, read the entry's statistics, complete the claim) and of the
 *    `stats` command (every entry of the tenant), p50/p99 — and, for contrast up to 50,000 records, what a paste
 *    cost before the counters (read every record of that error and aggregate in JavaScript).
 * On SQLite and on PostgreSQL. PostgreSQL comes from TEST_DATABASE_URL (a fresh database is created on it) or a
 * throw-away server from scripts/pg-test-server.sh; without either it is reported as skipped. Records are loaded
 * through the store API (one transaction per record, counters included) — on PostgreSQL up to 50,000; the rest
 * in bulk by SQL with the same counters (bulkLoadPostgres). Last line of stdout: JSON with every number.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import pino from 'pino';
import { z } from 'zod';
import type { Outcome } from '../src/core/outcomes/outcome';
import { aggregate, computeStats } from '../src/core/outcomes/statistics';
import { COUNTER_SQL, numbered } from '../src/storage/counters';
import type { Session } from '../src/core/remediation/session';
import { parseScriptArgs } from '../src/cli/args';
import { openStores, type Stores } from '../src/storage';
import { errorMessage } from '../src/core/errors';

const PG_SCRIPT = path.resolve(__dirname, '../scripts/pg-test-server.sh');

const ArgsSchema = z.object({
  n: z.coerce.number().int('expected a whole number').min(10, 'expected at least 10').default(2000),
  concurrency: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'expected numbers separated by commas, e.g. 1,8')
    .default('1,8')
    .transform((value) => value.split(',').map(Number)),
  records: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'expected numbers separated by commas, e.g. 0,50000,1000000')
    .default('0,50000,1000000')
    .transform((value) => value.split(',').map(Number)),
  'pg-records': z
    .string()
    .regex(/^\d+(,\d+)*$/, 'expected numbers separated by commas, e.g. 0,50000')
    .default('0,50000,1000000')
    .transform((value) => value.split(',').map(Number)),
  'pg-bulk-above': z.coerce.number().int().min(0, 'expected a whole number').default(50_000),
});

/** The syntax of the options above (node:util parseArgs); ArgsSchema says what their values mean. */
const ARG_OPTIONS = {
  n: { type: 'string' },
  concurrency: { type: 'string' },
  records: { type: 'string' },
  'pg-records': { type: 'string' },
  'pg-bulk-above': { type: 'string' },
} as const;

interface Measured {
  writesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  n: number;
  concurrency: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** Runs `op(i)` n times with `concurrency` workers (worker w does i = w, w + c, …); measures each call. */
async function measure(n: number, concurrency: number, op: (i: number) => Promise<void>): Promise<Measured> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; i < n; i += concurrency) {
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    writesPerSec: Math.round(n / elapsedS),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    n,
    concurrency,
  };
}

function session(id: string): Session {
  const at = new Date().toISOString();
  return {
    id,
    version: 1,
    entryId: 'bench-entry',
    stepIds: Array.from({ length: 8 }, (_, i) => `bench-entry#s${i + 1}`),
    position: 0,
    tried: [],
    status: 'active',
    startedBy: 'f'.repeat(64),
    locale: 'en-US',
    lang: 'en',
    conversation: {
      conversationId: `19:${id}@thread.tacv2`,
      serviceUrl: 'https://smba.example/',
      tenantId: 'tenant',
    },
    match: {
      verdict: 'confident',
      score: 0.9,
      codes: ['UserErrorGuestAgentStatusUnavailable'],
      textHash: 'e'.repeat(64),
    },
    pastedAt: at,
    createdAt: at,
    updatedAt: at,
  };
}

function outcome(sessionId: string): Outcome {
  const at = new Date().toISOString();
  return {
    sessionId,
    entryId: 'bench-entry',
    outcome: 'resolved',
    resolvedStepId: 'bench-entry#s2',
    stepsTried: ['bench-entry#s1'],
    matchVerdict: 'confident',
    matchScore: 0.9,
    codes: ['UserErrorGuestAgentStatusUnavailable'],
    textHash: 'e'.repeat(64),
    locale: 'en-US',
    lang: 'en',
    tenantId: 'tenant',
    userHash: 'f'.repeat(64),
    pastedAt: at,
    endedAt: at,
  };
}

async function benchStores(stores: Stores, n: number, concurrencies: number[]) {
  const results: Record<string, Measured[]> = { sessionUpdate: [], outcomeInsert: [] };
  for (const concurrency of concurrencies) {
    const run = randomBytes(4).toString('hex');
    // One session per 10 updates; worker w only touches its own sessions, so no write conflicts.
    const sessionsCount = Math.max(concurrency, Math.ceil(n / 10));
    const current: Session[] = [];
    for (let s = 0; s < sessionsCount; s += 1) {
      current[s] = session(`bench-${run}-${s}`);
      await stores.sessions.create(current[s] as Session);
    }
    const sessionOf = (i: number) =>
      (i % concurrency) +
      concurrency * (Math.floor(i / concurrency) % Math.floor(sessionsCount / concurrency));
    results.sessionUpdate?.push(
      await measure(n, concurrency, async (i) => {
        const index = sessionOf(i);
        const before = current[index] as Session;
        const next: Session = {
          ...before,
          version: before.version + 1,
          position: (before.position + 1) % before.stepIds.length,
          updatedAt: new Date().toISOString(),
        };
        const result = await stores.sessions.update(next);
        if (!result.ok) throw new Error(`unexpected conflict on ${next.id}`);
        current[index] = next;
      }),
    );
    results.outcomeInsert?.push(
      await measure(n, concurrency, async (i) => {
        if (!(await stores.outcomes.append(outcome(`bench-${run}-outcome-${i}`))))
          throw new Error('duplicate outcome');
      }),
    );
  }
  return results;
}

const SCALE_TENANT = 'bench-scale-tenant';
const SCALE_ENTRY = 'bench-scale-entry';
const SCALE_STEPS = Array.from({ length: 6 }, (_, i) => `${SCALE_ENTRY}#s${i + 1}`);

/** Record i of the scale benchmark: all of one error in one tenant; a mix of steps tried, fixes and escalations. */
function scaleOutcome(i: number): Outcome {
  const tried = SCALE_STEPS.slice(0, i % 4);
  const ended = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
  const escalated = i % 7 === 0;
  return {
    sessionId: `scale-${i}`,
    entryId: SCALE_ENTRY,
    outcome: escalated ? 'escalated' : 'resolved',
    ...(!escalated && { resolvedStepId: SCALE_STEPS[i % 4] as string }),
    stepsTried: tried,
    matchVerdict: 'confident',
    matchScore: 0.9,
    codes: ['UserErrorGuestAgentStatusUnavailable'],
    textHash: 'e'.repeat(64),
    locale: 'en-US',
    lang: 'en',
    tenantId: SCALE_TENANT,
    userHash: 'f'.repeat(64),
    pastedAt: new Date(ended.getTime() - ((i % 30) + 1) * 60_000).toISOString(),
    endedAt: ended.toISOString(),
  };
}

interface ScaleRow {
  records: number;
  loadSeconds: number;
  paste: Measured;
  stats: Measured;
  /** Before the counters: every record of the error read and aggregated per paste (up to 50,000 records). */
  pasteByReadingRecords?: Measured;
}

/**
 * PostgreSQL beyond 50,000 records: one transaction per record through the store API runs at ~500/s here, so the
 * rest is loaded in bulk — the same records (scaleOutcome) built by SQL, and their counters summed in JavaScript
 * with the store's own `countersOf` and added once. What is measured afterwards goes through the store API.
 */
async function bulkLoadPostgres(databaseUrl: string, from: number, to: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    const steps = `ARRAY[${SCALE_STEPS.map((st) => `'${st}'`).join(',')}]::text[]`;
    const iso = (ts: string) => `to_char((${ts}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    await client.query(
      `INSERT INTO outcomes (session_id, entry_id, tenant_id, user_hash, ended_at, data)
       SELECT 'scale-' || i, $3, $4, $5, ended,
         jsonb_strip_nulls(jsonb_build_object(
           'sessionId', 'scale-' || i, 'entryId', $3::text,
           'outcome', CASE WHEN i % 7 = 0 THEN 'escalated' ELSE 'resolved' END,
           'resolvedStepId', CASE WHEN i % 7 = 0 THEN NULL ELSE (${steps})[i % 4 + 1] END,
           'stepsTried', COALESCE((SELECT jsonb_agg(s ORDER BY n) FROM unnest(${steps}) WITH ORDINALITY u(s, n)
                                   WHERE n <= i % 4), '[]'::jsonb),
           'matchVerdict', 'confident', 'matchScore', 0.9,
           'codes', jsonb_build_array('UserErrorGuestAgentStatusUnavailable'),
           'textHash', repeat('e', 64), 'locale', 'en-US', 'lang', 'en', 'tenantId', $4::text, 'userHash', $5::text,
           'pastedAt', ${iso("ended - ((i % 30) + 1) * interval '1 minute'")},
           'endedAt', ${iso('ended')}))
       FROM (SELECT i, timestamptz '2026-01-01 00:00:00+00' + i * interval '1 minute' AS ended
             FROM generate_series($1::int, $2::int - 1) AS i) AS g`,
      [from, to, SCALE_ENTRY, SCALE_TENANT, 'f'.repeat(64)],
    );
    const sums = aggregate(
      (function* () {
        for (let i = from; i < to; i++) yield scaleOutcome(i);
      })(),
    );
    for (const e of sums.entries)
      await client.query(numbered(COUNTER_SQL.ENTRY_UPSERT), [
        SCALE_TENANT,
        e.entryId,
        e.sessions,
        e.resolved,
        e.exhausted,
        e.escalated,
      ]);
    for (const st of sums.steps)
      await client.query(numbered(COUNTER_SQL.STEP_UPSERT), [
        SCALE_TENANT,
        st.entryId,
        st.stepId,
        st.tried,
        st.resolved,
      ]);
    for (const b of sums.fixBuckets)
      await client.query(numbered(COUNTER_SQL.BUCKET_UPSERT), [SCALE_TENANT, b.entryId, b.bucket, b.count]);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

async function benchScale(
  stores: Stores,
  levels: number[],
  kind: string,
  bulk?: { databaseUrl: string; above: number },
): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  let loaded = 0;
  const samples = 300;
  for (const level of [...levels].sort((a, b) => a - b)) {
    const started = performance.now();
    const workers = 8;
    const target = bulk ? Math.min(level, Math.max(loaded, bulk.above)) : level;
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        for (let i = loaded + w; i < target; i += workers) await stores.outcomes.append(scaleOutcome(i));
      }),
    );
    if (bulk && level > target) await bulkLoadPostgres(bulk.databaseUrl, Math.max(loaded, target), level);
    loaded = Math.max(loaded, level);
    const loadSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
    const stats = await stores.outcomes.stats({ tenantId: SCALE_TENANT, entryId: SCALE_ENTRY });
    if ((stats[0]?.sessions ?? 0) !== level)
      throw new Error(`expected ${level} records, the counters say ${stats[0]?.sessions}`);
    const run = randomBytes(4).toString('hex');
    const paste = await measure(samples, 1, async (i) => {
      const key = `bench|${run}|${i}`;
      const now = new Date();
      const claim = await stores.ledger.claim(key, 'bench', now, 10_000);
      if (claim.status !== 'claimed') throw new Error(`unexpected claim ${claim.status}`);
      await stores.outcomes.stats({ tenantId: SCALE_TENANT, entryId: SCALE_ENTRY });
      await stores.ledger.complete(key, 'bench', now);
    });
    const statsCommand = await measure(samples, 1, async () => {
      await stores.outcomes.stats({ tenantId: SCALE_TENANT });
    });
    const row: ScaleRow = { records: level, loadSeconds, paste, stats: statsCommand };
    if (level <= 50_000) {
      // The counters say what the records say (also for records loaded in bulk).
      const fromRecords = computeStats(
        await stores.outcomes.list({ tenantId: SCALE_TENANT, entryId: SCALE_ENTRY }),
      );
      if (JSON.stringify(fromRecords) !== JSON.stringify(stats))
        throw new Error(
          `counters and records disagree at ${level}: ${JSON.stringify({ stats, fromRecords })}`,
        );
    }
    if (level <= 50_000)
      row.pasteByReadingRecords = await measure(level > 10_000 ? 10 : 50, 1, async () => {
        computeStats(await stores.outcomes.list({ tenantId: SCALE_TENANT, entryId: SCALE_ENTRY }));
      });
    rows.push(row);
    process.stdout.write(
      `${kind.padEnd(9)} ${String(level).padStart(9)} records (loaded in ${loadSeconds}s): ` +
        `paste p50 ${paste.p50Ms.toFixed(2)} ms p99 ${paste.p99Ms.toFixed(2)} ms; ` +
        `stats p50 ${statsCommand.p50Ms.toFixed(2)} ms p99 ${statsCommand.p99Ms.toFixed(2)} ms` +
        (row.pasteByReadingRecords
          ? `; reading every record instead: p50 ${row.pasteByReadingRecords.p50Ms.toFixed(2)} ms`
          : '') +
        '\n',
    );
  }
  return rows;
}

async function postgresTarget(): Promise<{ url: string; cleanup(): Promise<void> } | { skipped: string }> {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const name = `remedy_bench_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      async cleanup() {
        const client = new Client({ connectionString: base });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.end();
      },
    };
  }
  try {
    execFileSync(PG_SCRIPT, ['bindir'], { stdio: 'pipe' });
  } catch {
    return { skipped: 'no PostgreSQL binaries and no TEST_DATABASE_URL' };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-pg-bench-'));
  const url = execFileSync(PG_SCRIPT, ['start', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }).trim();
  return {
    url,
    cleanup: async () => void execFileSync(PG_SCRIPT, ['stop', dir], { stdio: 'ignore' }),
  };
}

function printTable(kind: string, results: Record<string, Measured[]>) {
  for (const [operation, rows] of Object.entries(results)) {
    for (const r of rows) {
      process.stdout.write(
        `${kind.padEnd(9)} ${operation.padEnd(14)} c=${String(r.concurrency).padEnd(3)} ${String(r.writesPerSec).padStart(6)} writes/s  ` +
          `p50 ${r.p50Ms.toFixed(2).padStart(7)} ms  p99 ${r.p99Ms.toFixed(2).padStart(7)} ms  (n=${r.n})\n`,
      );
    }
  }
}

async function main() {
  const args = parseScriptArgs('bench:store', process.argv.slice(2), {
    options: ARG_OPTIONS,
    allowPositionals: false,
    schema: ArgsSchema,
  });
  if (!args) return;
  const logger = pino({ level: 'warn' }, process.stderr);
  const summary: Record<string, unknown> = { n: args.n, cpus: os.cpus().length };

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'remedy-bench-'));
  try {
    const stores = await openStores({ dataDir, logger });
    const results = await benchStores(stores, args.n, args.concurrency);
    printTable('sqlite', results);
    const scale = await benchScale(stores, args.records, 'sqlite');
    await stores.close();
    summary.sqlite = { ...results, scale };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const target = await postgresTarget();
  if ('skipped' in target) {
    process.stdout.write(`postgres  skipped: ${target.skipped}\n`);
    summary.postgres = { skipped: target.skipped };
  } else {
    try {
      const stores = await openStores({ databaseUrl: target.url, dataDir, logger });
      const results = await benchStores(stores, args.n, args.concurrency);
      printTable('postgres', results);
      const scale = await benchScale(stores, args['pg-records'], 'postgres', {
        databaseUrl: target.url,
        above: args['pg-bulk-above'],
      });
      await stores.close();
      summary.postgres = { ...results, scale };
    } finally {
      await target.cleanup();
    }
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:store failed: ${errorMessage(error)}\n`);
  process.exitCode = 1;
});
