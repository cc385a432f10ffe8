/// <reference types="jest" />
import { evidence } from '../../test/claimFixtures';
import { uuid } from '../../test/fixtures';
import { EMPTY_EVIDENCE, evidenceText, toCreateBody, toUpdateFields, untouchedEvidence, validateEvidence, valuesOf } from './evidenceForm';

describe('evidence form', () => {
  it('leaves empty fields out of a new item', () => {
    expect(toCreateBody({ ...EMPTY_EVIDENCE, url: ' https://example.org/a ', title: '  ' })).toEqual({
      kind: 'url',
      stance: 'supports',
      reliability: 'unknown',
      url: 'https://example.org/a',
    });
  });

  it('names what each kind is missing, and refuses addresses that are not web pages', () => {
    expect(validateEvidence(EMPTY_EVIDENCE)).toEqual({ url: 'Is required for a url' });
    expect(validateEvidence({ ...EMPTY_EVIDENCE, url: 'javascript:alert(1)' })).toEqual({ url: 'Must be an http or https address' });
    expect(validateEvidence({ ...EMPTY_EVIDENCE, kind: 'quote' })).toEqual({ excerpt: 'Is required for a quote' });
    expect(validateEvidence({ ...EMPTY_EVIDENCE, kind: 'quote', excerpt: 'said so' })).toEqual({});
  });

  it('sends only what changed, clearing emptied fields', () => {
    const before = evidence({ id: uuid(1), claimId: uuid(2), title: 'Report', stance: 'supports' });
    expect(toUpdateFields({ ...valuesOf(before), title: '', stance: 'refutes' }, before)).toEqual({ title: null, stance: 'refutes' });
    expect(toUpdateFields(valuesOf(before), before)).toEqual({});
  });

  it('tells a form holding nothing new from one with typing worth keeping, and reads kept values as text', () => {
    const before = valuesOf(evidence({ id: uuid(1), claimId: uuid(2), title: 'Report' }));
    expect(untouchedEvidence(EMPTY_EVIDENCE, EMPTY_EVIDENCE)).toBe(true);
    expect(untouchedEvidence({ ...EMPTY_EVIDENCE, stance: 'refutes' }, EMPTY_EVIDENCE)).toBe(true);
    expect(untouchedEvidence(before, before)).toBe(true);
    expect(untouchedEvidence({ ...before, note: 'Seen in print' }, before)).toBe(false);
    expect(evidenceText({ ...EMPTY_EVIDENCE, title: ' Report ', note: 'p. 4' })).toBe('Title: Report\nNote: p. 4');
  });
});
