import { stem } from '../../../src/core/matching/stem';
import { hangulBigrams, splitCamel, tokenize } from '../../../src/core/matching/text';

describe('tokenisation stage', () => {
  it('splits camel case, including acronyms', () => {
    expect(splitCamel('UserErrorRpCollectionLimitReached')).toEqual([
      'User',
      'Error',
      'Rp',
      'Collection',
      'Limit',
      'Reached',
    ]);
    expect(splitCamel('VMSnapshot')).toEqual(['VM', 'Snapshot']);
  });

  it("reads an acronym's plural as the acronym (VMs, NSGs), not as a word 'Ms'", () => {
    expect(splitCamel('VMs')).toEqual(['VM']);
    expect(splitCamel('NSGs')).toEqual(['NSG']);
    expect(splitCamel('UserErrorVMsNotFound')).toEqual(['User', 'Error', 'VM', 'Not', 'Found']);
  });

  it('stems English and Dutch inflections together', () => {
    expect(stem('configured')).toBe(stem('configuring'));
    expect(stem('snapshots')).toBe(stem('snapshot'));
    expect(stem('taken')).toBe(stem('taak'));
    expect(stem('access')).toBe('access');
  });

  it('stems short plurals and plurals of -er words like their singular', () => {
    expect(stem('logs')).toBe(stem('log'));
    expect(stem('jobs')).toBe(stem('job'));
    expect(stem('runs')).toBe(stem('run'));
    expect(stem('writers')).toBe(stem('writer'));
    expect(stem('computers')).toBe(stem('computer'));
    expect(stem('status')).toBe('status');
  });

  it('stems an adverb like its adjective, but not short words ending in -ly', () => {
    expect(stem('actively')).toBe(stem('active'));
    expect(stem('nightly')).toBe(stem('night'));
    expect(stem('currently')).toBe(stem('current'));
    expect(stem('apply')).toBe(stem('applied'));
    expect(stem('apply')).not.toBe(stem('app'));
    expect(stem('family')).toBe(stem('families'));
  });

  it('stems British spellings like the American ones of the articles', () => {
    expect(stem('authorised')).toBe(stem('authorized'));
    expect(stem('organisation')).toBe(stem('organization'));
    expect(stem('analyse')).toBe(stem('analyze'));
    expect(stem('centre')).toBe(stem('center'));
    expect(stem('crisis')).toBe('crisis');
  });

  it('stems y/ies plurals and Dutch -tie/-ties plurals together', () => {
    expect(stem('kluisreferenties')).toBe(stem('kluisreferentie'));
    expect(stem('policies')).toBe(stem('policy'));
    expect(stem('entries')).toBe(stem('entry'));
    expect(stem('key')).not.toBe(stem('kei'));
  });

  it('makes Korean spacing-insensitive and unifies 스냅숏/스냅샷', () => {
    expect(tokenize('백업 하지 못했습니다').hangul).toEqual(tokenize('백업하지 못 했습니다').hangul);
    expect(tokenize('스냅숏 상태').hangul).toEqual(tokenize('스냅샷상태').hangul);
    expect(hangulBigrams('스냅샷')).toEqual(['스냅', '냅샷']);
  });

  it('repairs the Dutch sources mis-encodings and removes accents', () => {
    const words = tokenize('ge誰nstalleerd co旦rdinator geïnstalleerd').words.map((w) => w.stem);
    expect(words[0]).toBe(words[2]);
    expect(words[1]).toBe(stem('coordinator'));
  });

  it('flags stopwords in English and Dutch', () => {
    const words = tokenize('the agent is niet gereed').words;
    expect(words.filter((w) => w.stop).map((w) => w.stem)).toEqual(['the', 'is', 'niet']);
  });

  it('flags negated auxiliaries as stopwords, as "not" is', () => {
    const words = tokenize("the extension won't install and the VM doesn't start").words;
    expect(words.filter((w) => w.stop).map((w) => w.stem)).toEqual(['the', 'wont', 'and', 'the', 'doesnt']);
  });

  it("flags pronoun contractions as stopwords (they're, I've, that's)", () => {
    const words = tokenize("they're all in simple recovery, I've checked, that's why").words;
    expect(words.filter((w) => !w.stop).map((w) => w.stem)).toEqual(['simpl', 'recoveri', 'check']);
  });
});
