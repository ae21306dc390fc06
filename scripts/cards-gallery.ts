/**
 * Card gallery: every template × locale (en/ko/nl) × light/dark × 360/720 px, with data from real catalogue
 * entries, rendered by the official `adaptivecards` renderer in headless Debian Chromium with a Teams-like host
 * config. Saves PNGs under artifacts/gallery/ and fails (exit 1) on renderer errors or warnings, horizontal
 * overflow, clipped text and cards over 40 KB.  Run: `npm run cards:gallery` (needs /usr/bin/chromium).
 *
 * Also exports `openCardRenderer`, used by test/browser/cards.test.ts.
 */
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Catalogue } from '../src/core/catalogue/catalogue';
import { MAX_CARD_BYTES, renderCard, type AdaptiveCard } from '../src/cards/render';
import { sampleCards } from '../test/cards/samples';

export type Theme = 'light' | 'dark';

const ROOT = resolve(__dirname, '..');

const SANS_FAMILY = "'Segoe UI', 'Noto Sans CJK KR', 'NanumGothic', 'Noto Sans', system-ui, sans-serif";
const MONOSPACE_FAMILY = "Consolas, 'DejaVu Sans Mono', monospace";
const FONT_SIZES = { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 };
const FONT_WEIGHTS = { lighter: 200, default: 400, bolder: 600 };

/** Teams-like host configs (colours approximating Teams' light and dark themes, Segoe UI, Teams spacing). */
function hostConfig(theme: Theme, width: number): Record<string, unknown> {
  const dark = theme === 'dark';
  const fg = (normal: string, subtle: string) => ({ default: normal, subtle });
  const foreground = dark
    ? {
        default: fg('#FFFFFF', '#C8C6C4'),
        dark: fg('#FFFFFF', '#C8C6C4'),
        light: fg('#FFFFFF', '#C8C6C4'),
        accent: fg('#A6A7DC', '#8B8CC7'),
        good: fg('#92C353', '#6BB700'),
        warning: fg('#F8D22A', '#E0BE26'),
        attention: fg('#F1707B', '#E3606A'),
      }
    : {
        default: fg('#242424', '#616161'),
        dark: fg('#242424', '#616161'),
        light: fg('#FFFFFF', '#FFFFFF'),
        accent: fg('#6264A7', '#464775'),
        good: fg('#237B4B', '#1C6B3F'),
        warning: fg('#835C00', '#6E4D00'),
        attention: fg('#C4314B', '#A72037'),
      };
  const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors: foreground });
  return {
    // Teams' fonts: Segoe UI for text (Korean falls back to a Hangul font), a monospace face for code runs.
    fontTypes: {
      default: { fontFamily: SANS_FAMILY, fontSizes: FONT_SIZES, fontWeights: FONT_WEIGHTS },
      monospace: { fontFamily: MONOSPACE_FAMILY, fontSizes: FONT_SIZES, fontWeights: FONT_WEIGHTS },
    },
    supportsInteractivity: true,
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: dark ? '#3B3A39' : '#E1DFDD' },
    containerStyles: dark
      ? {
          default: style('#292929'),
          emphasis: style('#1F1F1F'),
          accent: style('#2F2F4A'),
          good: style('#0D2E0D'),
          warning: style('#463100'),
          attention: style('#3E1F25'),
        }
      : {
          default: style('#FFFFFF'),
          emphasis: style('#F5F5F5'),
          accent: style('#E8EBFA'),
          good: style('#E7F2DA'),
          warning: style('#FBF6D9'),
          attention: style('#FCF4F6'),
        },
    actions: {
      maxActions: 6,
      spacing: 'default',
      buttonSpacing: 8,
      showCard: { actionMode: 'inline', inlineTopMargin: 16 },
      actionsOrientation: width < 500 ? 'vertical' : 'horizontal',
      actionAlignment: width < 500 ? 'stretch' : 'left',
    },
    factSet: {
      title: {
        color: 'default',
        size: 'default',
        isSubtle: true,
        weight: 'default',
        wrap: true,
        maxWidth: 140,
      },
      value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
      spacing: 12,
    },
  };
}

function pageCss(theme: Theme): string {
  const dark = theme === 'dark';
  const fill = dark ? '#A6A7DC' : '#6264A7';
  return `
    body { margin: 0; background: ${dark ? '#1F1F1F' : '#F5F5F5'}; font-family: 'Segoe UI', 'Noto Sans CJK KR', 'NanumGothic', sans-serif; }
    #frame { padding: 12px; box-sizing: border-box; display: inline-block; }
    #card { border-radius: 6px; overflow: hidden; border: 1px solid ${dark ? '#3B3A39' : '#E1DFDD'}; box-sizing: border-box; }
    a { color: ${fill}; }
    .ac-pushButton { font-family: inherit; font-size: 14px; font-weight: 600; padding: 5px 12px; min-height: 32px;
      border-radius: 4px; cursor: pointer; border: 1px solid ${dark ? '#605E5C' : '#D1D1D1'};
      background: ${dark ? '#292929' : '#FFFFFF'}; color: ${dark ? '#FFFFFF' : '#242424'};
      overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .ac-pushButton.style-positive { background: ${fill}; border-color: ${fill}; color: ${dark ? '#1F1F1F' : '#FFFFFF'}; }
    .ac-pushButton.style-destructive { color: ${dark ? '#F1707B' : '#C4314B'}; }
    code { font-family: Consolas, 'DejaVu Sans Mono', monospace; }
  `;
}

/** Teams' TextBlock markdown subset (bold, italic, links, inline code), enough to see what users see. */
const MARKDOWN_IN_PAGE = `
  // tsx (esbuild keepNames) wraps functions passed to page.evaluate in __name(...): make it a no-op here.
  window.__name = function (f) { return f; };
  window.__md = function (text) {
    var esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    esc = esc.replace(/\\[([^\\]]*)\\]\\((https?:[^)\\s]*)\\)/g, '<a href="$2" target="_blank">$1</a>');
    esc = esc.replace(/\\*\\*([^*]+)\\*\\*/g, '<strong>$1</strong>');
    esc = esc.replace(/(^|\\s)_([^_]+)_(?=\\s|$|[.,;:!?])/g, '$1<em>$2</em>');
    esc = esc.replace(/\\n/g, '<br>');
    return '<p style="margin:0">' + esc + '</p>';
  };
`;

export interface RenderReport {
  /** Renderer parse/validation events, overflow and clipping findings; empty when the card is fine. */
  problems: string[];
  /** Rendered height in px. */
  height: number;
  /** Text of every rendered run set in a monospace font (inline code, commands), in order. */
  monospaceTexts: string[];
}

export interface CardRenderer {
  render(card: AdaptiveCard, theme: Theme, width: number, screenshotPath?: string): Promise<RenderReport>;
  close(): Promise<void>;
}

/** Launches headless Chromium (no network, a fresh temporary profile) with the adaptivecards renderer loaded. */
export async function openCardRenderer(): Promise<CardRenderer> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    // playwright gives every launch a fresh temporary profile (its own --user-data-dir).
  });
  const page: Page = await browser.newPage({ deviceScaleFactor: 1 });
  // Nothing may leave the machine: any request other than the inline page is refused.
  await page.route('**/*', (route) => route.abort());
  const script = readFileSync(join(ROOT, 'node_modules/adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  await page.setContent(
    '<!doctype html><html><head><meta charset="utf-8"><style id="theme"></style></head><body><div id="frame"><div id="card"></div></div></body></html>',
  );
  await page.addScriptTag({ content: script });
  await page.addScriptTag({ content: MARKDOWN_IN_PAGE });

  return {
    async render(card, theme, width, screenshotPath) {
      const report = await page.evaluate(
        ({ card, config, css, width }) => {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the renderer's browser global has no types here
          const AC = (window as any).AdaptiveCards;
          const problems: string[] = [];
          (document.getElementById('theme') as HTMLStyleElement).textContent = css;
          AC.AdaptiveCard.onProcessMarkdown = (
            text: string,
            result: { outputHtml: string; didProcess: boolean },
          ) => {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any -- page helper defined by MARKDOWN_IN_PAGE
            result.outputHtml = (window as any).__md(text);
            result.didProcess = true;
          };
          const adaptive = new AC.AdaptiveCard();
          adaptive.hostConfig = new AC.HostConfig(config);
          const context = new AC.SerializationContext();
          adaptive.parse(card, context);
          for (let i = 0; i < context.eventCount; i++) {
            const e = context.getEventAt(i);
            problems.push(`renderer parse event ${e.event}: ${e.message}`);
          }
          for (const e of adaptive.validateProperties().validationEvents) {
            problems.push(`renderer validation event ${e.event}: ${e.message}`);
          }
          const host = document.getElementById('card') as HTMLElement;
          host.innerHTML = '';
          host.style.width = `${width}px`;
          const rendered = adaptive.render();
          if (!rendered) problems.push('renderer returned nothing');
          else host.appendChild(rendered);
          const hostBox = host.getBoundingClientRect();
          const describe = (el: Element) =>
            `${el.className || el.tagName} "${(el.textContent || '').trim().slice(0, 50)}"`;
          for (const el of Array.from(host.querySelectorAll('*'))) {
            const box = el.getBoundingClientRect();
            if (box.width === 0 && box.height === 0) continue;
            if (box.right > hostBox.right + 1 || box.left < hostBox.left - 1) {
              problems.push(
                `horizontal overflow by ${Math.round(box.right - hostBox.right)}px: ${describe(el)}`,
              );
            }
            const html = el as HTMLElement;
            const isText =
              el.classList.contains('ac-textBlock') ||
              el.classList.contains('ac-richTextBlock') ||
              el.classList.contains('ac-pushButton');
            if (!isText) continue;
            // The renderer ellipsises `wrap: false` text on its inner paragraph, so look at the block and its children.
            const clipped = [html, ...Array.from(html.querySelectorAll<HTMLElement>('*'))].find(
              (node) => node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 2,
            );
            if (clipped) {
              problems.push(
                `clipped text (${clipped.scrollWidth}x${clipped.scrollHeight} in ${clipped.clientWidth}x${clipped.clientHeight}): ${describe(el)}`,
              );
            }
          }
          const monospaceTexts = Array.from(host.querySelectorAll<HTMLElement>('.ac-richTextBlock *'))
            .filter((el) => el.children.length === 0 && /monospace/.test(getComputedStyle(el).fontFamily))
            .map((el) => (el.textContent || '').trim());
          return {
            problems: Array.from(new Set(problems)),
            height: Math.ceil(host.getBoundingClientRect().height),
            monospaceTexts,
          };
        },
        { card: card as unknown, config: hostConfig(theme, width), css: pageCss(theme), width },
      );
      if (screenshotPath) {
        await page.setViewportSize({ width: width + 24, height: Math.max(100, report.height + 24) });
        await page.locator('#frame').screenshot({ path: screenshotPath });
      }
      return report;
    },
    async close() {
      await browser.close();
    },
  };
}

export const GALLERY_LOCALES = ['en-US', 'ko-KR', 'nl-NL'] as const;
export const GALLERY_THEMES: readonly Theme[] = ['light', 'dark'];
export const GALLERY_WIDTHS = [360, 720] as const;

async function main(): Promise<number> {
  if (!existsSync(CHROMIUM_PATH)) {
    process.stderr.write(`cards:gallery: ${CHROMIUM_PATH} is missing (apt-get install chromium)\n`);
    return 2;
  }
  const cataloguePath = join(ROOT, 'knowledge', 'catalogue.json');
  const catalogue = Catalogue.fromJson(JSON.parse(readFileSync(cataloguePath, 'utf8')));
  const out = join(ROOT, 'artifacts', 'gallery');
  mkdirSync(out, { recursive: true });
  const renderer = await openCardRenderer();
  const failures: string[] = [];
  let count = 0;
  const index: string[] = [];
  try {
    for (const locale of GALLERY_LOCALES) {
      for (const sample of sampleCards(catalogue, locale)) {
        const card = renderCard(sample.name, sample.data as never);
        const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
        if (bytes > MAX_CARD_BYTES)
          failures.push(`${sample.sample} ${locale}: ${bytes} bytes > ${MAX_CARD_BYTES}`);
        for (const theme of GALLERY_THEMES) {
          for (const width of GALLERY_WIDTHS) {
            const file = `${sample.sample}.${locale}.${theme}.${width}.png`;
            const report = await renderer.render(card, theme, width, join(out, file));
            count += 1;
            index.push(
              `<figure><img src="${file}" loading="lazy"><figcaption>${file} · ${bytes} B</figcaption></figure>`,
            );
            for (const problem of report.problems) failures.push(`${file}: ${problem}`);
          }
        }
      }
    }
  } finally {
    await renderer.close();
  }
  writeFileSync(
    join(out, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>Remedy card gallery</title><style>figure{display:inline-block;vertical-align:top;margin:8px}</style>${index.join('\n')}\n`,
  );
  process.stdout.write(`cards:gallery: ${count} screenshots in ${out} (open index.html)\n`);
  if (failures.length > 0) {
    process.stderr.write(
      `cards:gallery: ${failures.length} problem(s):\n${failures.map((f) => `  ${f}`).join('\n')}\n`,
    );
    return 1;
  }
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`cards:gallery failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
