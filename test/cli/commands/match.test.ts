import { PassThrough } from 'node:stream';
import { command, loadMatcher, matchingSettings, parseMatchArgs } from '../../../src/cli/commands/match';
import type { CliIo } from '../../../src/cli/io';

function io(stdinText = ''): { io: CliIo; out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  stdin.end(stdinText);
  return { io: { stdout, stderr, stdin }, out: () => out, err: () => err };
}

describe('remedy match', () => {
  it('parses --top, --json, --batch and the text', () => {
    expect(parseMatchArgs(['--top', '5', '--json', 'some', 'text'])).toEqual({
      top: 5,
      json: true,
      batch: false,
      text: 'some text',
    });
    expect(parseMatchArgs(['--batch'])).toMatchObject({ batch: true, top: 3 });
    expect(() => parseMatchArgs(['--top', 'x', 'a'])).toThrow('--top: expected a number');
    expect(() => parseMatchArgs([])).toThrow('expects <text>');
    expect(() => parseMatchArgs(['--frobnicate', 'a'])).toThrow("unknown option '--frobnicate'");
  });

  it('prints only JSON with --json, results best first with scores in [0, 1]', async () => {
    const t = io();
    await expect(
      command.run(['--json', '--top', '2', 'UserErrorGuestAgentStatusUnavailable'], t.io),
    ).resolves.toBe(0);
    const lines = t.out().trim().split('\n');
    expect(lines).toHaveLength(1);
    const response = JSON.parse(lines[0] ?? '');
    expect(response.verdict).toBe('confident');
    expect(response.results.length).toBeLessThanOrEqual(2);
    expect(Object.keys(response.results[0]).sort()).toEqual(['codes', 'id', 'refs', 'score', 'title']);
    expect(response.results[0].codes).toContain('UserErrorGuestAgentStatusUnavailable');
  });

  it('reads the text from stdin with -', async () => {
    const t = io('usererrorcrpreportedusererror');
    await expect(command.run(['--json', '-'], t.io)).resolves.toBe(0);
    expect(JSON.parse(t.out()).results[0].codes).toContain('UserErrorCrpReportedUserError');
  });

  it('answers JSON lines in --batch, one line per input, and reports bad lines on stderr', async () => {
    const input = [
      JSON.stringify({ id: 'a', text: 'UserErrorRpCollectionLimitReached' }),
      JSON.stringify({ id: 'b', text: 'who wants coffee?' }),
      '{not json',
      JSON.stringify({ id: 'c' }),
    ].join('\n');
    const t = io(input);
    await expect(command.run(['--batch'], t.io)).resolves.toBe(1);
    const lines = t
      .out()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', null, 'c']);
    expect(lines[0].results[0].codes).toContain('UserErrorRpCollectionLimitReached');
    expect(lines[1].verdict).toBe('none');
    expect(t.err()).toContain('line 3: not JSON');
    expect(t.err()).toContain('line 4: text: expected a string');
  });

  it('reads the catalogue path and thresholds from the same configuration as the bot', () => {
    const settings = matchingSettings({
      CATALOGUE_PATH: '/tmp/other.json',
      MATCH_CONFIDENT_THRESHOLD: '0.9',
    });
    expect(settings).toMatchObject({ catalogue: '/tmp/other.json', thresholds: { confident: 0.9 } });
    expect(matchingSettings({}).catalogue).toMatch(/knowledge[\\/]catalogue\.json$/);
    const strict = loadMatcher({ MATCH_CONFIDENT_THRESHOLD: '1', MATCH_AMBIGUOUS_THRESHOLD: '1' });
    expect(strict.match('UserErrorRpCollectionLimitReached').verdict).toBe('none');
    expect(() => matchingSettings({ MATCH_CONFIDENT_THRESHOLD: 'lots' })).toThrow(
      'MATCH_CONFIDENT_THRESHOLD',
    );
  });

  it('names an Azure-Backup-shaped code that is in no entry, and stays silent on it', async () => {
    const t = io();
    await expect(
      command.run(['--json', 'UserErrorSomethingNobodyDocumented: backup failed'], t.io),
    ).resolves.toBe(0);
    const response = JSON.parse(t.out());
    expect(response.verdict).toBe('none');
    expect(response.unknownCodes).toEqual(['UserErrorSomethingNobodyDocumented']);
  });
});
