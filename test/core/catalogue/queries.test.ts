/** Catalogue queries the bot's intents ask: search, the entry a name designates, the codes a paste names. */
import { codesIn, entryNamedBy, searchCatalogue } from '../../../src/core/catalogue/queries';
import { fixtureCatalogue } from '../../teams/fixtures';

const catalogue = fixtureCatalogue();

describe('catalogue queries', () => {
  it('search finds entries containing every word, errors before causes', () => {
    expect(searchCatalogue(catalogue.entries, 'agent').map((e) => e.kind)).toEqual(['error', 'cause']);
    expect(searchCatalogue(catalogue.entries, 'agent installed').map((e) => e.id)).toEqual([
      'the-agent-is-not-installed',
    ]);
    expect(searchCatalogue(catalogue.entries, '   ')).toEqual([]);
  });

  it('search reads words with typos when no entry contains them as typed', () => {
    expect(searchCatalogue(catalogue.entries, 'UserErrorGuestAgnetStatusUnavailable')[0]?.id).toBe(
      'usererrorguestagentstatusunavailable',
    );
    expect(searchCatalogue(catalogue.entries, 'agent instaled').map((e) => e.id)).toContain(
      'the-agent-is-not-installed',
    );
    expect(searchCatalogue(catalogue.entries, 'zzqqxx')).toEqual([]);
  });

  it('a code, a ref or an id names an entry exactly (codes case-insensitively); words do not', () => {
    expect(entryNamedBy(catalogue, 'usererrorguestagentstatusunavailable')?.id).toBe(
      'usererrorguestagentstatusunavailable',
    );
    expect(entryNamedBy(catalogue, ' 0x29834 ')?.id).toBe('backup/1');
    expect(entryNamedBy(catalogue, 'vm-agent-unable-to-communicate-with-azure-backup')?.id).toBe(
      'usererrorguestagentstatusunavailable',
    );
    expect(entryNamedBy(catalogue, 'agent')).toBeUndefined();
  });

  it('codesIn lists the entry’s codes that the text contains, as the entry spells them', () => {
    const entry = catalogue.require('usererrorguestagentstatusunavailable');
    expect(codesIn('failed: USERERRORGUESTAGENTSTATUSUNAVAILABLE', entry)).toEqual([
      'UserErrorGuestAgentStatusUnavailable',
    ]);
    expect(codesIn('nothing here', entry)).toEqual([]);
  });
});
