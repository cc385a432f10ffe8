/// <reference types="jest" />
import { annotation, uuid } from '../../test/fixtures';
import { drawsTheSame, type Decorations, type HighlightedRangeProps } from './components/HighlightedRange';

const TEXT = 'x'.repeat(200);
const inside = annotation({ id: uuid(1), start: 10, end: 20 });
const elsewhere = annotation({ id: uuid(2), start: 120, end: 130 });
const onPick = () => {};

const decorations = (notes = [inside, elsewhere], extra: Partial<Decorations> = {}): Decorations => ({
  layers: notes.map((a) => ({ key: a.id, start: a.target.selector[1].start, end: a.target.selector[1].end })),
  annotations: new Map(notes.map((a) => [a.id, a])),
  readers: new Map(),
  activeId: null,
  flashId: null,
  ...extra,
});
/** The paragraph [0, 100): `inside` is in it, `elsewhere` is not. */
const paragraph = (d: Decorations): HighlightedRangeProps => ({ text: TEXT, start: 0, end: 100, decorations: d, onPick });

describe('drawsTheSame (which paragraphs a change redraws)', () => {
  it('skips a paragraph when a change touches only others', () => {
    const before = decorations();
    const added = annotation({ id: uuid(3), start: 150, end: 160 });
    expect(drawsTheSame(paragraph(before), paragraph(decorations([inside, elsewhere, added])))).toBe(true);
    expect(drawsTheSame(paragraph(before), paragraph(decorations([inside, { ...elsewhere, body: 'edited' }])))).toBe(true);
    expect(drawsTheSame(paragraph(before), paragraph(decorations(undefined, { activeId: elsewhere.id })))).toBe(true);
  });

  it('redraws a paragraph whose highlights, or what they show, changed', () => {
    const before = decorations();
    const added = annotation({ id: uuid(3), start: 50, end: 60 });
    expect(drawsTheSame(paragraph(before), paragraph(decorations([inside, elsewhere, added])))).toBe(false);
    expect(drawsTheSame(paragraph(before), paragraph(decorations([{ ...inside, resolved: true }, elsewhere])))).toBe(false);
    expect(drawsTheSame(paragraph(before), paragraph(decorations([elsewhere])))).toBe(false);
    expect(drawsTheSame(paragraph(before), paragraph(decorations(undefined, { activeId: inside.id })))).toBe(false);
    expect(drawsTheSame(paragraph(before), paragraph(decorations(undefined, { flashId: inside.id })))).toBe(false);
    expect(drawsTheSame(paragraph(before), paragraph(decorations(undefined, { dimmed: new Set([inside.id]) })))).toBe(false);
    // Someone's selection over it: its own layer, with their name and colour.
    const selecting = decorations(undefined, { readers: new Map([['reader:1', { name: 'Ana', color: 'red' }]]) });
    selecting.layers.push({ key: 'reader:1', start: 5, end: 8 });
    expect(drawsTheSame(paragraph(before), paragraph(selecting))).toBe(false);
    expect(drawsTheSame(paragraph(before), { ...paragraph(before), onPick: () => {} })).toBe(false);
  });

  it('compares a claim’s mark by what it shows, not by identity', () => {
    const mark = { claimId: uuid(9), spanId: uuid(10), color: 'blue', label: 'Open', flash: false };
    const withClaim = (m: typeof mark) => {
      const d = decorations(undefined, { claims: new Map([['claim:1', m]]) });
      d.layers.push({ key: 'claim:1', start: 30, end: 40 });
      return paragraph(d);
    };
    expect(drawsTheSame(withClaim(mark), withClaim({ ...mark }))).toBe(true);
    expect(drawsTheSame(withClaim(mark), withClaim({ ...mark, color: 'green' }))).toBe(false);
  });
});
