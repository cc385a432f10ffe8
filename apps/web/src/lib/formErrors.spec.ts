/// <reference types="jest" />
import { serverFieldErrors } from './formErrors';
import { ApiError } from './http';

const refusal = (...details: { path: string; message: string }[]) => new ApiError(400, 'VALIDATION_FAILED', 'Invalid request', details);

describe('serverFieldErrors', () => {
  it('shows an error about an item of a list beside the list, saying which item', () => {
    const error = refusal({ path: 'evidenceIds.1', message: 'is not evidence on this claim' });
    expect(serverFieldErrors(error, ['rationale', 'evidenceIds'])).toEqual({ evidenceIds: 'Item 2: is not evidence on this claim' });
  });

  it("names the item as the form does, and lists every wrong item once", () => {
    const error = refusal(
      { path: 'body.evidenceIds.0', message: 'is not evidence on this claim' },
      { path: 'evidenceIds.2', message: 'is not evidence on this claim' },
      { path: 'evidenceIds.2', message: 'is not evidence on this claim' },
    );
    const names = ['“Audit 2021”', undefined, '“Council minutes”'];
    expect(serverFieldErrors(error, ['evidenceIds'], {}, (_field, index) => names[index])).toEqual({
      evidenceIds: '“Audit 2021”: is not evidence on this claim; “Council minutes”: is not evidence on this claim',
    });
  });

  it('goes up to the nearest field the form has, keeping what the rest of the path names', () => {
    const error = refusal({ path: 'spans.1.start', message: 'must be a whole number' }, { path: 'note', message: 'is too long' });
    expect(serverFieldErrors(error, ['spans', 'note'])).toEqual({ spans: 'Item 2, start: must be a whole number', note: 'Is too long' });
  });

  it('leaves out what the form does not show, and keeps the first message of a plain field', () => {
    const error = refusal({ path: 'title', message: 'is required' }, { path: 'title', message: 'is too short' }, { path: 'tags.0', message: 'is too long' });
    expect(serverFieldErrors(error, ['title'])).toEqual({ title: 'Is required' });
    expect(serverFieldErrors(new Error('offline'), ['title'])).toEqual({});
  });
});
