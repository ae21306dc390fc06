/**
 * `remedy catalogue [--file PATH]`: per article, how many entries, codes, steps and languages the catalogue holds,
 * and how each language version's sections and table rows lined up with the others' (or stayed on their own).
 * Without --file: the catalogue the bot loads (CATALOGUE_PATH, default knowledge/catalogue.json of the package).
 */
import { z } from 'zod';
import { isDomainError } from '../../core/errors';
import { loadCatalogue } from '../../knowledge/load';
import { formatSummary, summarizeCatalogue } from '../../knowledge/summary';
import { parseCommandArgs, UsageError } from '../args';
import { loadCliConfig } from '../config';
import type { CliCommand, CliIo } from '../io';

const ARGS = {
  options: { file: { type: 'string' } },
  schema: z.object({
    file: z.string().min(1, { error: 'expected a path' }).optional(),
    positionals: z.array(z.string()).max(0, { error: 'expected only --file PATH' }),
  }),
} as const;

async function run(args: string[], io: CliIo): Promise<number> {
  let file: string | undefined;
  try {
    file = parseCommandArgs(args, ARGS).file;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`remedy catalogue: ${error.message}\n`);
    return 2;
  }
  const path = file ?? loadCliConfig().catalogPath;
  try {
    const catalogue = loadCatalogue(path);
    io.stdout.write(formatSummary(summarizeCatalogue(catalogue.data)));
    return 0;
  } catch (error) {
    if (isDomainError(error, 'CATALOGUE_INVALID')) {
      io.stderr.write(`remedy catalogue: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

export const command: CliCommand = {
  summary:
    'print per article: entries, codes, steps, languages of the catalogue (CATALOGUE_PATH or --file), and how translations aligned',
  run,
};
