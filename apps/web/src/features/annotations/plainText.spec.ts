import { isPlainText } from './plainText';

describe('isPlainText', () => {
  it('takes a line of ordinary prose', () => {
    const prose = [
      'Note 1: who confirmed this, and when?',
      'Is this true?',
      '2024 was an election year (in the US).',
      'Source: the Kremlin’s own “readout” – see p. 4/5, 60% @ $3…',
      'Élysée, Москва, 東京 and naïve café',
      'A',
      '3.5 million, not a list',
      'Seen by the other reader? #12',
      'See issue #4 + the note: 2 + 2 = 4',
    ];
    expect(prose.filter((text) => !isPlainText(text))).toEqual([]);
  });

  it('leaves anything Markdown could read otherwise to the parser', () => {
    const markdown = [
      'See **the report**',
      'an _emphasis_',
      'a `code` span',
      '[a link](https://example.org)',
      '![an image](x.png)',
      '<https://example.org>',
      'raw <b>html</b>',
      'AT&amp;T',
      'an escaped \\* star',
      '# a heading',
      '#hashtag first',
      'a heading underlined\n===',
      '> a quote',
      '- a list',
      '* a list',
      '+ a list',
      '1. a list',
      '2) a list',
      '---',
      '~~struck~~',
      'a | table',
      'two\nlines',
      'a paragraph\n\nand another',
      ' leading space',
      'trailing space ',
      'ends in a star*',
      'ends in an escape\\',
      'ends in a newline\n',
      'ends in <',
      '    indented code',
      '\tindented',
      'a tab\there',
      'nul\u0000char',
      '',
    ];
    expect(markdown.filter(isPlainText)).toEqual([]);
  });
});
