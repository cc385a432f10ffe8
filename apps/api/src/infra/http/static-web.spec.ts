import { preloadLinks } from './static-web';

const ID = '3be238e1-87b7-4f81-9dfb-a72d62af0c27';
const signedIn = (path: string) => ({ path, cookies: { cb_session: 'secret' } });
const link = (url: string) => `<${url}>; rel=preload; as=fetch; crossorigin=anonymous`;
const everyPage = [link('/api/me')];

describe('preloadLinks', () => {
  it('preloads the session for a signed-in page, and the reader view on an article', () => {
    expect(preloadLinks(signedIn('/w/abc'), 'cb_session')).toEqual(everyPage);
    expect(preloadLinks(signedIn(`/articles/${ID}`), 'cb_session')).toEqual([...everyPage, link(`/api/articles/${ID}/reader`)]);
    // The claim panel opens inside the reader.
    expect(preloadLinks(signedIn(`/articles/${ID.toUpperCase()}/claims/x`), 'cb_session').slice(1)).toEqual([link(`/api/articles/${ID}/reader`)]);
  });

  it('preloads the reader view for the claims board too', () => {
    expect(preloadLinks(signedIn(`/articles/${ID}/board`), 'cb_session').slice(1)).toEqual([link(`/api/articles/${ID}/reader`)]);
    expect(preloadLinks(signedIn(`/articles/${ID}/board/`), 'cb_session').slice(1)).toEqual([link(`/api/articles/${ID}/reader`)]);
  });

  it('preloads no article data for other article pages or a malformed id', () => {
    for (const path of [`/articles/${ID}/report`, `/articles/${ID}/board/x`, '/articles/not-an-id', `/articles/${ID}>;rel=x`]) {
      expect(preloadLinks(signedIn(path), 'cb_session')).toEqual(everyPage);
    }
  });

  it('preloads nothing without a session cookie', () => {
    expect(preloadLinks({ path: `/articles/${ID}`, cookies: {} }, 'cb_session')).toEqual([]);
    expect(preloadLinks({ path: `/articles/${ID}`, cookies: { other: 'x' } }, 'cb_session')).toEqual([]);
  });
});
