/**
 * Every step of the real catalogue as an on-call engineer sees it: inline code and commands from the articles
 * (service names, registry paths, PowerShell) are monospace runs, never literal backticks, and the
 * copyable ticket summary is plain text.
 */
import { createCards } from '../../src/cards';
import { buildPlan } from '../../src/core/remediation/plan';
import { loadCatalogue } from '../../src/knowledge/load';
import { texts } from './cardText';
import { sessionFixture } from './sessionFixture';

const { sessionCard } = createCards();
const catalogue = loadCatalogue();

/** Every text the card sets in the monospace font: code runs of a RichTextBlock, or a whole code TextBlock. */
function monospaceTexts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(monospaceTexts);
  if (node === null || typeof node !== 'object') return [];
  const item = node as Record<string, unknown>;
  const own = item.fontType === 'Monospace' && typeof item.text === 'string' ? [item.text.trim()] : [];
  return [...own, ...Object.values(item).flatMap(monospaceTexts)];
}

/** The inline code spans of a step's English markdown (outside fenced blocks). */
function inlineCode(markdown: string): string[] {
  return [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) =>
    (m[1] ?? '').trim(),
  );
}

const withCode = catalogue.entries.flatMap((entry) => {
  const plan = buildPlan(catalogue, entry).steps;
  return plan.flatMap((planStep, position) => {
    const code = inlineCode(planStep.step.text.en ?? '');
    return code.length > 0 ? [{ entry, plan, position, code }] : [];
  });
});

describe('the real catalogue on step cards', () => {
  it('has steps with inline code to show (the articles use it for commands and paths)', () => {
    expect(withCode.length).toBeGreaterThan(10);
  });

  it.each(withCode.map((c) => [`${c.entry.id} step ${c.position + 1}`, c] as const))(
    '%s: code is set monospace, no backticks on the card',
    (_name, { entry, plan, position, code }) => {
      const stepIds = plan.map((s) => s.stepId);
      const card = sessionCard({ catalogue, session: sessionFixture(entry.id, stepIds, { position }) });
      const monospace = monospaceTexts(card);
      for (const span of code) expect(monospace.join('\n')).toContain(span);
      expect(texts(card).join('\n')).not.toContain('`');
    },
  );

  it('writes the ticket summary of an exhausted fix as plain text: no backticks, no bold markers', () => {
    const { entry, plan } = withCode[0]!;
    const stepIds = plan.map((s) => s.stepId);
    const card = sessionCard({
      catalogue,
      session: sessionFixture(entry.id, stepIds, {
        status: 'exhausted',
        position: stepIds.length - 1,
        tried: stepIds,
        endedAt: '2026-01-05T09:14:00.000Z',
        endedBy: 'hash',
        endedByName: 'Min-jun Kim',
      }),
    });
    const shown = texts(card).join('\n');
    expect(shown).toContain('Steps already tried:');
    expect(shown).not.toMatch(/`|\*\*/);
  });
});
