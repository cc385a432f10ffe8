/// <reference types="jest" />
import { isServerUnavailable, onServerBack } from './availability';
import { describeError } from './errors';
import { http, isApiError } from './http';

const realFetch = globalThis.fetch;
/** Requests the client made, and the answers it will get, in order. */
let requests: string[] = [];
let answers: Response[] = [];

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

beforeEach(() => {
  jest.useFakeTimers();
  requests = [];
  answers = [];
  globalThis.fetch = (async (url: string) => {
    requests.push(url);
    const answer = answers.shift();
    if (!answer) throw new TypeError('fetch failed');
    return answer;
  }) as typeof fetch;
});
afterEach(() => {
  globalThis.fetch = realFetch;
  jest.useRealTimers();
});

it('marks the server unavailable on a 503, asks readiness from Retry-After on, and says when it is back', async () => {
  const back = jest.fn();
  const off = onServerBack(back);
  answers.push(json(503, { error: { code: 'UNAVAILABLE', message: 'The database is unreachable' } }, { 'Retry-After': '2' }));
  const failure = await http('/workspaces').catch((e: unknown) => e);
  expect(isApiError(failure, 'UNAVAILABLE')).toBe(true);
  expect(describeError(failure).title).toBe('Reconnecting…');
  expect(isServerUnavailable()).toBe(true);

  // Not before the server's hint; then readiness is asked until it answers 200.
  await jest.advanceTimersByTimeAsync(1_900);
  expect(requests).toEqual(['/api/workspaces']);
  answers.push(json(503, { error: { code: 'UNAVAILABLE', message: 'not yet' } }));
  await jest.advanceTimersByTimeAsync(100);
  expect(requests).toEqual(['/api/workspaces', '/api/health/ready']);
  expect(isServerUnavailable()).toBe(true);
  expect(back).not.toHaveBeenCalled();

  // No answer at all counts as not back either; the wait doubles.
  await jest.advanceTimersByTimeAsync(4_000);
  expect(requests).toHaveLength(3);
  expect(isServerUnavailable()).toBe(true);

  answers.push(json(200, { status: 'ok' }));
  await jest.advanceTimersByTimeAsync(8_000);
  expect(requests.at(-1)).toBe('/api/health/ready');
  expect(isServerUnavailable()).toBe(false);
  expect(back).toHaveBeenCalledTimes(1);

  // Back for good: nothing polls any more.
  await jest.advanceTimersByTimeAsync(60_000);
  expect(requests).toHaveLength(4);
  off();
});

it('leaves the server available on other errors', async () => {
  answers.push(json(500, { error: { code: 'INTERNAL', message: 'Something went wrong on our side' } }));
  const failure = await http('/workspaces').catch((e: unknown) => e);
  expect(isApiError(failure, 'INTERNAL')).toBe(true);
  expect(isServerUnavailable()).toBe(false);
  await jest.advanceTimersByTimeAsync(30_000);
  expect(requests).toEqual(['/api/workspaces']);
});
