// Counts the real argon2 checks the app makes, to prove guesses past the limit are never checked.
jest.mock('../src/auth/passwords', () => {
  const actual = jest.requireActual('../src/auth/passwords');
  return { ...actual, verifyPassword: jest.fn(actual.verifyPassword) };
});

import { verifyPassword } from '../src/auth/passwords';
import { expectError } from './support/assertions';
import { HttpClient, newUser, PASSWORD, type Reply } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

const LIMIT = 5;
const checks = jest.mocked(verifyPassword);

const tally = (replies: Reply[]) =>
  replies.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {});

describe('password checks are counted before they are made', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LOGIN_MAX_FAILURES_PER_ACCOUNT: String(LIMIT), LOGIN_MAX_FAILURES_PER_IP: '1000' });
  });
  afterAll(() => app.close());

  it('100 concurrent wrong guesses at one account: only the limit is checked, the rest are 429, and then so is the right password', async () => {
    const { email } = (await newUser(app, 'Victim')).user!;
    checks.mockClear();
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => new HttpClient(app.url).post('/api/auth/login', { email, password: `wrong guess ${i}` })),
    );
    expect(tally(replies)).toEqual({ 401: LIMIT, 429: 100 - LIMIT });
    expect(checks).toHaveBeenCalledTimes(LIMIT);

    const right = await new HttpClient(app.url).post('/api/auth/login', { email, password: PASSWORD });
    expectError(right, 429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(checks).toHaveBeenCalledTimes(LIMIT);
  });

  it('a correct password gives its attempt back: only failures use up the limit', async () => {
    const { email } = (await newUser(app, 'Typist')).user!;
    const login = (password: string) => new HttpClient(app.url).post('/api/auth/login', { email, password });
    for (let i = 0; i < LIMIT - 1; i++) expect((await login(`typo number ${i}`)).status).toBe(401);
    expect((await login(PASSWORD)).status).toBe(200);
    expect((await login('one typo more')).status).toBe(401);
    expectError(await login(PASSWORD), 429);
  });

  it('changing the password: 100 concurrent wrong current passwords, only the limit is checked, and the password stays', async () => {
    const person = await newUser(app, 'Changer');
    const before = (await app.prisma.user.findUniqueOrThrow({ where: { id: person.user!.id } })).passwordHash;
    checks.mockClear();
    const replies = await Promise.all(
      Array.from({ length: 100 }, (_, i) => person.post('/api/auth/password', { currentPassword: `wrong guess ${i}`, newPassword: 'a brand new password' })),
    );
    expect(tally(replies)).toEqual({ 400: LIMIT, 429: 100 - LIMIT });
    expect(checks).toHaveBeenCalledTimes(LIMIT);
    expectError(await person.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'a brand new password' }), 429);
    expect((await app.prisma.user.findUniqueOrThrow({ where: { id: person.user!.id } })).passwordHash).toBe(before);
    // Sign-in and password change share the account's limit.
    expectError(await new HttpClient(app.url).post('/api/auth/login', { email: person.user!.email, password: PASSWORD }), 429);
  });
});
