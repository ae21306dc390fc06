/**
 * `remedy import FILE`: reads an outcome log written by `remedy export --jsonl` (one Outcome record a line) into
 * the configured store (DATA_DIR or DATABASE_URL) — e.g. to move from SQLite to PostgreSQL. Every line is checked
 * first (zod, `FILE:LINE: field: what was expected`); with any invalid line nothing is imported. Records are
 * added with their statistics counters; a session that already has a record keeps it (idempotent by session id),
 * so running it twice, or over a store that already holds some of the records, never changes recorded data.
 * Prints {"read", "added", "alreadyPresent"} as JSON on stdout.
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { OutcomeSchema, type Outcome } from '../../core/outcomes/outcome';
import { describeIssues } from '../../core/validation';
import type { CliCommand } from '../io';
import { cliConfig, parseOptions, runCommand, UsageError, withStores } from './storeAccess';

/** Errors listed before "and N more". */
const MAX_ERRORS = 20;

export class ImportFileError extends Error {}

/** Reads and validates every line of `file`; throws ImportFileError listing the invalid lines. */
export async function readOutcomeFile(file: string): Promise<Outcome[]> {
  let stream: fs.ReadStream;
  try {
    await fs.promises.access(file, fs.constants.R_OK);
    stream = fs.createReadStream(file, { encoding: 'utf8' });
  } catch (error) {
    throw new ImportFileError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const records: Outcome[] = [];
  const errors: string[] = [];
  let errorCount = 0;
  let lineNumber = 0;
  for await (const line of readline.createInterface({ input: stream, crlfDelay: Infinity })) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      errorCount += 1;
      if (errors.length < MAX_ERRORS)
        errors.push(`${file}:${lineNumber}: not JSON (${(error as Error).message})`);
      continue;
    }
    const parsed = OutcomeSchema.safeParse(json);
    if (!parsed.success) {
      errorCount += 1;
      if (errors.length < MAX_ERRORS)
        errors.push(`${file}:${lineNumber}: ${describeIssues(parsed.error, { root: '(record)', max: 5 })}`);
      continue;
    }
    if (!Number.isFinite(Date.parse(parsed.data.endedAt))) {
      errorCount += 1;
      if (errors.length < MAX_ERRORS)
        errors.push(`${file}:${lineNumber}: endedAt: expected an ISO date-time`);
      continue;
    }
    records.push(parsed.data);
  }
  if (errorCount > 0) {
    const more = errorCount > errors.length ? `\nand ${errorCount - errors.length} more invalid lines` : '';
    throw new ImportFileError(
      `${errorCount} invalid line${errorCount === 1 ? '' : 's'}; nothing imported:\n${errors.join('\n')}${more}`,
    );
  }
  return records;
}

export const command: CliCommand = {
  summary: 'reads an outcome log (export --jsonl) into the configured store, idempotent by session: FILE',
  run: (args, io) =>
    runCommand('import', io, async () => {
      const options = parseOptions(args, { flags: [], values: [] });
      const [file, extra] = options.positional;
      if (file === undefined)
        throw new UsageError('expects the file to import (written by remedy export --jsonl)');
      if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
      const records = await readOutcomeFile(file);
      let added = 0;
      await withStores(cliConfig(), io, async (stores) => {
        for (const record of records) if (await stores.outcomes.append(record)) added += 1;
      });
      io.stdout.write(
        `${JSON.stringify({ read: records.length, added, alreadyPresent: records.length - added })}\n`,
      );
      return 0;
    }),
};
