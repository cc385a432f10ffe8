import type { CandidatePenalty, CandidateReason } from '@corroborate/contracts';
import {
  CALENDAR,
  EVALUATIVE,
  FIRST_PERSON,
  HEDGES,
  NOT_COMPARISON,
  NOT_IMPERATIVE,
  ORGANISATION_WORDS,
  PERSON_TITLES,
  PLACE_ACRONYMS,
  PLACE_WORDS,
  PRESCRIPTIVE,
  SPEECH_VERBS,
  UNITS,
} from './lexicon';
import type { Token } from './nlp';
import type { Sentence } from './sentences';

/** What makes a sentence worth checking, and what makes it less so, each with a weight. */
export interface Features {
  reasons: Map<CandidateReason, number>;
  penalties: Map<CandidatePenalty, number>;
  /** Words in the sentence (not punctuation). */
  words: number;
}

/** Attribution through a noun: "in an affidavit", "a survey found". */
const SOURCE_NOUNS = new Set(['statement', 'affidavit', 'testimony', 'filing', 'indictment', 'ruling', 'report', 'survey', 'study', 'poll', 'census', 'data', 'figures', 'records', 'transcript']);
const YEAR = /^(?:1[89]|20)\d\d$/;
const HAS_DIGIT = /\d/;
const isWord = (t: Token) => t.type === 'word' || t.type === 'number';
const isCapitalised = (t: Token) => /^[A-Z]/.test(t.value);
const isAcronym = (t: Token) => /^(?:[A-Z]\.){2,}$|^[A-Z]{2,6}$/.test(t.value);
const isInitials = (t: Token) => /^(?:[A-Z]\.?){1,3}$/.test(t.value);
const CURRENCY_WORDS = new Set(['dollar', 'dollars', 'euro', 'euros', 'pound', 'pounds', 'yen', 'yuan', 'rupees', 'francs', 'pesos', 'rubles', 'roubles']);

function add<K>(map: Map<K, number>, key: K, weight: number): void {
  map.set(key, Math.max(map.get(key) ?? 0, weight));
}

/** Marks each token inside a direct quotation, and says whether one of at least three words exists. */
function quotations(tokens: Token[], s: Sentence): { inside: boolean[]; quoted: boolean } {
  const inside: boolean[] = [];
  let open = false;
  let openedAt = -1;
  let quoted = false;
  for (let i = s.first; i <= s.last; i++) {
    const v = tokens[i]!.value;
    const opens = v === '“' || (v === '"' && !open);
    const closes = v === '”' || (v === '"' && open);
    if (opens && !open) {
      open = true;
      openedAt = i;
    } else if (closes && open) {
      open = false;
      let words = 0;
      for (let k = openedAt + 1; k < i; k++) if (isWord(tokens[k]!)) words++;
      if (words >= 3) quoted = true;
    }
    inside[i - s.first] = open && !opens;
  }
  return { inside, quoted };
}

/** Proper names in the sentence: people and organisations, told apart by titles and name words. */
function names(tokens: Token[], s: Sentence, reasons: Map<CandidateReason, number>): void {
  let people = 0;
  let organisations = 0;
  let i = s.first;
  while (i <= s.last) {
    const t = tokens[i]!;
    const nameLike = (x: Token | undefined) =>
      !!x && x.pos === 'PROPN' && isCapitalised(x) && !CALENDAR.has(x.lower) && x.entity !== 'DATE' && x.entity !== 'TIME';
    if (!nameLike(t)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 <= s.last && nameLike(tokens[j + 1])) j++;
    // "Department of Justice", "Bank of England": a name continues across "of".
    while (j + 2 <= s.last && tokens[j + 1]!.lower === 'of' && nameLike(tokens[j + 2])) {
      j += 2;
      while (j + 1 <= s.last && nameLike(tokens[j + 1])) j++;
    }
    const run = tokens.slice(i, j + 1).filter((x) => x.lower !== 'of');
    const words = run.map((x) => x.lower.replace(/\.$/, ''));
    const before = tokens[i - 1];
    const after = tokens[j + 1]?.value === "'s" ? tokens[j + 2] : tokens[j + 1];
    const last = words.at(-1)!;
    if (words.some((w) => ORGANISATION_WORDS.has(w))) organisations++;
    else if (PLACE_WORDS.has(last)) {
      // A place: neither a person nor an organisation.
    } else if (run.length === 1 && isAcronym(t)) {
      if (!PLACE_ACRONYMS.has(t.lower)) organisations++;
    } else if ((before && PERSON_TITLES.has(before.lower)) || (run.length >= 2 && PERSON_TITLES.has(words[0]!))) people++;
    else if (run.length >= 2 && run.length <= 5 && run.every((x) => /^[A-Z][a-z'’-]+$/.test(x.value) || isInitials(x))) people++;
    else if (run.length === 1 && after && after.pos === 'VERB' && SPEECH_VERBS.has(after.lemma)) people++;
    else if (before?.lower === 'the') organisations++;
    i = j + 1;
  }
  if (people) add(reasons, 'person', people > 1 ? 1.1 : 0.8);
  if (organisations) add(reasons, 'organisation', organisations > 1 ? 1.1 : 0.8);
}

/** Numbers, quantities, money, percentages and dates, from the tagger's entities and number tokens. */
function figures(tokens: Token[], s: Sentence, reasons: Map<CandidateReason, number>): void {
  let numbers = 0;
  for (let i = s.first; i <= s.last; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const entity = t.entity;
    if (entity === 'PERCENT' || ((t.type === 'number' || entity === 'CARDINAL') && next && ['%', 'percent', 'pct', 'per'].includes(next.lower))) {
      add(reasons, 'percentage', 1.5);
      continue;
    }
    if (entity === 'MONEY' || (t.type === 'currency' && next?.type === 'number') || (t.type === 'number' && next && CURRENCY_WORDS.has(next.lower))) {
      add(reasons, 'money', 1.5);
      continue;
    }
    if (entity === 'DATE' || entity === 'TIME' || entity === 'DURATION') {
      let last = i;
      while (last < s.last && tokens[last + 1]!.entityIndex === t.entityIndex) last++;
      const span = tokens.slice(i, last + 1);
      // "since 2014" is a date; "two-hour" a quantity.
      if (entity === 'DURATION' && !span.some((x) => YEAR.test(x.value))) add(reasons, 'quantity', 0.8);
      else add(reasons, 'date', span.some((x) => HAS_DIGIT.test(x.value) || CALENDAR.has(x.lower)) ? 1.1 : 0.5);
      i += span.length - 1;
      continue;
    }
    if (t.type === 'number' && YEAR.test(t.value)) {
      add(reasons, 'date', 1.1);
      continue;
    }
    const digits = t.type === 'number' && HAS_DIGIT.test(t.value);
    const spelled = entity === 'CARDINAL' && !HAS_DIGIT.test(t.value) && t.lower !== 'one';
    if (!digits && !spelled) continue;
    numbers += digits ? 1 : 0.4;
    // A number counting something: "30 internet domains", "1,200 workers", "four miles".
    for (let k = i + 1; k <= Math.min(s.last, i + 3); k++) {
      const u = tokens[k]!;
      if (u.entity === 'CARDINAL' || u.type === 'number') continue;
      if (UNITS.has(u.lower) || u.pos === 'NOUN') add(reasons, 'quantity', 1);
      if (u.pos !== 'ADJ' && u.pos !== 'NOUN') break;
    }
  }
  if (numbers > 0) add(reasons, 'number', Math.min(1.6, 0.6 + 0.4 * numbers));
}

/** Comparatives ("cleaner than ever", "more than 300") and superlatives ("the largest"). */
function comparisons(tokens: Token[], s: Sentence, reasons: Map<CandidateReason, number>): void {
  for (let i = s.first; i <= s.last; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    const graded = (t.pos === 'ADJ' || t.pos === 'ADV') && t.lemma !== t.lower && !NOT_COMPARISON.has(t.lower);
    if (graded && t.lower.endsWith('est')) add(reasons, 'superlative', 0.9);
    else if (graded && t.lower.endsWith('er')) add(reasons, 'comparative', 0.7);
    else if ((t.lower === 'most' || t.lower === 'least') && next && (next.pos === 'ADJ' || next.pos === 'ADV')) add(reasons, 'superlative', 0.9);
    else if (['more', 'less', 'fewer'].includes(t.lower) && tokens.slice(i + 1, Math.min(s.last, i + 4) + 1).some((x) => x.lower === 'than')) {
      add(reasons, 'comparative', 0.7);
    }
  }
}

function attribution(tokens: Token[], s: Sentence, inside: boolean[], reasons: Map<CandidateReason, number>): void {
  for (let i = s.first; i <= s.last; i++) {
    if (inside[i - s.first]) continue;
    const t = tokens[i]!;
    if (t.lower === 'according' && tokens[i + 1]?.lower === 'to') add(reasons, 'attribution', 2);
    else if (t.lower === 'reportedly') add(reasons, 'attribution', 2);
    // A verb straight after "of" or "the" is a noun the tagger misread ("a round of promises").
    else if (t.pos === 'VERB' && SPEECH_VERBS.has(t.lemma) && !['DET', 'ADP'].includes(tokens[i - 1]?.pos ?? '')) add(reasons, 'attribution', 2);
    else if (t.pos === 'NOUN' && SOURCE_NOUNS.has(t.lemma)) add(reasons, 'attribution', 1.2);
  }
}

/** Signs of opinion or rhetoric: questions, orders, "should", "I think", hedges, loaded words. */
function rhetoric(tokens: Token[], s: Sentence, inside: boolean[], attributed: boolean, penalties: Map<CandidatePenalty, number>): void {
  let end = s.last;
  while (end > s.first && /^[”"’')\]]+$/.test(tokens[end]!.value)) end--;
  const final = tokens[end]!.value;
  if (final.endsWith('?')) add(penalties, 'question', 3);
  if (final.endsWith('!')) add(penalties, 'exclamation', 1);

  let first = s.first;
  while (first < s.last && !isWord(tokens[first]!)) first++;
  const opener = tokens[first]!;
  const second = tokens[first + 1];
  if (
    (opener.pos === 'VERB' && opener.lower === opener.lemma && !NOT_IMPERATIVE.has(opener.lower) && second?.pos !== 'PART') ||
    ((opener.lower === 'do' || opener.lower === 'let') && ["n't", 'not', "'s", 'us'].includes(second?.lower ?? ''))
  ) {
    add(penalties, 'imperative', 2);
  }
  if (opener.lower === 'if' || opener.lower === 'unless') add(penalties, 'conditional', 1.2);

  // Words inside a quotation are the speaker's, and attributed: they are no opinion of the writer's.
  let evaluative = 0;
  for (let i = s.first; i <= s.last; i++) {
    if (inside[i - s.first]) continue;
    const t = tokens[i]!;
    if (FIRST_PERSON.has(t.lower) && (t.lower !== 'i' || t.value === 'I')) add(penalties, 'first-person', 2);
    if (PRESCRIPTIVE.has(t.lower) && (t.pos === 'AUX' || t.pos === 'VERB')) add(penalties, 'should', attributed ? 0.8 : 1.5);
    if (HEDGES.has(t.lower) && (t.lower !== 'may' || t.pos === 'AUX') && t.pos !== 'PROPN') add(penalties, 'hedged', attributed ? 0.5 : 1);
    if (EVALUATIVE.has(t.lower) && t.pos !== 'PROPN' && t.pos !== 'NOUN') evaluative++;
  }
  if (evaluative) add(penalties, 'opinion', Math.min(2, evaluative * (attributed ? 0.6 : 1.2)));
}

/** Everything the scorer weighs about one sentence. */
export function featuresOf(tokens: Token[], s: Sentence): Features {
  const reasons = new Map<CandidateReason, number>();
  const penalties = new Map<CandidatePenalty, number>();
  const { inside, quoted } = quotations(tokens, s);
  let words = 0;
  for (let i = s.first; i <= s.last; i++) if (isWord(tokens[i]!)) words++;

  attribution(tokens, s, inside, reasons);
  figures(tokens, s, reasons);
  names(tokens, s, reasons);
  comparisons(tokens, s, reasons);
  if (quoted) add(reasons, 'quotation', 1);
  rhetoric(tokens, s, inside, reasons.has('attribution'), penalties);
  if (words < 6) add(penalties, 'short', 1);
  return { reasons, penalties, words };
}
