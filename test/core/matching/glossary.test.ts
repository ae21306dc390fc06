import { compileGlossary, GlossarySchema } from '../../../src/core/matching/glossary';
import { tokenize } from '../../../src/core/matching/text';
import { loadGlossary } from '../../../src/knowledge/glossary';
import { FIXTURE_GLOSSARY } from './fixture';

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
  });

  it('rejects a malformed glossary naming the field', () => {
    const parsed = GlossarySchema.safeParse({ version: 1, concepts: [{ id: 'Bad Id', en: ['x'] }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['concepts', 0, 'id']);
    const duplicate = GlossarySchema.safeParse({ version: 1, concepts: [{ id: 'a' }, { id: 'a' }] });
    expect(duplicate.error?.issues[0]?.message).toContain('duplicate concept id a');
  });
});
