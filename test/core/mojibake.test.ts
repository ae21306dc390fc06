import { repairMojibake } from '../../src/core/mojibake';

describe('repairMojibake', () => {
  it('restores the Dutch letters of a mis-encoded article', () => {
    expect(repairMojibake('ge誰nstalleerd, co旦rdinator, 辿辿n')).toBe('geïnstalleerd, coördinator, één');
  });

  it('in a paste, reads an ideograph as mojibake only inside a Latin word', () => {
    expect(repairMojibake('ge誰nstalleerd 誰 旦', { insideLatinWordsOnly: true })).toBe(
      'geïnstalleerd 誰 旦',
    );
  });
});
