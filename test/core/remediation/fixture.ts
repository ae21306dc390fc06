/** A small catalogue for the remediation tests: an error with "(OR)" alternatives and two causes. */
import { Catalogue } from '../../../src/core/catalogue/catalogue';
import type { Entry, Step } from '../../../src/core/catalogue/schema';

export const ERR = 'err-a';
const URL = 'https://learn.microsoft.com/azure/backup/backup-azure-troubleshoot';

export const KINDS = 'err-kinds';

function step(id: string, en: string, alternative = false, ko?: string, kind: Step['kind'] = 'fix'): Step {
  return { id, text: ko ? { en, ko } : { en }, substeps: [], alternative, kind };
}

function entry(id: string, kind: Entry['kind'], steps: Step[], causes: string[] = []): Entry {
  return {
    id,
    kind,
    article: 'troubleshoot',
    refs: [id],
    codes: kind === 'error' ? [`Code-${id}`] : [],
    // The error has a Korean title too (localisation and the "English title" line of the match card).
    title: id === ERR ? { en: `Title of ${id}`, ko: '에이전트 통신 오류' } : { en: `Title of ${id}` },
    message: kind === 'error' ? { en: `Message of ${id}` } : {},
    operation: {},
    description: {},
    aliases: [],
    steps,
    causes,
    sources: [{ file: 'troubleshoot.md', lang: 'en', version: '2024-01-01', line: 1, anchors: [id] }],
    versions: ['2024-01-01'],
    url: `${URL}#${id}`,
    urls: { en: `${URL}#${id}` },
  };
}

export function fixtureCatalogue(): Catalogue {
  return Catalogue.fromJson({
    schemaVersion: 1,
    articles: [
      { id: 'troubleshoot', title: { en: 'Troubleshoot' }, url: URL, urls: { en: URL }, sources: [] },
    ],
    entries: [
      entry(
        ERR,
        'error',
        [
          step('err-a#s1', 'Restart the agent.', false, '에이전트를 다시 시작합니다.'),
          step('err-a#s2', 'Option one.'),
          step('err-a#s3', 'Option two.', true),
          step('err-a#s4', 'Option three.', true),
        ],
        ['cause-1', 'cause-2'],
      ),
      entry('cause-1', 'cause', [
        step('cause-1#s1', 'Install the agent.'),
        {
          id: 'cause-1#s2',
          text: {
            en: 'Update the agent from the [download page](https://aka.ms/agent) or see [the cause](entry:cause-2):',
          },
          substeps: [{ en: 'Stop the service.' }, { en: 'Run `setup.exe /q`.' }],
          alternative: false,
          kind: 'fix',
        },
      ]),
      // A cause whose first step is flagged "(OR)": it must not join cause 1's last step.
      entry('cause-2', 'cause', [
        step('cause-2#s1', 'Open port 443.', true),
        step('cause-2#s2', 'Use a proxy.', true),
      ]),
      entry('no-steps', 'error', []),
      // Step kinds: a check whose "no" points past the next fix, a fix, a second fix, a diagnostic.
      entry(KINDS, 'error', [
        {
          ...step(`${KINDS}#s1`, 'Verify that the agent service is running.', false, undefined, 'check'),
          fixStep: `${KINDS}#s3`,
        },
        step(`${KINDS}#s2`, 'Clear the agent cache.'),
        step(`${KINDS}#s3`, 'Start the agent service.'),
        step(
          `${KINDS}#s4`,
          'Collect the agent logs and send them to support.',
          false,
          undefined,
          'diagnostic',
        ),
      ]),
    ],
  });
}
