/**
 * A predictable matcher for the bot's tests over the fixture catalogue: a code in the text → confident; the
 * words "agent" or "restore point" → ambiguous between two entries; anything else → none (a `UserError…` code
 * that no entry has is reported in unknownCodes).
 */
import type { Catalogue } from '../../src/core/catalogue/catalogue';
import type { BotMatcher } from '../../src/teams/bot';

export function fakeMatcher(catalogue: Catalogue): BotMatcher & { calls: string[] } {
  const calls: string[] = [];
  const resultOf = (id: string, score: number) => {
    const entry = catalogue.require(id);
    return { id, score, codes: entry.codes, refs: entry.refs, title: entry.title.en, entry };
  };
  return {
    calls,
    match(text) {
      calls.push(text);
      const lower = text.toLowerCase();
      const byCode = catalogue.entries.find((e) => e.codes.some((c) => lower.includes(c.toLowerCase())));
      if (byCode) return { verdict: 'confident', results: [resultOf(byCode.id, 0.97)] };
      if (lower.includes('agent') || lower.includes('restore point')) {
        return {
          verdict: 'ambiguous',
          results: [
            resultOf('usererrorguestagentstatusunavailable', 0.55),
            resultOf('usererrorrpcollectionlimitreached', 0.5),
          ],
        };
      }
      // An Azure-Backup-shaped code that no entry has, as the real matcher reports it.
      const unknownCodes = [...text.matchAll(/\bUserError[A-Za-z]+\b/g)].map((m) => m[0]);
      return { verdict: 'none', results: [], unknownCodes };
    },
  };
}
