import { AuthService } from '../src/auth/auth.service';
import { type Attempt, LoginLimiterService } from '../src/auth/login-limiter.service';
import { SessionsService } from '../src/auth/sessions.service';
import { Prisma } from '../src/generated/prisma/client';
import { expectError } from './support/assertions';
import { HttpClient, newUser, PASSWORD } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

const NEW_PASSWORD = 'a brand new long password';

/** A promise with its resolve at hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * A password change against sign-ins and other changes that checked the old password before it
 * and write after it. Each test holds one request at a chosen point (by wrapping a method of the
 * app's own services) so the interleaving is forced, not hoped for.
 */
describe('password change racing a sign-in with the old password', () => {
  let app: TestApp;
  let auth: AuthService;
  let sessions: SessionsService;
  let limiter: LoginLimiterService;
  beforeAll(async () => {
    app = await startTestApp();
    auth = app.app.get(AuthService);
    sessions = app.app.get(SessionsService);
    limiter = app.app.get(LoginLimiterService);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => app.close());

  /** Holds the next sign-in after its password check, until `release`; `checked` once it is held. */
  function holdNextSignIn() {
    const checked = deferred();
    const release = deferred();
    const signIn = (auth as any).signIn.bind(auth);
    jest.spyOn(auth as any, 'signIn').mockImplementationOnce(async (...args: unknown[]) => {
      checked.resolve();
      await release.promise;
      return signIn(...args);
    });
    return { checked: checked.promise, release: release.resolve };
  }

  const openSessions = (userId: string) => app.prisma.session.count({ where: { userId, revokedAt: null } });

  const signInAs = (client: HttpClient, how: 'login' | 'register', email: string) =>
    how === 'login'
      ? client.post('/api/auth/login', { email, password: PASSWORD })
      : client.post('/api/auth/register', { email, password: PASSWORD, displayName: 'Intruder' });

  it.each(['login', 'register'] as const)(
    'a %s that checked the old password and writes its session after the change committed gets no session',
    async (how) => {
      const owner = await newUser(app, 'Owner');
      const intruder = new HttpClient(app.url);
      const held = holdNextSignIn();
      const signingIn = signInAs(intruder, how, owner.user!.email);
      await held.checked;
      const changed = await owner.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
      expect(changed.status).toBe(200);
      held.release();
      const res = await signingIn;

      // Whatever it answered, nothing signed in with the old password outlives the change.
      expect((await intruder.get('/api/me')).status).toBe(401);
      expect(await openSessions(owner.user!.id)).toBe(1);
      if (how === 'login') {
        expectError(res, 401);
        expect(res.body.error.message).toBe('Email or password is incorrect');
      } else {
        // A sign-up answers as for any taken address: a look-alike account that authenticates nothing.
        expect(res.status).toBe(201);
        expect(res.body.user.id).not.toBe(owner.user!.id);
      }
      expect((await owner.get('/api/me')).status).toBe(200);
    },
  );

  it('a sign-in whose transaction starts while the change is revoking waits for it, then is refused', async () => {
    const owner = await newUser(app, 'Owner');
    const intruder = new HttpClient(app.url);
    const held = holdNextSignIn();
    let settled = false;
    const waitingOnLock = async () => {
      const [row] = await app.prisma.$queryRaw<{ n: number }[]>(
        Prisma.sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return row!.n > 0;
    };
    // The interleaving: the sign-in checks the old password and is held; the change updates the
    // hash and lists and revokes the open sessions (none of the intruder's yet); only then, with
    // the change's transaction still open, the sign-in goes on to write its session. Unlocked, it
    // commits a session the revoke never saw; locked, it waits for the change's commit and then
    // finds the new hash. The change commits once the sign-in is done or waiting on a lock.
    const revokeAllFor = sessions.revokeAllFor.bind(sessions);
    jest.spyOn(sessions, 'revokeAllFor').mockImplementationOnce(async (...args) => {
      const ids = await revokeAllFor(...args);
      held.release();
      while (!settled && !(await waitingOnLock())) await new Promise((r) => setTimeout(r, 20));
      return ids;
    });

    const signingIn = signInAs(intruder, 'login', owner.user!.email);
    void signingIn.then(
      () => (settled = true),
      () => (settled = true),
    );
    await held.checked;
    const changed = await owner.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    const res = await signingIn;

    expect((await intruder.get('/api/me')).status).toBe(401);
    expect(await openSessions(owner.user!.id)).toBe(1);
    expectError(res, 401);
    expect(res.body.error.message).toBe('Email or password is incorrect');
  });

  it('a change that checked the old password after another change committed is refused (409), and the other password stays', async () => {
    const tab1 = await newUser(app, 'Owner');
    const tab2 = new HttpClient(app.url);
    expect((await tab2.post('/api/auth/login', { email: tab1.user!.email, password: PASSWORD })).status).toBe(200);
    // Hold tab1's change right after its current password checked out.
    const checked = deferred();
    const release = deferred();
    const reserve = limiter.reserve.bind(limiter);
    jest.spyOn(limiter, 'reserve').mockImplementationOnce(async (...args): Promise<Attempt> => {
      const attempt = await reserve(...args);
      return {
        succeeded: async () => {
          await attempt.succeeded();
          checked.resolve();
          await release.promise;
        },
      };
    });
    const first = tab1.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'the first new password' });
    await checked.promise;
    const second = await tab2.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: NEW_PASSWORD });
    expect(second.status).toBe(200);
    release.resolve();

    expectError(await first, 409);
    const signIn = (password: string) => new HttpClient(app.url).post('/api/auth/login', { email: tab1.user!.email, password });
    expect((await signIn('the first new password')).status).toBe(401);
    expect((await signIn(NEW_PASSWORD)).status).toBe(200);
  });
});
