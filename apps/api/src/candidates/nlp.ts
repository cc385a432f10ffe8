import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let instance: WinkMethods | undefined;

/**
 * wink-nlp with its English model (shipped in npm, runs offline), loaded on first use: the
 * model takes a few hundred milliseconds to read, which only the first analysis pays.
 * Negation, sentiment and custom entities are left out of the pipe: the scorer does not read them.
 */
export function nlp(): WinkMethods {
  instance ??= winkNLP(model, ['sbd', 'pos', 'ner']);
  return instance;
}

/** One token of the text, with where it sits (UTF-16 offsets) and what the tagger made of it. */
export interface Token {
  value: string;
  lower: string;
  start: number;
  end: number;
  pos: string;
  lemma: string;
  /** word, number, punctuation, symbol, currency, … */
  type: string;
  /** The entity type covering the token (DATE, MONEY, CARDINAL, …), if any. */
  entity: string | null;
  /** Index of the entity covering the token, to tell adjacent entities apart. */
  entityIndex: number;
}

/** The tagger's reading of a stretch of text: its tokens and its sentences as token ranges. */
export interface Reading {
  tokens: Token[];
  /** [first, last] token index of each sentence, inclusive. */
  sentences: [number, number][];
}

/**
 * Tags `text.slice(from, to)` and places every token in `text`. The tagger keeps each token's
 * characters but not always the spaces between them, so tokens are found in order in the
 * text; one it cannot find (it never happened in testing) keeps the place of the one before.
 */
export function read(text: string, from = 0, to = text.length): Reading {
  const wink = nlp();
  const its = wink.its;
  const doc = wink.readDoc(text.slice(from, to));
  const tokens = doc.tokens();
  const values = tokens.out() as string[];
  const pos = tokens.out(its.pos) as string[];
  // The typings give `its.lemma` a narrower signature than `out` takes; it works the same.
  const lemmas = tokens.out(its.lemma as unknown as typeof its.value) as string[];
  const types = tokens.out(its.type) as string[];
  const entityTypes: (string | null)[] = new Array(values.length).fill(null);
  const entityIndex: number[] = new Array(values.length).fill(-1);
  const entities = doc.entities();
  const details = entities.out(its.detail) as unknown as { type: string }[];
  const spans = entities.out(its.span) as unknown as [number, number][];
  spans.forEach(([a, b], i) => {
    for (let k = a; k <= b; k++) {
      entityTypes[k] = details[i]!.type;
      entityIndex[k] = i;
    }
  });

  let cursor = from;
  const placed: Token[] = values.map((value, i) => {
    const at = text.indexOf(value, cursor);
    const found = at !== -1 && at < to && at - cursor <= 256;
    const start = found ? at : cursor;
    const end = found ? at + value.length : cursor;
    cursor = end;
    return {
      value,
      lower: value.toLowerCase(),
      start,
      end,
      pos: pos[i]!,
      lemma: (lemmas[i] ?? value).toLowerCase(),
      type: types[i]!,
      entity: entityTypes[i]!,
      entityIndex: entityIndex[i]!,
    };
  });
  const sentences = doc.sentences().out(its.span) as unknown as [number, number][];
  return { tokens: placed, sentences };
}
