import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { judge, parseCases, parseEvalArgs, satisfies, summarise } from '../../../src/cli/commands/eval';
import { command } from '../../../src/cli/commands/eval';

describe('remedy eval', () => {
  it('judges a case by codes (case-insensitive) or refs, and negatives by verdict', () => {
    const result = { codes: ['UserErrorRpCollectionLimitReached'], refs: ['backup/1'] };
    expect(satisfies(result, { code: 'usererrorrpcollectionlimitreached' })).toBe(true);
    expect(satisfies(result, { ref: 'backup/1' })).toBe(true);
    expect(satisfies(result, { ref: 'backup/2' })).toBe(false);
    const negative = { id: 'n', lang: 'en', kind: 'negative', text: 'x', expect: null };
    expect(judge(negative, { verdict: 'none', results: [] })).toMatchObject({ positive: false, none: true });
  });

  it('summarises top-1, top-3, negatives silent, confident precision and the share answered unprompted', () => {
    const figures = summarise([
      { positive: true, top1: true, top3: true, none: false, confident: true },
      { positive: true, top1: false, top3: true, none: false, confident: true },
      { positive: false, top1: false, top3: false, none: true, confident: false },
    ]);
    expect(figures).toMatchObject({
      top1: 0.5,
      top3: 1,
      negativesNone: 1,
      confident: 2,
      confidentPrecision: 0.5,
      unprompted: 0.5,
    });
  });

  it('takes several --file sets in one run', () => {
    expect(parseEvalArgs(['--file', 'a.jsonl', '--file=b.jsonl', '--quiet'])).toEqual({
      files: ['a.jsonl', 'b.jsonl'],
      quiet: true,
    });
    expect(parseEvalArgs([]).files).toHaveLength(1);
    expect(() => parseEvalArgs(['--file'])).toThrow("option '--file <value>' argument missing");
    expect(() => parseEvalArgs(['--frob'])).toThrow("unknown option '--frob'");
  });

  it('prints the figures of each set and ends with one JSON line of them all', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'remedy-eval-'));
    const a = path.join(dir, 'a.jsonl');
    const b = path.join(dir, 'b.jsonl');
    const line = (id: string, text: string, expect: unknown) =>
      JSON.stringify({ id, lang: 'en', kind: 'k', text, expect });
    writeFileSync(
      a,
      `${line('1', 'UserErrorRpCollectionLimitReached', { code: 'UserErrorRpCollectionLimitReached' })}\n`,
    );
    writeFileSync(b, `${line('2', 'who wants coffee?', null)}\n`);
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough() };
    await expect(command.run(['--file', a, '--file', b, '--quiet'], io)).resolves.toBe(0);
    expect(out).toContain('unprompted');
    const report = JSON.parse(out.trim().split('\n').pop() ?? '');
    expect(report.sets.map((s: { file: string }) => s.file)).toEqual([a, b]);
    expect(report.sets[0].overall).toMatchObject({ top1: 1, unprompted: 1 });
    expect(report.sets[1].overall).toMatchObject({ negativesNone: 1 });
  });

  it('names the line and field of a malformed case', () => {
    expect(() =>
      parseCases('{"id":"a","lang":"en","kind":"x","text":"t","expect":null}\n{"id":"b"}', 'dev.jsonl'),
    ).toThrow('dev.jsonl:2: lang');
  });

  it('skips cleanly when the evaluation file is absent, ending with a JSON line', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough() };
    await expect(command.run(['--file', '/nonexistent/dev.jsonl'], io)).resolves.toBe(0);
    const last = out.trim().split('\n').pop() ?? '';
    expect(JSON.parse(last)).toEqual({ skipped: true, file: '/nonexistent/dev.jsonl' });
  });
});
