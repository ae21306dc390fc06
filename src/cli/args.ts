/**
 * Command-line arguments for every `remedy` command and script: node:util parseArgs for the syntax (`--flag`,
 * `--name value`, `--name=value`, `-x`, `--` before positionals), one zod schema for what the values mean, and
 * one UsageError whose message names the option and what was expected (through describeIssues).
 *
 *   const args = parseCommandArgs(argv, {
 *     options: { top: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } },
 *     schema: z.object({ top: z.coerce.number().int().min(1), json: z.boolean(), positionals: z.array(z.string()) }),
 *   });
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { z } from 'zod';
import { describeIssues } from '../core/validation';

/** Wrong usage of a command: print the message and exit with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface CommandArgsSpec<S extends z.ZodType> {
  options: ParseArgsOptionsConfig;
  /** Validates `{ ...option values, positionals }`; option names become `--name` in messages. */
  schema: S;
  /** Whether positional arguments are accepted (default true; the schema can still limit them). */
  allowPositionals?: boolean;
}

function syntaxError(error: unknown, known: string): UsageError | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) return undefined;
  const message = (error as Error).message.split('. To specify a positional')[0] ?? '';
  const lower = message.charAt(0).toLowerCase() + message.slice(1);
  return new UsageError(`${lower} (expected ${known})`);
}

/** Parses and validates `args`. Throws UsageError. */
export function parseCommandArgs<S extends z.ZodType>(
  args: readonly string[],
  spec: CommandArgsSpec<S>,
): z.output<S> {
  const known =
    Object.entries(spec.options)
      .map(([name, option]) => (option.type === 'string' ? `--${name} <value>` : `--${name}`))
      .join(', ') || 'no options';
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...args],
      options: spec.options,
      allowPositionals: spec.allowPositionals ?? true,
      strict: true,
    });
  } catch (error) {
    throw syntaxError(error, known) ?? error;
  }
  const checked = spec.schema.safeParse({ ...parsed.values, positionals: parsed.positionals });
  if (!checked.success) {
    const issues = checked.error.issues.map((issue) => {
      const [head, ...rest] = issue.path;
      if (head === 'positionals') return { ...issue, path: rest }; // reported as "arguments" (the root)
      const name = typeof head === 'string' && head in spec.options ? `--${head}` : head;
      return { ...issue, path: name === undefined ? [] : [name, ...rest] };
    });
    throw new UsageError(describeIssues(new z.ZodError(issues), { root: 'arguments' }));
  }
  return checked.data;
}

/**
 * parseCommandArgs for a script's entry point: on wrong usage prints `<name>: <message>` to stderr, sets exit code 2
 * and returns undefined (the caller returns); any other error is thrown.
 */
export function parseScriptArgs<S extends z.ZodType>(
  name: string,
  args: readonly string[],
  spec: CommandArgsSpec<S>,
): z.output<S> | undefined {
  try {
    return parseCommandArgs(args, spec);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${name}: ${error.message}\n`);
    process.exitCode = 2;
    return undefined;
  }
}
