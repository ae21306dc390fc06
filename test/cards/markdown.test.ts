import { createMarkdownConverter, markdownToBlocks, markdownToPlain } from '../../src/cards';
import { summaryLine, type Block, type Run } from '../../src/cards/markdown';

/** Runs written back as markdown, to compare compactly: `code`, **bold**, _italic_, [link](url). */
function show(runs: readonly Run[]): string {
  return runs
    .map((run) => {
      let text = run.code ? `\`${run.text}\`` : run.text;
      if (run.url) text = `[${text}](${run.url})`;
      if (run.italic) text = `_${text}_`;
      if (run.bold) text = `**${text}**`;
      return text;
    })
    .join('');
}
const shown = (block: Block | undefined) => (block ? show(block.runs) : undefined);

const resolveEntry = (id: string) => (id === 'known' ? 'https://learn.microsoft.com/x#known' : undefined);

describe('article markdown → card blocks', () => {
  it('keeps the space between two bold runs, drops empty ones and moves inner spaces out', () => {
    const text = (md: string) => shown(markdownToBlocks(md)[0]);
    expect(text('**Error code**: **UserErrorX** **Message**: bad')).toBe(
      '**Error code**: **UserErrorX** **Message**: bad',
    );
    expect(text('a **** b')).toBe('a **** b');
    expect(text('**a**__b__')).toBe('**ab**');
    expect(text('<strong> padded </strong>text')).toBe('**padded** text');
  });

  it('keeps _emphasis_, inline code and bold links as styled runs', () => {
    const text = (md: string) => shown(markdownToBlocks(md)[0]);
    expect(text('Run `Get-Service` and *restart* it.')).toBe('Run `Get-Service` and _restart_ it.');
    expect(text('a snake_case_name stays')).toBe('a snake_case_name stays');
    expect(text('See **[the article](https://aka.ms/x)** now')).toBe(
      'See **[the article](https://aka.ms/x)** now',
    );
  });

  it('keeps absolute links, resolves entry: links and turns other links into plain text', () => {
    const [block] = markdownToBlocks(
      'See [docs](https://learn.microsoft.com/a), [this](entry:known), [that](entry:gone) and [rel](../b.md).',
      { resolveEntry },
    );
    expect(shown(block)).toBe(
      'See [docs](https://learn.microsoft.com/a), [this](https://learn.microsoft.com/x#known), that and rel.',
    );
  });

  it('flattens nested lists into bullets with indentation', () => {
    const blocks = markdownToBlocks(
      '1. Open the portal.\n   - Go to **Backup**.\n   - Pick the vault.\n2. Retry.',
    );
    expect(blocks.map((b) => [b.bullet, b.indent, shown(b)])).toEqual([
      ['1.', 0, 'Open the portal.'],
      ['◦', 1, 'Go to **Backup**.'],
      ['◦', 1, 'Pick the vault.'],
      ['2.', 0, 'Retry.'],
    ]);
  });

  it('turns a table into one line per row with the header names', () => {
    const blocks = markdownToBlocks('| Port | Use |\n| --- | --- |\n| 443 | HTTPS |\n| 80 | HTTP |');
    expect(blocks.map(shown)).toEqual(['**Port:** 443 · **Use:** HTTPS', '**Port:** 80 · **Use:** HTTP']);
  });

  it('keeps code blocks as code, headings bold, admonitions labelled, HTML lists as bullets', () => {
    const blocks = markdownToBlocks(
      '## Before you start\n\n> [!NOTE]\n> Be careful.\n\n```\nnet stop agent\n```\n\n<ul><li>One</li><li>Two</li></ul>',
    );
    expect(blocks.map((b) => [b.kind, shown(b)])).toEqual([
      ['text', '**Before you start**'],
      ['text', '**Note:** Be careful.'],
      ['code', '`net stop agent`'],
      ['text', '• One'],
      ['text', '• Two'],
    ]);
  });

  it('gives plain text and one-line summaries without markdown marks', () => {
    expect(markdownToPlain('Run **`setup.exe`** from [here](https://x.example/).')).toBe(
      'Run setup.exe from here.',
    );
    expect(summaryLine('A long first sentence that goes on and on. Second line.', 24)).toBe(
      'A long first sentence…',
    );
  });

  it('a converter reuses its parser and gives the same result as the one-off functions', () => {
    const md = createMarkdownConverter();
    const text = '1. Step\n   - sub\n\n| a | b |\n|---|---|\n| 1 | 2 |';
    expect(md.toBlocks(text)).toEqual(markdownToBlocks(text));
    expect(md.toBlocks(text)).toEqual(markdownToBlocks(text));
    expect(md.toPlain(text)).toBe(markdownToPlain(text));
  });
});
