import { UserResponse } from '@corroborate/contracts';
import { expectError } from './support/assertions';
import { HttpClient, newUser, newWorkspace, PASSWORD, type Reply } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

/** The shape of an answer, without its values: status, body keys and types, cookie attributes. */
function shape(res: Reply) {
  const typesOf = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v]));
  const cookies = res.headers.getSetCookie();
  return {
    status: res.status,
    bodyKeys: Object.keys(res.body).sort(),
    user: typesOf(res.body.user),
    valid: UserResponse.safeParse(res.body).success,
    cookies: cookies.map((c) => {
      const [pair, ...attributes] = c.split(';').map((part) => part.trim());
      const [name, value] = pair!.split('=');
      return { name, valueLength: value!.length, attributes: attributes.map((a) => a.replace(/^(Expires)=.*$/i, '$1=…')).sort() };
    }),
  };
}

describe('sign-up does not tell whether an address has an account', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const register = (client: HttpClient, email: string, password: string, displayName = 'Newcomer', extra = {}) =>
    client.post('/api/auth/register', { email, password, displayName, ...extra });

  it('answers a taken address like a new one, with a cookie that signs nobody in, and tells the owner', async () => {
    const owner = await newUser(app, 'Owner');
    const fresh = await register(new HttpClient(app.url), `fresh.${Date.now()}@example.org`, 'some long password');
    const intruder = new HttpClient(app.url);
    const taken = await register(intruder, owner.user!.email, 'some long password', 'Impostor');

    expect(shape(taken)).toEqual(shape(fresh));
    expect(shape(taken).valid).toBe(true);
    expect(taken.body.user).toMatchObject({ email: owner.user!.email, displayName: 'Impostor' });
    expect(taken.body.user.id).not.toBe(owner.user!.id);

    expectError(await intruder.get('/api/me'), 401);
    expect(await app.prisma.user.count({ where: { email: owner.user!.email } })).toBe(1);
    expect(await app.prisma.session.count({ where: { userId: owner.user!.id } })).toBe(1);

    // The owner's password still works, and the owner has a notice (about no workspace).
    expect((await new HttpClient(app.url).post('/api/auth/login', { email: owner.user!.email, password: PASSWORD })).status).toBe(200);
    const notices = await owner.get('/api/notifications');
    expect(notices.body.unread).toBe(1);
    expect(notices.body.items).toEqual([
      expect.objectContaining({ kind: 'account.signup_attempt', workspaceId: null, actor: null, text: expect.stringContaining('your email address') }),
    ]);
    // Repeated attempts leave one unread notice, not a flood.
    await register(new HttpClient(app.url), owner.user!.email, 'another long password');
    expect((await owner.get('/api/notifications')).body.unread).toBe(1);
  });

  it('signs the owner in when the password is theirs, answering in the same shape', async () => {
    const owner = await newUser(app, 'Forgetful');
    const again = new HttpClient(app.url);
    const res = await register(again, owner.user!.email, PASSWORD, 'Forgetful again');
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ user: owner.user });
    expect((await again.get('/api/me')).body.user).toEqual(owner.user);
  });

  it('an invite that would refuse a new account refuses a taken address alike', async () => {
    const inviter = await newUser(app, 'Inviter');
    const ws = await newWorkspace(inviter);
    const invite = (await inviter.post(`/api/workspaces/${ws}/invites`, { role: 'viewer' })).body;
    await inviter.delete(`/api/workspaces/${ws}/invites/${invite.id}`);
    const owner = await newUser(app, 'Invitee');
    const forNew = await register(new HttpClient(app.url), `new.${Date.now()}@example.org`, 'some long password', 'New', { inviteToken: invite.token });
    const forTaken = await register(new HttpClient(app.url), owner.user!.email, 'some long password', 'New', { inviteToken: invite.token });
    expectError(forNew, 404);
    expect(forTaken.body).toEqual(forNew.body);
  });

  it('two sign-ups racing for one new address: one account, both answered 201', async () => {
    const email = `racer.${Date.now()}@example.org`;
    const [a, b] = await Promise.all([register(new HttpClient(app.url), email, PASSWORD), register(new HttpClient(app.url), email, PASSWORD)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(await app.prisma.user.count({ where: { email } })).toBe(1);
    expect(a.body.user.id).toBe(b.body.user.id);
  });
});

describe('sign-up is limited per client address', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ REGISTER_MAX_PER_IP: '3', REGISTER_WINDOW_MINUTES: '60' });
  });
  afterAll(() => app.close());

  it('answers 429 with Retry-After past the limit, whatever the address, and creates nothing', async () => {
    for (let i = 0; i < 3; i++) await newUser(app, `Signup ${i}`);
    const users = await app.prisma.user.count();
    const res = await new HttpClient(app.url).post('/api/auth/register', { email: 'one.more@example.org', password: PASSWORD, displayName: 'One more' });
    expectError(res, 429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(await app.prisma.user.count()).toBe(users);
  });
});
