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
});
