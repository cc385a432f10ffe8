import { sourceKey } from './source-key';

describe('sourceKey', () => {
  it('records a page by its origin and path, whatever the scheme, www, case, query or fragment', () => {
    const a = sourceKey({ url: 'https://www.Example.org/news/story/?utm_source=x#top' });
    const b = sourceKey({ url: 'http://example.org/news/story' });
    expect(a).toEqual({ key: 'example.org/news/story', outlet: 'example.org', url: 'https://www.example.org/news/story', publisher: null });
    expect(b!.key).toBe(a!.key);
  });

  it('keeps different pages of one site apart, under one outlet', () => {
    const a = sourceKey({ url: 'https://example.org/a' })!;
    const b = sourceKey({ url: 'https://example.org/b' })!;
    expect(a.key).not.toBe(b.key);
    expect(a.outlet).toBe(b.outlet);
  });

  it('falls back to the publisher, then to nothing', () => {
    expect(sourceKey({ publisher: '  Reuters  ' })).toEqual({ key: 'publisher:reuters', outlet: 'Reuters', url: null, publisher: 'Reuters' });
    expect(sourceKey({})).toBeNull();
  });
});
