import { RawJson } from './raw-json';

describe('RawJson.array', () => {
  it('joins serialised values into the JSON array of them', () => {
    const values = [{ seq: 1, body: 'a, "quoted" ] body' }, null, 'text', [1, 2]];
    const array = RawJson.array(values.map((v) => JSON.stringify(v)));
    expect(array.json).toBe(JSON.stringify(values));
    expect(array.toJSON()).toEqual(values);
  });

  it('is an empty array for no values', () => {
    expect(RawJson.array([]).json).toBe('[]');
  });
});
