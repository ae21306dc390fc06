/** Table cells with inline HTML, as the MABS article writes them. */
import { readCell } from '../../src/knowledge/cellContent';
import { parseMarkdown, type InlineContext } from '../../src/knowledge/markdown';

function cell(html: string) {
  const tokens = parseMarkdown(`| a | b |\n| --- | --- |\n| x | ${html} |\n`);
  const inline = tokens.filter((t) => t.type === 'inline').pop()!;
  const ctx: InlineContext = { file: 'cell.md', articleSlug: 'article', anchors: new Set<string>() };
  return readCell(inline.children ?? [], ctx, 3);
}

describe('reading a table cell', () => {
  it('keeps text after a closing </ul> or </ol> as a step instead of failing', () => {
    const content = cell('<ul><li>Do A</li></ul>Then B');
    expect(content.steps.map((s) => s.text)).toEqual(['Do A', 'Then B']);
    const ordered = cell('Intro:<ol><li>First</li><li>Second</li></ol>Finally retry.');
    expect(ordered.steps.map((s) => s.text)).toEqual(['First', 'Second', 'Finally retry.']);
  });

  it('marks list items after an (OR)/또는/(OF) marker as alternatives, inside or between items', () => {
    expect(
      cell('<ul><li>one <br>또는</li> <li>two <br>(OF)</li><li>three</li></ul>').steps.map((s) => [
        s.text,
        s.alternative,
      ]),
    ).toEqual([
      ['one', false],
      ['two', true],
      ['three', true],
    ]);
    expect(cell('<ul><li>one<br></li> (OR) <li>two</li></ul>').steps.map((s) => s.alternative)).toEqual([
      false,
      true,
    ]);
  });

  it('nests a./b./다. lines as sub-steps', () => {
    const { steps } = cell(
      '<ul><li> Check certificates. <br> a. Open the console. <br> b. Expand the node.<br> 다.  Remove the certificate. </li></ul>',
    );
    expect(steps).toEqual([
      {
        text: 'Check certificates.',
        substeps: ['Open the console.', 'Expand the node.', 'Remove the certificate.'],
        alternative: false,
      },
    ]);
  });

  it('tolerates an unclosed <ol>, <li> without </li>, and a stray <ol> where </ol> was meant', () => {
    expect(cell('<ol><li>one<li>two</li><ol>').steps.map((s) => s.text)).toEqual(['one', 'two']);
    expect(cell('intro:<ol><li>one</li>').steps.map((s) => s.text)).toEqual(['one']);
  });

  it('splits cause and recommended action, and numbered <br> lines', () => {
    const result = cell(
      '**Cause:**<br/> It broke. <br/>**Recommended action:**<br/> Fix it. <br><br>Then retry.',
    );
    expect(result.description).toEqual(['It broke.']);
    expect(result.steps.map((s) => s.text)).toEqual(['Fix it.', 'Then retry.']);
    expect(cell('**Cause**: It broke. <br/><br/>**Workaround** Fix it.').steps.map((s) => s.text)).toEqual([
      'Fix it.',
    ]);
    const numbered = cell(
      '**If the action in the product does not work, do this:** <br>1. First. <br/> 2. Second.',
    );
    expect(numbered.description).toEqual(['**If the action in the product does not work, do this:**']);
    expect(numbered.steps.map((s) => s.text)).toEqual(['First.', 'Second.']);
  });

  it('keeps each quoted error message with its workaround, and a list after it as sub-steps', () => {
    const result = cell(
      '**Error message**: A failed. <br> **Workaround**: Do A.<br> <br> **Error message**: B failed. <br> **Workaround**: Do B: <ol><li>b1</li><li>b2</li></ol>',
    );
    expect(result.messages).toEqual(['A failed.', 'B failed.']);
    expect(result.steps).toEqual([
      { text: '**Error message**: A failed.\n**Workaround**: Do A.', substeps: [], alternative: false },
      {
        text: '**Error message**: B failed.\n**Workaround**: Do B:',
        substeps: ['b1', 'b2'],
        alternative: false,
      },
    ]);
  });

  it('keeps a line that is not a "- " bullet with the bullet before it; after a colon it is a sub-step', () => {
    const result = cell(
      'Follow these steps: <br><br> - Upgrade the agent. <br><br> - Ensure that the KEK file is present. <br>' +
        '*Its default location is C:/Scratch*. <br><br> - Ensure that the registry entries match these values: ' +
        '<br><br> **Registry path**: `HKLM/Config` <br> **Value**: *New cache folder* <br><br> - Retry the backup.',
    );
    expect(result.description).toEqual(['Follow these steps:']);
    expect(result.steps).toEqual([
      { text: 'Upgrade the agent.', substeps: [], alternative: false },
      {
        text: 'Ensure that the KEK file is present.\n_Its default location is C:/Scratch_.',
        substeps: [],
        alternative: false,
      },
      {
        text: 'Ensure that the registry entries match these values:',
        substeps: ['**Registry path**: `HKLM/Config`', '**Value**: _New cache folder_'],
        alternative: false,
      },
      { text: 'Retry the backup.', substeps: [], alternative: false },
    ]);
    // What the colon introduces ends at a sentence after items that are not sentences (URLs, keys).
    const urls = cell(
      '- Work with your IT team. <br> - Allow access to the following URLs: <br><br> `*.microsoft.com` <br> ' +
        '`*.windows.net` <br><br> Try registering again after you complete the preceding steps.',
    );
    expect(urls.steps.map((s) => [s.text, s.substeps])).toEqual([
      ['Work with your IT team.', []],
      ['Allow access to the following URLs:', ['`*.microsoft.com`', '`*.windows.net`']],
      ['Try registering again after you complete the preceding steps.', []],
    ]);
    // A bullet that is a sub-step (after "…:") keeps its continuation too; the next bullet is a sub-step again.
    const nested = cell(
      '- Exclude these files: <br> - cbengine.exe <br><br> - The scratch folder. <br> Its default location is C:/Scratch. <br><br> - The bin folder.',
    );
    expect(nested.steps).toEqual([
      {
        text: 'Exclude these files:',
        substeps: [
          'cbengine.exe',
          'The scratch folder.\nIts default location is C:/Scratch.',
          'The bin folder.',
        ],
        alternative: false,
      },
    ]);
  });
});
