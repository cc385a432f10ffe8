import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Annotation } from '@corroborate/contracts';
import pino from 'pino';
import { seedDemoIfWanted } from '../src/demo/demo-seed';
import { HttpClient } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

const SEED = path.resolve(__dirname, '../../../prisma/seed');
const demo = JSON.parse(fs.readFileSync(path.join(SEED, 'demo.json'), 'utf8'));
const log = pino({ level: 'silent' });

describe('demo workspace seed', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('seeds users of every role and the article with its text intact, once', async () => {
    const credentials = await seedDemoIfWanted(app.app, 'auto', log);
    expect(credentials?.users.map((u) => u.role)).toEqual(['owner', 'editor', 'analyst', 'reviewer', 'viewer']);

    const viewer = new HttpClient(app.url);
    const login = await viewer.post('/api/auth/login', { email: 'viewer@demo.corroborate.test', password: credentials!.password });
    expect(login.status).toBe(200);
    const me = await viewer.get('/api/me');
    expect(me.body.workspaces).toEqual([expect.objectContaining({ name: demo.workspace, role: 'viewer' })]);

    const [article] = (await viewer.get(`/api/workspaces/${me.body.workspaces[0].id}/articles`)).body;
    const full = (await viewer.get(`/api/articles/${article.id}`)).body;
    const expected = fs.readFileSync(path.join(SEED, demo.article.file), 'utf8').replace(/\r\n?/g, '\n');
    expect(full.revision.text).toBe(expected);
    expect(full.revision.sha256).toBe(createHash('sha256').update(expected).digest('hex'));
    expect(full.title).toBe(demo.article.title);

    // Its threads are anchored where their quotes are, with one log event each, in order.
    const notes: Annotation[] = (await viewer.get(`/api/articles/${article.id}/annotations`)).body;
    const roots = notes.filter((a) => !a.replyTo);
    expect(roots.map((a) => a.target.selector[0].exact).sort()).toEqual(demo.annotations.map((t: { quote: string }) => t.quote).sort());
    for (const a of notes) {
      const [quote, position] = a.target.selector;
      expect(full.revision.text.slice(position.start, position.end)).toBe(quote.exact);
    }
    const replies = notes.filter((a) => a.replyTo);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => roots.some((root) => root.id === r.replyTo))).toBe(true);
    expect(roots.some((a) => a.resolved)).toBe(true);
    const events = (await viewer.get(`/api/articles/${article.id}/events?after=0`)).body as { seq: number; type: string; data: { id: string } }[];
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const annotationEvents = events.filter((e) => e.type === 'annotation.created');
    expect(annotationEvents.map((e) => e.seq)).toEqual(notes.map((_, i) => i + 1));
    expect(annotationEvents.map((e) => e.data.id).sort()).toEqual(notes.map((a) => a.id).sort());
    expect((await app.prisma.article.findUniqueOrThrow({ where: { id: article.id } })).lastSeq).toBe(events.length);

    // Its claims went through the desk's workflow: one open, one being worked on, one awaiting a second verdict, one resolved, one disputed.
    const claims = (await viewer.get(`/api/articles/${article.id}/claims`)).body as { statement: string; status: string; rating: string | null; evidenceIds: string[] }[];
    expect(claims.map((c) => c.statement).sort()).toEqual(demo.claims.map((c: { statement: string }) => c.statement).sort());
    expect(claims.map((c) => c.status).sort()).toEqual(['disputed', 'in_progress', 'in_review', 'open', 'resolved']);
    expect(claims.find((c) => c.status === 'resolved')?.rating).toBe('true');
    expect(claims.some((c) => c.evidenceIds.length > 1)).toBe(true);
    const priya = new HttpClient(app.url);
    await priya.post('/api/auth/login', { email: 'analyst@demo.corroborate.test', password: credentials!.password });
    expect((await priya.get('/api/notifications')).body.items.some((n: { kind: string }) => n.kind === 'mention')).toBe(true);

    // A second start finds it and seeds nothing more.
    await seedDemoIfWanted(app.app, 'auto', log);
    expect(await app.prisma.workspace.count()).toBe(1);
    expect(await app.prisma.article.count()).toBe(1);
    expect(await app.prisma.annotation.count()).toBe(notes.length);
    expect(await app.prisma.claim.count()).toBe(demo.claims.length);
  });

  it('leaves a database with other users alone in auto mode', async () => {
    const other = await startTestApp();
    try {
      await new HttpClient(other.url).post('/api/auth/register', { email: 'someone@example.org', password: 'long enough pass', displayName: 'Someone' });
      expect(await seedDemoIfWanted(other.app, 'auto', log)).toBeNull();
      expect(await other.prisma.workspace.count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
