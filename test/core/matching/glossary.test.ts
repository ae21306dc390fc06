import { createMatcher } from '../../../src/core/matching';
import { compileGlossary, GlossarySchema } from '../../../src/core/matching/glossary';
import { Catalogue } from '../../../src/core/catalogue/catalogue';
import { tokenize } from '../../../src/core/matching/text';
import { loadGlossary } from '../../../src/knowledge/glossary';
import { entry, FIXTURE_GLOSSARY } from './fixture';

const glossary = compileGlossary(FIXTURE_GLOSSARY);
const concepts = (text: string) => [...glossary.find(tokenize(text)).concepts].sort();

describe('glossary concepts', () => {
  it('maps English, Korean and Dutch terms of a concept to the same id', () => {
    expect(concepts('vault credentials')).toEqual(['credentials', 'vault']);
    expect(concepts('자격 증명 모음')).toEqual(expect.arrayContaining(['vault']));
    expect(concepts('kluis')).toEqual(['vault']);
    expect(concepts('스냅숏')).toEqual(['snapshot']);
    expect(concepts('momentopname')).toEqual(['snapshot']);
  });

  it('finds concepts inside Dutch compounds', () => {
    expect(concepts('kluisreferenties')).toEqual(['credentials', 'vault']);
  });

  it('matches multi-word terms and inflections', () => {
    expect(concepts('the guest agents failed')).toEqual(['agent', 'fail']);
  });

  it('keeps component names out of the shipped concepts and reads cancel inflections as one', () => {
    const shipped = compileGlossary(loadGlossary());
    const found = (text: string) => [...shipped.find(tokenize(text)).concepts].sort();
    // A process name a log prints (obengine) is rarer evidence than the concept of the agent it belongs to.
    expect(found('obengine')).toEqual([]);
    expect(found('cbengine')).toEqual([]);
    expect(found('cancelled')).toEqual(found('cancelable'));
    // Everyday wordings of one idea: "can't be found" is "not found", a size picked is a size selected.
    expect(found("the snapshot can't be found")).toEqual(found('the snapshot was not found'));
    expect(found('the size we picked')).toEqual(found('the size selected'));
    expect(found('inadequate resources')).toEqual(found('not enough resources'));
  });

  it('reads on-call abbreviations as the words of the articles, without swallowing a word the articles use', () => {
    const shipped = compileGlossary(loadGlossary());
    const found = (text: string) => [...shipped.find(tokenize(text)).concepts].sort();
    expect(found('cert on the box')).toEqual(found('certificate on the server'));
    expect(found('perms on the sub')).toEqual(found('permission on the subscription'));
    expect(found('the scratch drive is full')).toEqual(found('the scratch drive has no space left'));
    // "Log chain is broken" (a SQL error of its own) stays its own words, not any failure.
    expect(found('log chain is broken')).not.toContain('fail');
  });

  it('adds up the everyday use of the words of one stem, and ships a background of everyday English', () => {
    const everyday = compileGlossary({
      version: 1,
      concepts: [],
      everyday: { perMillion: { fail: 25, failed: 30 } },
    }).everyday;
    expect(everyday('w:fail')).toBe(55);
    expect(everyday('w:iaasvmprovider')).toBe(0);
    const shipped = compileGlossary(loadGlossary());
    expect(shipped.everyday('w:window')).toBeGreaterThan(100);
    expect(shipped.everyday('w:waagent')).toBe(0);
  });

  it('weighs a word everyday English uses less than a rare name, however rarely the catalogue writes it', () => {
    const entries = [
      entry({ id: 'a', title: { en: 'Window missed' } }),
      entry({ id: 'b', title: { en: 'Iaasvmprovider missed' } }),
      ...['one', 'two', 'three', 'four'].map((id) => entry({ id, title: { en: `Other error ${id}` } })),
    ];
    const catalogue = Catalogue.fromJson({ schemaVersion: 1, articles: [], entries });
    const paste = 'window iaasvmprovider';
    const plain = createMatcher(catalogue, { version: 1, concepts: [] }).match(paste).results;
    expect(plain[0]?.score).toBeCloseTo(plain[1]?.score ?? 0, 3);
    const background = { version: 1 as const, concepts: [], everyday: { perMillion: { window: 90 } } };
    expect(createMatcher(catalogue, background).match(paste).results[0]?.id).toBe('b');
  });

  it('pairs neighbouring concepts in either order and language, broken by another content word', () => {
    const shipped = compileGlossary(loadGlossary());
    const pairs = (text: string) => [...shipped.find(tokenize(text)).pairs].sort();
    expect(pairs('스냅샷 상태')).toEqual(pairs('the snapshot status'));
    expect(pairs('the snapshot status')).toEqual(pairs('status of the snapshot'));
    expect(pairs('the snapshot status')).not.toEqual([]);
    expect(pairs('the snapshot of yesterday status')).toEqual([]);
  });

  it('rejects a malformed glossary naming the field', () => {
    const parsed = GlossarySchema.safeParse({ version: 1, concepts: [{ id: 'Bad Id', en: ['x'] }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['concepts', 0, 'id']);
    const duplicate = GlossarySchema.safeParse({ version: 1, concepts: [{ id: 'a' }, { id: 'a' }] });
    expect(duplicate.error?.issues[0]?.message).toContain('duplicate concept id a');
  });
});
