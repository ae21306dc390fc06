/**
 * `remedy match [--top N] [--json] <text|->` and `remedy match --batch` (JSON lines {"id","text"} on stdin →
 * one JSON line {"id","verdict","results":[{"id","score","codes","refs","title"}]} per input, in order).
 * Reads the same configuration as the bot (src/config.ts: CATALOGUE_PATH, MATCH_CONFIDENT_THRESHOLD,
 * MATCH_AMBIGUOUS_THRESHOLD); a relative catalogue path is taken from the package root, not the cwd.
 * `--json` and `--batch` add `unknownCodes` (Azure-Backup-shaped codes in no entry) when there are any.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { GLOSSARY_PATH as GLOSSARY_FILE, PACKAGE_ROOT } from '../../paths';
import { loadCliConfig } from '../config';
import { createMatcher, type Matcher, type MatchResponse } from '../../core/matching';
import { loadGlossary } from '../../knowledge/glossary';
import { loadCatalogue } from '../../knowledge/load';
import { parseCommandArgs } from '../args';
import { readAll, type CliCommand, type CliIo } from '../io';
import { describeIssues } from '../../core/validation';

export {
  PACKAGE_ROOT,
  DEFAULT_CATALOGUE_PATH as CATALOGUE_FILE,
  GLOSSARY_PATH as GLOSSARY_FILE,
} from '../../paths';
import { errorMessage } from '../../core/errors';

/** Catalogue path and thresholds as the bot reads them (throws ConfigError on an invalid environment). */
export function matchingSettings(env: Readonly<Record<string, string | undefined>> = process.env) {
  const config = loadCliConfig(env);
  return { catalogue: path.resolve(PACKAGE_ROOT, config.catalogPath), thresholds: config.matching };
}

/** The matcher the bot would build: configured catalogue and thresholds, the committed glossary. */
export function loadMatcher(env: Readonly<Record<string, string | undefined>> = process.env): Matcher {
  const settings = matchingSettings(env);
  return createMatcher(loadCatalogue(settings.catalogue), loadGlossary(GLOSSARY_FILE), settings.thresholds);
}

/** The public JSON shape of a response (no full entries). */
export function toJson(response: MatchResponse): {
  verdict: string;
  results: Array<Record<string, unknown>>;
  unknownCodes?: string[];
} {
  return {
    verdict: response.verdict,
    results: response.results.map((r) => ({
      id: r.id,
      score: r.score,
      codes: r.codes,
      refs: r.refs,
      title: r.title,
    })),
    ...(response.unknownCodes && response.unknownCodes.length > 0 && { unknownCodes: response.unknownCodes }),
  };
}

const MATCH_ARGS = {
  options: {
    top: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
    batch: { type: 'boolean', default: false },
  },
  schema: z
    .object({
      top: z.coerce
        .number({ message: 'expected a number' })
        .int('expected a whole number')
        .min(1, 'expected at least 1')
        .max(50, 'expected at most 50'),
      json: z.boolean(),
      batch: z.boolean(),
      positionals: z.array(z.string()),
    })
    .transform(({ positionals, ...options }) => ({
      ...options,
      text: positionals.length > 0 ? positionals.join(' ') : undefined,
    }))
    .refine((args) => args.batch || args.text !== undefined, {
      message: 'match expects <text> or - (read stdin), or --batch',
    })
    .refine((args) => !args.batch || args.text === undefined, {
      message: '--batch reads JSON lines from stdin and takes no <text>',
    }),
} as const;
type Args = z.output<typeof MATCH_ARGS.schema>;

/** `[--top N] [--json] [--batch] <text…|->`, through parseCommandArgs (throws UsageError). */
export function parseMatchArgs(args: readonly string[]): Args {
  return parseCommandArgs(args, MATCH_ARGS);
}

const BatchLineSchema = z.object({
  id: z.union([z.string(), z.number()], { message: 'expected a string or a number' }).transform(String),
  text: z.string({ message: 'expected a string' }),
});

async function runBatch(matcher: Matcher, top: number, io: CliIo): Promise<number> {
  let failures = 0;
  let lineNo = 0;
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      failures += 1;
      io.stderr.write(`remedy match --batch: line ${lineNo}: not JSON (${errorMessage(error)})\n`);
      io.stdout.write(`${JSON.stringify({ id: null, verdict: 'none', results: [] })}\n`);
      continue;
    }
    const parsed = BatchLineSchema.safeParse(json);
    if (!parsed.success) {
      failures += 1;
      const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : null;
      io.stderr.write(
        `remedy match --batch: line ${lineNo}: ${describeIssues(parsed.error, { root: 'line' })}\n`,
      );
      io.stdout.write(`${JSON.stringify({ id, verdict: 'none', results: [] })}\n`);
      continue;
    }
    const response = toJson(matcher.match(parsed.data.text, { top }));
    io.stdout.write(`${JSON.stringify({ id: parsed.data.id, ...response })}\n`);
  }
  return failures > 0 ? 1 : 0;
}

function printHuman(response: MatchResponse, io: CliIo): void {
  io.stdout.write(`verdict: ${response.verdict}\n`);
  for (const code of response.unknownCodes ?? []) io.stdout.write(`${code} is not in the catalogue\n`);
  if (response.results.length === 0) io.stdout.write('no matching entry\n');
  response.results.forEach((r, i) => {
    const codes = r.codes.length > 0 ? ` [${r.codes.join(', ')}]` : '';
    io.stdout.write(`${i + 1}. ${r.score.toFixed(3)}  ${r.id}${codes}\n   ${r.title}\n`);
  });
}

export const command: CliCommand = {
  summary: 'recognise a pasted error: match [--top N] [--json] <text|->, or --batch (JSON lines on stdin)',
  async run(args, io) {
    let parsed: Args;
    try {
      parsed = parseMatchArgs(args);
    } catch (error) {
      io.stderr.write(`remedy match: ${errorMessage(error)}\n`);
      return 2;
    }
    let matcher: Matcher;
    try {
      matcher = loadMatcher();
    } catch (error) {
      io.stderr.write(`remedy match: ${errorMessage(error)}\n`);
      return 2;
    }
    if (parsed.batch) return runBatch(matcher, parsed.top, io);
    const text = parsed.text === '-' ? await readAll(io.stdin) : (parsed.text ?? '');
    const response = matcher.match(text, { top: parsed.top });
    if (parsed.json) io.stdout.write(`${JSON.stringify(toJson(response))}\n`);
    else printHuman(response, io);
    return 0;
  },
};
