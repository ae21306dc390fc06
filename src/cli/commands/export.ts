/** `remedy export --csv [--since DATE] [--tenant ID] [--entry ID]`: the outcome log as CSV (RFC 4180) on stdout. */
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

export const command: CliCommand = {
  summary: 'the outcome log as CSV: --csv [--since DATE] [--tenant ID] [--entry ID]',
  run: (args, io) =>
    runCommand('export', io, async () => {
      const options = parseOptions(args, { flags: ['csv'], values: [...FILTER_OPTIONS, 'entry'] });
      if (!options.flags.has('csv')) throw new UsageError('expects --csv (the only export format)');
      if (options.positional.length > 0)
        throw new UsageError(`unexpected argument '${options.positional[0]}'`);
      const filter = outcomeFilterOf(options);
      const outcomes = await withStores(cliConfig(), io, (stores) => stores.outcomes.list(filter));
      io.stdout.write(outcomesToCsv(outcomes));
      return 0;
    }),
};
