import { AppError } from '../errors/app-error';
import { MAX_JSON_DEPTH, MAX_JSON_VALUES, parseJsonBody } from './json-body';

const refusal = (raw: string) => {
  try {
    parseJsonBody(raw);
  } catch (error) {
    return error instanceof AppError ? { status: error.status, message: error.message, details: error.details } : error;
  }
  return null;
};

describe('parseJsonBody', () => {
  it('parses what JSON.parse parses, an empty body as {}', () => {
    const body = { a: [1, { b: 'x"y\\\\', c: null }], d: '[[[{{{,,,' };
    expect(parseJsonBody(JSON.stringify(body))).toEqual(body);
    expect(parseJsonBody('')).toEqual({});
  });

  it('refuses nesting past the limit before parsing, naming the body', () => {
    const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(parseJsonBody(nested(MAX_JSON_DEPTH))).toBeDefined();
    expect(refusal(nested(MAX_JSON_DEPTH + 1))).toEqual({
      status: 400,
      message: `Request body nests more than ${MAX_JSON_DEPTH} levels deep`,
      details: [{ path: 'body', message: `nests more than ${MAX_JSON_DEPTH} levels deep` }],
    });
    expect(refusal('['.repeat(1_000_000))).toMatchObject({ status: 400, message: expect.stringMatching(/nests more than/) });
  });

  it('refuses more values than any body holds', () => {
    const values = (n: number) => `[${Array(n).fill('0').join(',')}]`;
    expect(parseJsonBody(values(MAX_JSON_VALUES - 1))).toHaveLength(MAX_JSON_VALUES - 1);
    expect(refusal(values(MAX_JSON_VALUES + 1))).toMatchObject({ status: 400, message: `Request body holds more than ${MAX_JSON_VALUES} values` });
  });

  it('does not count brackets and commas inside strings, escaped quotes and backslashes included', () => {
    const text = '\\"[{,'.repeat(50_000) + '\\\\';
    expect(parseJsonBody(JSON.stringify({ text }))).toEqual({ text });
  });

  it('answers malformed JSON and unstorable text with 400', () => {
    expect(refusal('{"a": ')).toMatchObject({ status: 400, message: 'Request body is not valid JSON' });
    expect(refusal('{"a": "unterminated')).toMatchObject({ status: 400, message: 'Request body is not valid JSON' });
    expect(refusal('{"note": {"text": "a\\u0000b"}}')).toMatchObject({ status: 400, details: [{ path: 'note.text' }] });
    expect(refusal('{"x": "\\ud800"}')).toMatchObject({ status: 400, details: [{ path: 'x' }] });
  });
});
