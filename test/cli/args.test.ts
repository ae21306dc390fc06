import { z } from 'zod';
import { parseCommandArgs, UsageError } from '../../src/cli/args';

const spec = {
  options: { top: { type: 'string', default: '3' }, json: { type: 'boolean', default: false } },
  schema: z.object({
    top: z.coerce.number().int().min(1, { error: 'expected at least 1' }),
    json: z.boolean(),
    positionals: z.array(z.string()).max(1, { error: 'expected at most one text' }),
  }),
} as const;

const usage = (args: string[]): string => {
  try {
    parseCommandArgs(args, spec);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
};

describe('parseCommandArgs', () => {
  it('reads --name value, --name=value, flags, defaults and positionals into the schema', () => {
    expect(parseCommandArgs(['--top', '5', '--json', 'hello'], spec)).toEqual({
      top: 5,
      json: true,
      positionals: ['hello'],
    });
    expect(parseCommandArgs(['--top=2'], spec)).toEqual({ top: 2, json: false, positionals: [] });
    expect(parseCommandArgs(['--', '--not-an-option'], spec).positionals).toEqual(['--not-an-option']);
  });

  it('names the option and what was expected', () => {
    expect(usage(['--top', '0'])).toBe('--top: expected at least 1');
    expect(usage(['a', 'b'])).toBe('arguments: expected at most one text');
    expect(usage(['--verbose'])).toBe("unknown option '--verbose' (expected --top <value>, --json)");
    expect(usage(['--top'])).toMatch(/^option '--top <value>' argument missing/);
  });
});
