import type { Block, Mark } from '@corroborate/contracts';
import { blockTree, citedSources, marksWithin } from './structure';

describe('the structure the reader draws', () => {
  it('nests blocks by their ranges, a container before what it holds, equal ranges inside one another', () => {
    const blocks: Block[] = [
      { type: 'heading', level: 1, start: 0, end: 5 },
      { type: 'list', ordered: false, start: 9, end: 20 },
      { type: 'listItem', start: 9, end: 12 },
      { type: 'paragraph', start: 9, end: 12 },
      { type: 'listItem', start: 15, end: 20 },
      { type: 'paragraph', start: 15, end: 20 },
      { type: 'paragraph', start: 22, end: 30 },
    ];
    const shape = (nodes: ReturnType<typeof blockTree>): unknown => nodes.map((n) => [n.block.type, shape(n.children)]);
    expect(shape(blockTree(blocks))).toEqual([
      ['heading', []],
      ['list', [['listItem', [['paragraph', []]]], ['listItem', [['paragraph', []]]]]],
      ['paragraph', []],
    ]);
  });

  it('cuts marks to a block, outermost first', () => {
    const marks: Mark[] = [
      { type: 'emphasis', start: 4, end: 6 },
      { type: 'link', href: 'https://a.example/', start: 2, end: 12 },
      { type: 'strong', start: 20, end: 25 },
    ];
    expect(marksWithin(marks, 3, 10)).toEqual([
      { type: 'link', href: 'https://a.example/', start: 3, end: 10 },
      { type: 'emphasis', start: 4, end: 6 },
    ]);
  });

  it('lists each safe link once, with the words that first cite it', () => {
    const text = 'See the report and the report again, or mail us.';
    const marks: Mark[] = [
      { type: 'link', href: 'https://a.example/report', start: 4, end: 14 },
      { type: 'link', href: 'https://a.example/report', start: 19, end: 29 },
      { type: 'link', href: 'javascript:alert(1)', start: 30, end: 35 },
      { type: 'link', href: 'mailto:desk@a.example', start: 40, end: 47 },
      { type: 'emphasis', start: 0, end: 3 },
    ];
    expect(citedSources(text, marks)).toEqual([
      { href: 'https://a.example/report', text: 'the report' },
      { href: 'mailto:desk@a.example', text: 'mail us' },
    ]);
  });
});
