/// <reference types="jest" />
import { DEFAULT_RATING_SCALE } from '@corroborate/contracts';
import { ApiError } from '../../lib/http';
import { evidence } from '../../test/claimFixtures';
import { uuid } from '../../test/fixtures';
import { EMPTY_VERDICT, parseVerdictDraft, refusedFields, serialiseVerdictDraft, toAdjudicationBody, toVerdictBody, verdictDraftKey } from './verdictForm';

const E1 = uuid(0x61);

describe('verdict drafts', () => {
  it('round-trips what was typed, and stores nothing for an untouched form', () => {
    const values = { rating: 'false', rationale: 'The figures say otherwise.', evidenceIds: [E1], reason: '' };
    expect(parseVerdictDraft(serialiseVerdictDraft(values))).toEqual(values);
    expect(serialiseVerdictDraft(EMPTY_VERDICT)).toBe('');
    expect(serialiseVerdictDraft({ ...EMPTY_VERDICT, rationale: '   ' })).toBe('');
  });

  it('reads damaged drafts as none, and keeps only well-typed fields', () => {
    expect(parseVerdictDraft(null)).toBeNull();
    expect(parseVerdictDraft('{oops')).toBeNull();
    expect(parseVerdictDraft('"text"')).toBeNull();
    expect(parseVerdictDraft(JSON.stringify({ rating: 3, rationale: 'ok', evidenceIds: [E1, 7] }))).toEqual({ rating: '', rationale: 'ok', evidenceIds: [E1], reason: '' });
  });

  it('keys a draft per user, article, kind and claim, in the drafts store\'s namespace (so it is pruned with them)', () => {
    const key = verdictDraftKey('u', 'a', 'c', 'verdict');
    expect(key.startsWith('corroborate.draft.v1:u:a:')).toBe(true);
    expect(key).not.toBe(verdictDraftKey('u', 'a', 'c', 'adjudication'));
  });
});

describe('toVerdictBody', () => {
  it('builds the contract body from the form', () => {
    const result = toVerdictBody({ rating: 'false', rationale: '  Wrong year. ', evidenceIds: [E1], reason: '' }, DEFAULT_RATING_SCALE);
    expect(result).toEqual({ body: { rating: 'false', rationale: 'Wrong year.', evidenceIds: [E1] } });
  });

  it('names the fields to fix: a rating off the scale, an empty rationale', () => {
    expect(toVerdictBody({ ...EMPTY_VERDICT, rating: 'satire', rationale: 'x' }, DEFAULT_RATING_SCALE)).toEqual({ errors: { rating: 'Pick a rating' } });
    expect(toVerdictBody({ ...EMPTY_VERDICT, rating: 'false', rationale: '   ' }, DEFAULT_RATING_SCALE)).toEqual({ errors: { rationale: 'is required' } });
  });

  it('asks for a reason when it replaces my verdict', () => {
    const values = { rating: 'mixed', rationale: 'New figures.', evidenceIds: [], reason: '' };
    expect(toVerdictBody(values, DEFAULT_RATING_SCALE, E1)).toEqual({ errors: { reason: expect.any(String) } });
    expect(toVerdictBody({ ...values, reason: 'The office corrected its count' }, DEFAULT_RATING_SCALE, E1)).toEqual({
      body: { rating: 'mixed', rationale: 'New figures.', evidenceIds: [], supersedes: E1, reason: 'The office corrected its count' },
    });
  });
});

describe('toAdjudicationBody', () => {
  it('sends the claim version with the final rating and rationale', () => {
    expect(toAdjudicationBody({ ...EMPTY_VERDICT, rating: 'mixed', rationale: 'Both partly right.' }, DEFAULT_RATING_SCALE, 7)).toEqual({
      body: { version: 7, rating: 'mixed', rationale: 'Both partly right.' },
    });
    expect(toAdjudicationBody({ ...EMPTY_VERDICT, rationale: 'x' }, DEFAULT_RATING_SCALE, 7)).toEqual({ errors: { rating: 'Pick the final rating' } });
  });
});

describe("the server's refusal of a verdict", () => {
  it('is shown beside the evidence list, naming the cited item it is about', () => {
    const cited = evidence({ id: E1, claimId: uuid(0x70), title: 'Audit 2021' });
    const gone = uuid(0x62);
    const error = new ApiError(400, 'VALIDATION_FAILED', 'Invalid request', [
      { path: 'evidenceIds.0', message: 'is not evidence on this claim' },
      { path: 'evidenceIds.1', message: 'is not evidence on this claim' },
      { path: 'rationale', message: 'is required' },
    ]);
    expect(refusedFields(error, ['rating', 'rationale', 'evidenceIds'], [E1, gone], [cited])).toEqual({
      evidenceIds: '“Audit 2021”: is not evidence on this claim; A cited item: is not evidence on this claim',
      rationale: 'Is required',
    });
  });
});
