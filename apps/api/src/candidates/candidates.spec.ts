import fs from 'node:fs';
import path from 'node:path';
import { candidates, scoreRange, sentenceHash, slices, type ScoredSentence } from './candidates';

const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, '../../test/fixtures/articles', name), 'utf8');
const SHARED_ARTICLE = path.resolve(__dirname, '../../../../../shared/fixtures/article.txt');

/** The candidate whose sentence contains `part` (exactly one must). */
function find(list: ScoredSentence[], part: string): ScoredSentence | undefined {
  const found = list.filter((c) => c.sentence.includes(part));
  if (found.length > 1) throw new Error(`"${part}" is in ${found.length} sentences`);
  return found[0];
}

/** Where `part`'s sentence ranks (1-based), or Infinity when it is not suggested. */
const rankOf = (list: ScoredSentence[], part: string) => {
  const at = list.findIndex((c) => c.sentence.includes(part));
  return at === -1 ? Infinity : at + 1;
};

/** Every sentence of the text that has anything to score, whatever its score. */
const everything = (text: string) => slices(text).flatMap(([a, b]) => scoreRange(text, a, b, 0));

interface Expectation {
  file: string;
  /** Parts of checkable sentences that must be in the top 10. */
  factual: string[];
  /** Parts of opinion or rhetorical sentences that must rank below every factual one (or not be suggested). */
  opinion: string[];
}

const ARTICLES: Expectation[] = [
  {
    file: 'transit-budget.txt',
    factual: [
      'voted 9 to 4 on Tuesday night to approve a $4.2 billion transit budget',
      'Ridership has recovered to 78 percent of its 2019 level',
      "The state comptroller's office estimated last month",
      'had spent $310 million on consultants',
    ],
    opinion: [
      'Is this really the best the city can do?',
      'Riders deserve better than another round of promises.',
      'I think the council got the balance roughly right',
      'Read the budget yourself before you judge it.',
      'Maybe the new buses will arrive on time.',
    ],
  },
  {
    file: 'drought-report.txt',
    factual: [
      "reduced the region's wheat harvest by 34 percent in 2024",
      'harvested 2.1 million tonnes of wheat',
      'groundwater levels had fallen by an average of 1.8 metres since 2019',
      'food prices in the region rose 17 percent',
      'Insurance claims from farms reached 4,300',
    ],
    opinion: [
      'Farmers should not have to beg for water.',
      'It seems the ministry still does not understand',
      'What will happen if next year is just as dry?',
      'Imagine planting a field and watching it turn to dust.',
    ],
  },
  {
    file: 'plant-closure.txt',
    factual: [
      'eliminating 1,200 jobs, the company said in a filing',
      'testified that the plant had lost $48 million',
      'withdrew a $95 million subsidy',
      "The company's shares fell 11 percent on the Nasdaq",
    ],
    opinion: [
      'Honestly, this is a disgrace.',
      'Should the state have seen it coming?',
      "Don't let anyone tell you that subsidies like this one create lasting jobs.",
    ],
  },
];

/** The quality bar: checked on our own articles always, and on the shared one when it is there. */
function expectQuality(text: string, { factual, opinion }: Omit<Expectation, 'file'>) {
  const list = candidates(text);
  // Pairs with the sentence, so a failure names it.
  for (const part of factual) expect([part, rankOf(list, part) <= 10]).toEqual([part, true]);
  const worstFactual = Math.max(...factual.map((part) => rankOf(list, part)));
  for (const part of opinion) expect([part, rankOf(list, part) > worstFactual]).toEqual([part, true]);
  // Scored without any cut-off, an opinion still scores below every factual sentence.
  const all = everything(text);
  const lowestFactual = Math.min(...factual.map((part) => find(all, part)!.score));
  for (const part of opinion) {
    const scored = find(all, part);
    if (scored) expect([part, scored.score < lowestFactual]).toEqual([part, true]);
  }
}

describe('claim candidates', () => {
  describe.each(ARTICLES)('on $file', (article) => {
    const text = fixture(article.file);

    it('puts the factual sentences in the top 10 and the opinions below them', () => {
      expectQuality(text, article);
    });

    it('gives offsets that slice exactly the sentence out of the text, best first', () => {
      const list = candidates(text);
      expect(list.length).toBeGreaterThan(5);
      for (const c of list) expect(text.slice(c.start, c.end)).toBe(c.sentence);
      for (let i = 1; i < list.length; i++) expect(list[i - 1]!.score).toBeGreaterThanOrEqual(list[i]!.score);
    });

    it('never suggests the headline', () => {
      const headline = text.split('\n')[0]!;
      expect(candidates(text).some((c) => c.start < headline.length)).toBe(false);
    });
  });

  (fs.existsSync(SHARED_ARTICLE) ? describe : describe.skip)('on the shared op-ed', () => {
    const text = fs.existsSync(SHARED_ARTICLE) ? fs.readFileSync(SHARED_ARTICLE, 'utf8') : '';

    it('ranks the Telegram post and the affidavit in the top 10, and "obvious buttons" below them', () => {
      expectQuality(text, {
        factual: ["Russia's space chief said in a post on Telegram", 'Justice Department said in an affidavit that Kiriyenko had created some 30 internet domains'],
        opinion: ['Musk has obvious buttons to press'],
      });
    });

    it('keeps a sentence broken by a blank line in one piece', () => {
      const broken = find(candidates(text), 'he believed any Ukrainian attack on Crimea');
      expect(broken?.sentence).toMatch(/could spark a nuclear war\.$/);
    });
  });

  describe('sentence boundaries', () => {
    const drought = candidates(fixture('drought-report.txt'));

    it('survive abbreviations (Dr., U.N., Ph.D., a.m.)', () => {
      expect(find(drought, 'Dr. Amara Okafor')?.sentence).toMatch(/^Dr\. Amara Okafor, .* since 2019\.$/);
      expect(find(drought, 'The U.N. Food and Agriculture Organization')?.sentence).toMatch(/than in any neighbouring country\.$/);
      expect(find(drought, 'Prof. Samuel Reyes, Ph.D.')?.sentence).toBe('Prof. Samuel Reyes, Ph.D., who led the study, said the losses were "worse than any model we ran in 2021."');
      expect(find(drought, 'at 10 a.m. on Friday')?.sentence).toMatch(/^The government has promised 250 new wells.*on Friday\.$/);
    });

    it('survive a quotation of several sentences', () => {
      expect(find(drought, 'The aquifers are not refilling.')?.sentence).toBe(
        '"The aquifers are not refilling. We are borrowing water from the next generation," she said.',
      );
      const transit = candidates(fixture('transit-budget.txt'));
      expect(find(transit, 'We are not asking riders')?.sentence).toMatch(/^"We are not asking .* in a statement on Wednesday\.$/);
    });

    it('count offsets in UTF-16 code units, as selectors do', () => {
      const text = '🌍🌍 Intro line\n\nThe agency said on Monday that 4,300 claims were filed in 2022, 12 percent more than in 2021.';
      const [only] = candidates(text);
      expect(only).toBeDefined();
      expect(text.slice(only!.start, only!.end)).toBe(only!.sentence);
      expect(only!.start).toBe(text.indexOf('The agency'));
    });

    it('find nothing in empty or wordless text', () => {
      expect(candidates('')).toEqual([]);
      expect(candidates(' \n\n \t ')).toEqual([]);
      expect(candidates('!!! ... ???')).toEqual([]);
    });
  });

  describe('reasons and penalties', () => {
    const one = (sentence: string) => {
      const [scored] = scoreRange(sentence, 0, sentence.length, 0);
      if (!scored) throw new Error(`nothing scored in "${sentence}"`);
      return scored;
    };

    it('labels what makes a sentence checkable', () => {
      expect(one('The council approved a $4.2 billion budget on Tuesday, the largest in its history.').reasons).toEqual(
        expect.arrayContaining(['money', 'date', 'superlative']),
      );
      expect(one('According to the ministry, unemployment fell to 4.1 percent in March.').reasons).toEqual(
        expect.arrayContaining(['attribution', 'percentage', 'date']),
      );
      expect(one('Voltaris Inc. cut 1,200 jobs at its plant, the company told investors.').reasons).toEqual(
        expect.arrayContaining(['attribution', 'quantity', 'number', 'organisation']),
      );
      expect(one('Senator Maria Lopez testified that the river is cleaner than it was in 1990.').reasons).toEqual(
        expect.arrayContaining(['attribution', 'person', 'comparative', 'date']),
      );
      expect(one('"We will not raise taxes this year or next year," the mayor said.').reasons).toEqual(expect.arrayContaining(['quotation', 'attribution']));
    });

    it.each([
      ['question', 'Did the council really spend $4.2 billion on buses in 2024?', 'The council spent $4.2 billion on buses in 2024.'],
      ['should', 'The council should spend $4.2 billion on buses in 2024.', 'The council spent $4.2 billion on buses in 2024.'],
      ['first-person', 'I think the drought cut the harvest by 34 percent in 2024.', 'The drought cut the harvest by 34 percent in 2024.'],
      ['hedged', 'The drought perhaps cut the harvest by 34 percent in 2024.', 'The drought cut the harvest by 34 percent in 2024.'],
      ['imperative', 'Cut the budget by 34 percent in 2024.', 'The mayor cut the budget by 34 percent in 2024.'],
      ['opinion', 'The absurd budget grew by 34 percent in 2024.', 'The budget grew by 34 percent in 2024.'],
    ])('scores %s lower', (penalty, weaker, stronger) => {
      const w = one(weaker);
      expect(w.penalties).toContain(penalty);
      expect(w.score).toBeLessThan(one(stronger).score);
      expect(one(stronger).penalties).not.toContain(penalty);
    });

    it('does not count a speaker’s own words as the writer’s opinion', () => {
      const quoted = one('"I think this is a disgrace," Governor Helen Marsh said on Monday.');
      expect(quoted.penalties).not.toContain('first-person');
      expect(quoted.penalties).not.toContain('opinion');
    });
  });

  describe('sentenceHash', () => {
    it('is the same whatever the spacing, quote marks or case', () => {
      expect(sentenceHash('He said “it is over.”')).toBe(sentenceHash('  he said "IT is   over."\n'));
      expect(sentenceHash('He said it is over.')).not.toBe(sentenceHash('He said it is not over.'));
    });
  });
});
