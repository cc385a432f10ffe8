import { createHash } from 'node:crypto';
import http from 'node:http';
import { ErrorBody, MAX_ARTICLE_CHARS } from '@corroborate/contracts';
import { RevisionTexts } from '../src/annotations/revision-texts';
import { CLAIMS_ARTICLE, claimOn, newClaim } from './support/claims';
import { HttpClient, newMember, newUser, newWorkspace, type Reply } from './support/http-client';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * No single request may stall the event loop: each known pathological body, and variants of it
 * whose length doubles from 1 KB up to the body limit, is sent while `/api/health` is polled,
 * and every health round trip must come back within HEALTH_LIMIT_MS. The app runs in this
 * process, so a stall of its event loop shows in the round trips measured here. This checks
 * that the server stays available, not how fast anything is.
 */
const HEALTH_LIMIT_MS = 200;
const BODY_LIMIT = 2 * 1024 * 1024;
/** Doubling from 1 KB to the body limit, and the largest article body accepted. */
const SIZES = [...Array.from({ length: 12 }, (_, i) => 1024 * 2 ** i), MAX_ARTICLE_CHARS].sort((a, b) => a - b);
/** Each step may convert half a megabyte on the worker pool a few times over. */
const STEP_TIMEOUT = 240_000;

interface Watched<T> {
  result: T;
  /** Every health round trip made meanwhile, in milliseconds. */
  health: number[];
}

/** One connection kept open, and node:http rather than fetch: the poller itself should cost this process little. */
const healthAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const healthStatus = (app: TestApp) =>
  new Promise<number>((resolve, reject) => {
    http
      .get(`${app.url}/api/health`, { agent: healthAgent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });

/** Runs `work` while polling health one request after another; at least one round trip is always measured. */
async function watchHealth<T>(app: TestApp, work: () => Promise<T>): Promise<Watched<T>> {
  const health: number[] = [];
  const failures: string[] = [];
  let done = false;
  const poller = (async () => {
    do {
      const started = performance.now();
      const status = await healthStatus(app);
      health.push(performance.now() - started);
      if (status !== 200) failures.push(`health answered ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    } while (!done);
  })();
  try {
    return { result: await work(), health };
  } finally {
    done = true;
    await poller;
    expect(failures).toEqual([]);
  }
}

/** Whether a reply is a sensible answer: one of `statuses`, and for an error the one error shape with a message. */
function verdict(label: string, reply: Reply, statuses: number[]): string[] {
  const problems: string[] = [];
  if (!statuses.includes(reply.status)) problems.push(`${label}: answered ${reply.status} (${JSON.stringify(reply.body).slice(0, 200)}), expected one of ${statuses.join(', ')}`);
  if (reply.status >= 400) {
    const parsed = ErrorBody.safeParse(reply.body);
    if (!parsed.success || !parsed.data.error.message.trim()) problems.push(`${label}: error without the error shape or a message`);
  }
  return problems;
}

/** Sends one request under watch and returns what went wrong: a bad answer, or a health round trip over the limit. */
async function probe(app: TestApp, label: string, send: () => Promise<Reply>, statuses: (reply: Reply) => number[]): Promise<{ problems: string[]; reply: Reply }> {
  const { result: reply, health } = await watchHealth(app, send);
  const worst = Math.max(...health);
  const problems = verdict(label, reply, statuses(reply));
  if (worst > HEALTH_LIMIT_MS) problems.push(`${label}: health took ${Math.round(worst)} ms (${health.length} round trips)`);
  return { problems, reply };
}

/** A JSON body of about `size` bytes: `make(n)` for the largest n that fits, as estimated from two trials. */
function sized(size: number, make: (n: number) => string): string {
  const overhead = make(0).length;
  const perUnit = make(1_000).length - overhead;
  return make(Math.max(0, Math.floor(((size - overhead) * 1_000) / perUnit)));
}

/** The status an import of `content` should get: 413 past the body limit, 400 past the text limit, else created. */
const importStatuses = (body: string, content: string) => (reply: Reply) => {
  if (Buffer.byteLength(body) > BODY_LIMIT) return [413];
  if (content.length > MAX_ARTICLE_CHARS) return [400];
  // Conversion may run out of time on a slow machine: a 413 saying so is a sensible answer.
  return reply.status === 413 && /took longer than/.test(reply.body?.error?.message) ? [413] : [201];
};

/**
 * GETs `url` and answers the last 100 kB of its body as text. The bytes are kept as they
 * arrive and only the tail is decoded at the end: decoding and joining megabytes here, in the
 * app's own process, would stall the loop being watched.
 */
const TAIL_BYTES = 100_000;
const tailOf = (url: string, cookie?: string) =>
  new Promise<Reply>((resolve, reject) => {
    http
      .get(url, { headers: cookie ? { cookie } : {} }, (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          kept += chunk.length;
          while (kept - chunks[0]!.length >= TAIL_BYTES) kept -= chunks.shift()!.length;
        });
        // A character cut at the tail's start decodes as U+FFFD: only the end is checked.
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).subarray(-TAIL_BYTES).toString('utf8'), headers: new Headers() }));
      })
      .on('error', reject);
  });

let app: TestApp;
let owner: HttpClient;
let analyst: HttpClient;
let outsider: HttpClient;
let workspaceId: string;

beforeAll(async () => {
  app = await startTestApp();
  expect(app.config.BODY_LIMIT).toBe('2mb');
  owner = await newUser(app, 'Owner');
  workspaceId = await newWorkspace(owner, 'Stall desk');
  analyst = await newMember(app, owner, workspaceId, 'analyst');
  outsider = await newUser(app, 'Outsider');
  await newWorkspace(outsider, 'Elsewhere');
});
afterAll(async () => {
  healthAgent.destroy();
  await app.close();
});

describe('imports of pathological documents keep the server available', () => {
  // Each with the size at which it stalled the server before: 80 KB took 21 s, 49,000 cells 16 s, 40,000 rows 12.7 s.
  const shapes: [string, 'text' | 'html' | 'markdown', (n: number) => string, number][] = [
    ['"x\\n" then spaces', 'text', (n) => 'x\n' + ' '.repeat(n), 80_000],
    ['one HTML table row of many cells', 'html', (n) => '<table><tr>' + '<td>a</td>'.repeat(n) + '</tr></table>', 49_000],
    ['a Markdown table of many rows', 'markdown', (n) => '|a|b|\n|-|-|\n' + '|x|y|\n'.repeat(n), 40_000],
  ];

  it.each(shapes)('%s, 1 KB to the body limit', async (_, field, content, known) => {
    const bodies = SIZES.map((size) => {
      let sent = '';
      const body = sized(size, (n) => JSON.stringify({ title: 'Shape', [field]: (sent = content(n)) }));
      return { label: `${size} bytes`, body, sent };
    });
    const sent = content(known);
    bodies.push({ label: `the known shape (${known})`, body: JSON.stringify({ title: 'Shape', [field]: sent }), sent });
    for (const { label, body, sent } of bodies) {
      const { problems } = await probe(app, label, () => owner.request('POST', `/api/workspaces/${workspaceId}/articles`, body), importStatuses(body, sent));
      expect(problems).toEqual([]);
    }
  }, STEP_TIMEOUT);

  it('the same "x\\n" shape as a revision', async () => {
    const article = await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Revised', text: 'First version.' });
    expect(article.status).toBe(201);
    for (const size of SIZES) {
      let sent = '';
      const body = sized(size, (n) => JSON.stringify({ text: (sent = 'x\n' + ' '.repeat(n)) }));
      const text = sent;
      const { problems } = await probe(app, `${size} bytes`, () => owner.request('POST', `/api/articles/${article.body.id}/revisions`, body), importStatuses(body, text));
      expect(problems).toEqual([]);
    }
  }, STEP_TIMEOUT);
});

describe('annotations with a long quote on repetitive text keep the server available', () => {
  const texts: [string, string][] = [
    ['"ab" repeated', 'ab'.repeat(MAX_ARTICLE_CHARS / 2)],
    ['runs of "a" between "b"s', ('a'.repeat(9_999) + 'b').repeat(MAX_ARTICLE_CHARS / 10_000)],
  ];

  it.each(texts)('on %s, by a member and by a non-member', async (_, text) => {
    const article = await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Repetitive', text });
    expect(article.status).toBe(201);
    const path = `/api/articles/${article.body.id}/annotations`;
    // The analyst has read the article, so the create may take its one-statement path.
    expect((await analyst.get(`/api/articles/${article.body.id}`)).status).toBe(200);
    const unit = text.slice(0, 2);
    // Reading the article's text is where work on a quote begins.
    const readText = jest.spyOn(app.app.get(RevisionTexts), 'get');
    try {
      for (const size of SIZES) {
        let exact = '';
        const body = sized(size, (n) =>
          JSON.stringify({
            motivation: 'highlighting',
            // The quote occurs all over the text; the prefix occurs nowhere.
            target: { selector: [{ type: 'TextQuoteSelector', exact: (exact = unit.repeat(Math.max(1, n))), prefix: 'zz', suffix: '' }] },
          }),
        );
        const tooBig = Buffer.byteLength(body) > BODY_LIMIT;
        const invalid = exact.length > 20_000;
        const member = await probe(app, `member, ${size} bytes`, () => analyst.request('POST', path, body), () => [tooBig ? 413 : 400]);
        if (!tooBig && !invalid) expect(member.reply.body.error.message).toMatch(/quote does not occur/);
        readText.mockClear();
        const stranger = await probe(app, `non-member, ${size} bytes`, () => outsider.request('POST', path, body), () => [tooBig ? 413 : invalid ? 400 : 404]);
        // A non-member is turned away before any work on the quote.
        expect(readText).not.toHaveBeenCalled();
        expect([...member.problems, ...stranger.problems]).toEqual([]);
      }
    } finally {
      readText.mockRestore();
    }
  }, STEP_TIMEOUT);
});

describe('deeply nested JSON keeps the server available', () => {
  const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);

  it('to sign-in, which is open to anyone, is refused by its small body limit', async () => {
    const anonymous = new HttpClient(app.url);
    for (const size of SIZES) {
      const body = sized(size, nested);
      const { problems, reply } = await probe(app, `${size} bytes`, () => anonymous.request('POST', '/api/auth/login', body), () => [size > 16 * 1024 ? 413 : 400]);
      expect(problems).toEqual([]);
      if (reply.status === 413) expect(reply.body.error.message).toMatch(/larger than 16kb/);
    }
  }, STEP_TIMEOUT);

  it('to a signed-in route, is refused by its depth before it is parsed', async () => {
    for (const size of SIZES) {
      const body = sized(size, nested);
      const { problems } = await probe(app, `${size} bytes`, () => owner.request('POST', '/api/workspaces', body), () => [Buffer.byteLength(body) > BODY_LIMIT ? 413 : 400]);
      expect(problems).toEqual([]);
    }
  }, STEP_TIMEOUT);
});

describe('re-anchoring on repetitive text keeps the server available', () => {
  it('moves a long highlight onto a revision where it matches approximately everywhere', async () => {
    for (const size of SIZES.filter((s) => s <= MAX_ARTICLE_CHARS)) {
      const half = 'a'.repeat(size / 2 - 1);
      const quote = Math.min(1_500, half.length);
      const { problems } = await probe(
        app,
        `${size} characters`,
        async () => {
          const article = await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Runs', text: half + 'b' + half });
          expect(article.status).toBe(201);
          // The highlight ends at the one "b"; the revision changes that letter.
          const start = half.length + 1 - quote;
          const annotation = await owner.post(`/api/articles/${article.body.id}/annotations`, {
            motivation: 'highlighting',
            target: { selector: [{ type: 'TextPositionSelector', start, end: start + quote }] },
          });
          expect(annotation.status).toBe(201);
          const revision = await owner.post(`/api/articles/${article.body.id}/revisions`, { text: half + 'c' + half });
          if (revision.status === 201) expect(revision.body.anchors).toHaveLength(1);
          return revision;
        },
        () => [201],
      );
      expect(problems).toEqual([]);
    }
  }, STEP_TIMEOUT);
});

describe('bodies are read once the caller is known', () => {
  it('answers a 2 MB body with a bad credential with 401, without reading it', async () => {
    // Not even valid JSON: read first, it would be a 400.
    const body = `{"name": "${'x'.repeat(BODY_LIMIT - 100)}`;
    const forged = new HttpClient(app.url);
    forged.cookie = 'cb_session=cbs_forged';
    const { problems, reply } = await probe(app, 'forged session', () => forged.request('POST', '/api/workspaces', body), () => [401]);
    expect(problems).toEqual([]);
    expect(reply.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('gives routes open to anyone the small limit, whoever asks, and signed-in routes the full one', async () => {
    const register = JSON.stringify({ email: 'big@example.org', password: 'x'.repeat(17 * 1024), displayName: 'Big' });
    for (const client of [new HttpClient(app.url), owner]) {
      const res = await client.request('POST', '/api/auth/register', register);
      expect(res.status).toBe(413);
      expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/larger than 16kb/) });
    }
    const text = 'A paragraph of an article. '.repeat(4_000);
    expect((await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Over 16 KB', text })).status).toBe(201);
  });
});

describe('a conversion that runs past the time limit', () => {
  let limited: TestApp;
  let editor: HttpClient;
  let desk: string;

  beforeAll(async () => {
    limited = await startTestApp({ WORKER_TIME_LIMIT_MS: '500', WORKER_THREADS: '1' });
    editor = await newUser(limited, 'Editor');
    desk = await newWorkspace(editor);
  });
  afterAll(() => limited.close());

  it('is stopped and answered with 413 naming the field, and the pool goes on with the next', async () => {
    const markdown = '|a|b|\n|-|-|\n' + '|x|y|\n'.repeat(60_000);
    const { problems, reply } = await probe(
      limited,
      'Markdown table under a 0.5 s limit',
      () => editor.post(`/api/workspaces/${desk}/articles`, { title: 'Too slow', markdown }),
      () => [413],
    );
    expect(problems).toEqual([]);
    expect(reply.body.error).toEqual({
      code: 'PAYLOAD_TOO_LARGE',
      message: 'markdown: converting it to text took longer than 0.5 s; send a shorter or simpler document',
      details: [{ path: 'markdown', message: 'converting it to text took longer than 0.5 s; send a shorter or simpler document' }],
    });
    const articles = (await editor.get(`/api/workspaces/${desk}/articles`)).body as unknown[];
    expect(articles).toEqual([]);
    const small = await editor.post(`/api/workspaces/${desk}/articles`, { title: 'Small', markdown: '# Fine\n\nQuick to convert.' });
    expect(small.status).toBe(201);
    expect(small.body.revision.text).toBe('Fine\n\nQuick to convert.');
  });
});

describe('published reports are read off the event loop', () => {
  it('opens a share link to a report of many megabytes, anyone may ask, while health stays quick', async () => {
    const article = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Large report', text: CLAIMS_ARTICLE })).body;
    await newClaim(owner, article.id, claimOn(article.revision.text, 'nitrate levels fell by 42 percent'));
    const snapshot = (await owner.post(`/api/articles/${article.id}/reports`, { includeUnresolved: true })).body;
    // Grown to what a desk's largest article could publish: 8,000 claims, about 16 MB.
    const row = await app.prisma.reportSnapshot.findUniqueOrThrow({ where: { id: snapshot.id } });
    const report = JSON.parse(row.data) as { claims: { statement: string }[] };
    const [claim] = report.claims;
    report.claims = Array.from({ length: 8_000 }, (_, i) => ({ ...claim!, statement: `${i}: ${'The river is cleaner than ever. '.repeat(64)}` }));
    const data = JSON.stringify(report);
    expect(data.length).toBeGreaterThan(15_000_000);
    // Published ones are never changed: stored as the next snapshot.
    const large = await app.prisma.reportSnapshot.create({
      data: { articleId: article.id, number: 2, options: row.options ?? {}, data, sha256: createHash('sha256').update(data).digest('hex'), publishedById: row.publishedById },
    });
    const { token } = (await owner.post(`/api/reports/${large.id}/shares`)).body as { token: string };

    const openShared = () => tailOf(`${app.url}/api/shared/${token}`);
    for (const visit of ['first', 'again']) {
      const { problems, reply } = await probe(app, `large shared report, ${visit}`, openShared, () => [200]);
      expect(problems).toEqual([]);
      expect(reply.body).toContain('7999: The river is cleaner than ever.');
    }
  }, STEP_TIMEOUT);
});

describe('live reports are made off the event loop', () => {
  it('makes the report of an article filled to its claim limit with long evidence while health stays quick', async () => {
    const article = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title: 'Full article', text: CLAIMS_ARTICLE })).body;
    const first = await newClaim(owner, article.id, claimOn(article.revision.text, 'nitrate levels fell by 42 percent'));
    // Grown in the database to what members could write: 1,000 claims, each with 4 long evidence items (about 16 MB).
    await app.prisma.$executeRawUnsafe(
      `INSERT INTO claims (id, article_id, workspace_id, statement, claimant, tags, priority, status, position, created_by_id, updated_at)
       SELECT gen_random_uuid(), article_id, workspace_id, i || ': ' || statement, claimant, tags, priority, status, position, created_by_id, now()
       FROM claims, generate_series(1, 999) i WHERE id = $1::uuid`,
      first.id,
    );
    await app.prisma.$executeRawUnsafe(
      `INSERT INTO evidence (id, claim_id, kind, excerpt, note, stance, position, created_by_id, updated_at)
       SELECT gen_random_uuid(), c.id, 'quote', repeat('The authority''s own figures say otherwise. ', 50), repeat('Checked against the 2019 survey. ', 60), 'refutes', p, c.created_by_id, now()
       FROM claims c, generate_series(1, 4) p WHERE c.article_id = $1::uuid`,
      article.id,
    );
    const report = (format: string) => () => tailOf(`${app.url}/api/articles/${article.id}/report?format=${format}&includeUnresolved=true`, analyst.cookie);
    for (const format of ['json', 'html', 'md']) {
      const { problems, reply } = await probe(app, `live ${format} report of a full article`, report(format), () => [200]);
      expect(problems).toEqual([]);
      // The end of the report: its last claim, then the article's text in the appendix.
      expect(reply.body).toMatch(/\b1000\b/);
      expect(reply.body).toContain('nitrate levels fell by 42 percent');
    }
  }, STEP_TIMEOUT);
});
