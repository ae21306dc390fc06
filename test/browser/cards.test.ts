/**
 * Every card template × locale rendered by the official `adaptivecards` renderer in headless Chromium (no network):
 * no parse or validation events, no horizontal overflow, no clipped text, light and dark, 360 and 720 px.
 * Skipped, with the reason printed, when /usr/bin/chromium is absent (CI installs it).
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { CHROMIUM_PATH } from '../../scripts/chromium';
import { openCardRenderer, type CardRenderer } from '../../scripts/cards-gallery';
import { createCards, renderCard, type AdaptiveCard } from '../../src/cards';
import { buildPlan } from '../../src/core/remediation/plan';
import { sampleCards } from '../cards/samples';
import { Catalogue } from '../../src/core/catalogue/catalogue';
import { sessionFixture } from '../cards/sessionFixture';

const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) {
  process.stdout.write(
    `test/browser/cards.test.ts skipped: ${CHROMIUM_PATH} is absent (apt-get install chromium)\n`,
  );
}
const describeInBrowser = hasChromium ? describe : describe.skip;

const catalogue = Catalogue.fromJson(
  JSON.parse(readFileSync(join(__dirname, '../../knowledge/catalogue.json'), 'utf8')),
);
const cases = ['en-US', 'ko-KR', 'nl-NL'].flatMap((locale) =>
  sampleCards(catalogue, locale).map(
    (s) => [`${s.sample} ${locale}`, renderCard(s.name, s.data as never)] as const,
  ),
);

describeInBrowser('cards in the adaptivecards renderer (headless Chromium)', () => {
  let renderer: CardRenderer;

  beforeAll(async () => {
    renderer = await openCardRenderer();
  }, 60_000);

  afterAll(async () => {
    await renderer?.close();
  });

  it.each(cases)('%s renders cleanly in light/dark at 360 and 720 px', async (_, card) => {
    for (const theme of ['light', 'dark'] as const) {
      for (const width of [360, 720]) {
        const report = await renderer.render(card, theme, width);
        expect({ theme, width, problems: report.problems }).toEqual({ theme, width, problems: [] });
        expect(report.height).toBeGreaterThan(40);
      }
    }
  });

  it("sets a step's inline code in the monospace font, light and dark", async () => {
    // The first real step whose English text has inline code (the articles use it for commands and paths).
    const found = catalogue.entries
      .map((entry) => ({ entry, steps: buildPlan(catalogue, entry).steps }))
      .map(({ entry, steps }) => ({
        entry,
        steps,
        position: steps.findIndex((s) => /`[^`\n]+`/.test(s.step.text.en ?? '')),
      }))
      .find(({ position }) => position >= 0);
    expect(found).toBeDefined();
    const { entry, steps, position } = found!;
    const code = /`([^`\n]+)`/.exec(steps[position]!.step.text.en ?? '')![1]!.trim();
    const card = createCards().sessionCard({
      catalogue,
      session: sessionFixture(
        entry.id,
        steps.map((s) => s.stepId),
        { position },
      ),
    });
    for (const theme of ['light', 'dark'] as const) {
      const report = await renderer.render(card, theme, 360);
      expect(report.problems).toEqual([]);
      expect(report.monospaceTexts).toContain(code);
    }
  });

  it('reports what the renderer rejects, overflows and clips (the check can fail)', async () => {
    const broken: AdaptiveCard = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'FancyWidget', text: 'unknown element' },
        { type: 'TextBlock', text: 'x'.repeat(400), wrap: false },
        {
          type: 'ColumnSet',
          columns: [{ type: 'Column', width: '500px', items: [{ type: 'TextBlock', text: 'wide' }] }],
        },
      ],
    };
    const report = await renderer.render(broken, 'light', 360);
    const all = report.problems.join('\n');
    expect(all).toMatch(/renderer (parse|validation) event/);
    expect(all).toMatch(/clipped text/);
    expect(all).toMatch(/horizontal overflow/);
  });
});
