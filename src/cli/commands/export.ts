/**
 * `remedy export --csv|--jsonl [--since DATE] [--tenant ID] [--entry ID]`: the outcome log on stdout, as CSV
 * (RFC 4180, for spreadsheets) or as JSON lines (one Outcome record a line, the input of `remedy import`).
 */
import type { Outcome } from '../../core/outcomes/outcome';
import type { CliCommand } from '../io';
import {
  cliConfig,
  FILTER_OPTIONS,
  outcomeFilterOf,
  parseOptions,
  runCommand,
  UsageError,
  withStores,
} from './storeAccess';

export const CSV_COLUMNS = [
  'sessionId',
  'entryId',
  'outcome',
  'resolvedStepId',
  'stepsTried',
  'matchVerdict',
  'matchScore',
  'codes',
  'locale',
  'lang',
  'tenantId',
  'teamId',
  'channelId',
  'userHash',
  'textHash',
  'pastedAt',
  'endedAt',
] as const satisfies ReadonlyArray<keyof Outcome>;

/** One CSV field: quoted when it holds a comma, quote or line break; a leading =+-@ is defused for spreadsheets. */
export function csvField(value: unknown): string {
  let text =
    value === undefined || value === null ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value !== 'number') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function outcomesToCsv(outcomes: readonly Outcome[]): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const outcome of outcomes) rows.push(CSV_COLUMNS.map((column) => csvField(outcome[column])).join(','));
  return `${rows.join('\r\n')}\r\n`;
}

/** One JSON line per record, in the order written. */
export function outcomesToJsonl(outcomes: readonly Outcome[]): string {
  return outcomes.map((outcome) => `${JSON.stringify(outcome)}\n`).join('');
}

export const command: CliCommand = {
  summary: 'the outcome log: --csv | --jsonl [--since DATE] [--tenant ID] [--entry ID]',
  run: (args, io) =>
    runCommand('export', io, async () => {
      const options = parseOptions(args, { flags: ['csv', 'jsonl'], values: [...FILTER_OPTIONS, 'entry'] });
      const csv = options.flags.has('csv');
      const jsonl = options.flags.has('jsonl');
      if (csv === jsonl) throw new UsageError('expects one format: --csv or --jsonl');
      if (options.positional.length > 0)
        throw new UsageError(`unexpected argument '${options.positional[0]}'`);
      const filter = outcomeFilterOf(options);
      const outcomes = await withStores(cliConfig(), io, (stores) => stores.outcomes.list(filter));
      io.stdout.write(csv ? outcomesToCsv(outcomes) : outcomesToJsonl(outcomes));
      return 0;
    }),
};
