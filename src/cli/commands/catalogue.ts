/** `remedy catalogue [--file PATH]`: per article, how many entries, codes, steps and languages the catalogue holds. */
import { z } from 'zod';
import { isDomainError } from '../../core/errors';
import { DEFAULT_CATALOGUE_PATH, loadCatalogue } from '../../knowledge/load';
import { formatSummary, summarizeCatalogue } from '../../knowledge/summary';
import type { CliCommand, CliIo } from '../io';

const ArgsSchema = z.union([
  z.tuple([]),
  z.tuple([z.literal('--file'), z.string().min(1, '--file expects a path')]),
]);

async function run(args: string[], io: CliIo): Promise<number> {
  const parsed = ArgsSchema.safeParse(args);
  if (!parsed.success) {
    io.stderr.write(`remedy catalogue: expected no arguments or --file PATH, got '${args.join(' ')}'\n`);
    return 2;
  }
  const path = parsed.data[1] ?? DEFAULT_CATALOGUE_PATH;
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
  summary: 'print per article: entries, codes, steps, languages of knowledge/catalogue.json',
  run,
};
