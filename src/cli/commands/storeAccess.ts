/**
 * What the storage commands (stats, export, erase) share: option parsing, the outcome filter options and
 * opening the configured store (DATA_DIR / DATABASE_URL through src/config.ts), logging warnings to stderr.
 */
import pino from 'pino';
import { z } from 'zod';
import { loadConfig, type Config } from '../../config';
import type { OutcomeFilter } from '../../core/ports';
import { openStores, type Stores } from '../../storage';
import { parseCommandArgs, UsageError } from '../args';
import type { CliIo } from '../io';
import { describeIssues } from '../../core/validation';
import { errorMessage } from '../../core/errors';

/** A usage error: the command prints its message and exits with 2 (one class for every command: ../args). */
export { UsageError } from '../args';

export interface ParsedOptions {
  flags: Set<string>;
  values: Map<string, string>;
  positional: string[];
}

/** `--flag`, `--name value` and `--name=value` through node:util parseArgs; an unknown option is refused. */
export function parseOptions(
  args: readonly string[],
  spec: { flags: readonly string[]; values: readonly string[] },
): ParsedOptions {
  const options = Object.fromEntries([
    ...spec.flags.map((name) => [name, { type: 'boolean' as const }]),
    ...spec.values.map((name) => [name, { type: 'string' as const }]),
  ]);
  const { positionals, ...values } = parseCommandArgs(args, {
    options,
    schema: z.looseObject({ positionals: z.array(z.string()) }),
  });
  const parsed: ParsedOptions = { flags: new Set(), values: new Map(), positional: positionals };
  for (const [name, value] of Object.entries(values)) {
    if (value === true) parsed.flags.add(name);
    else if (typeof value === 'string') parsed.values.set(name, value);
  }
  return parsed;
}

const FilterSchema = z.object({
  since: z
    .string()
    .refine((value) => Number.isFinite(Date.parse(value)), {
      message: '--since expects a date such as 2026-03-01 or 2026-03-01T12:00:00Z',
    })
    .transform((value) => new Date(Date.parse(value)))
    .optional(),
  tenant: z.string().min(1, '--tenant expects a tenant id').optional(),
  entry: z.string().min(1, '--entry expects an entry id').optional(),
});

export const FILTER_OPTIONS = ['since', 'tenant'] as const;

/** --since / --tenant / --entry as an OutcomeFilter. */
export function outcomeFilterOf(options: ParsedOptions): OutcomeFilter {
  const parsed = FilterSchema.safeParse(Object.fromEntries(options.values));
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error));
  return {
    ...(parsed.data.since && { since: parsed.data.since }),
    ...(parsed.data.tenant && { tenantId: parsed.data.tenant }),
    ...(parsed.data.entry && { entryId: parsed.data.entry }),
  };
}

/** The configuration from the environment (the same variables the bot reads). */
export function cliConfig(): Config {
  return loadConfig(process.env);
}

/** Opens the configured store, runs `work`, always closes it. */
export async function withStores<T>(
  config: Config,
  io: CliIo,
  work: (stores: Stores) => Promise<T>,
): Promise<T> {
  const stores = await openStores({
    dataDir: config.dataDir,
    ...(config.databaseUrl !== undefined && { databaseUrl: config.databaseUrl }),
    logger: pino({ level: 'warn' }, io.stderr),
    // A command reads or writes the whole log (export, import): no turn-sized deadlines, but a short connect.
    statementTimeoutMs: 0,
    connectTimeoutMs: 5000,
    callTimeoutMs: 3_600_000,
  });
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}

/** Runs a command body: usage errors exit 2, other errors (config, store unavailable) exit 1, both on stderr. */
export async function runCommand(name: string, io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    io.stderr.write(`remedy ${name}: ${errorMessage(error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
