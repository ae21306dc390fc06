/** Command words in English, Korean and Dutch; anything else is a paste. */
import { parseCommand } from '../../src/teams/commands';

test.each([
  ['help', { name: 'help', argument: '' }],
  ['도움말', { name: 'help', argument: '' }],
  ['Hulp', { name: 'help', argument: '' }],
  ['stats', { name: 'stats', argument: '' }],
  ['통계 UserErrorX', { name: 'stats', argument: 'UserErrorX' }],
  ['statistieken 0x29834', { name: 'stats', argument: '0x29834' }],
  ['search restore point', { name: 'search', argument: 'restore point' }],
  ['검색 스냅샷', { name: 'search', argument: '스냅샷' }],
  ['zoeken herstelpunt', { name: 'search', argument: 'herstelpunt' }],
])('%s → %o', (text, expected) => {
  expect(parseCommand(text)).toEqual(expected);
});

test.each([
  'help, backup fails with UserErrorGuestAgentStatusUnavailable',
  'UserErrorGuestAgentStatusUnavailable',
  `stats ${'x'.repeat(300)}`,
  'search\nmulti-line log paste',
  '',
])('%s is not a command', (text) => {
  expect(parseCommand(text)).toBeUndefined();
});
