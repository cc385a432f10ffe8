import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { Parser } from 'htmlparser2';
import { Report } from '@corroborate/contracts';
import { expectError } from './support/assertions';
import { CLAIMS_ARTICLE, claimOn, newClaim } from './support/claims';
import { type HttpClient, newMember, newUser, newWorkspace } from './support/http-client';
import { pdfText } from './support/pdf-text';
import { startTestApp, type TestApp } from './support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HOSTILE = {
  statement: 'Nitrate fell <script>alert(1)</script> =HYPERLINK("http://evil.example","x")',
  claimant: '@SUM(1+1) <img src=x onerror=alert(2)>',
  title: '<img src=x onerror=alert(3)> +cmd|calc',
  excerpt: '-2+3 <iframe src="https://evil.example"></iframe>',
  rationale: 'See [this](javascript:alert(4)) and ![pixel](https://evil.example/p.gif) <script>alert(5)</script>',
};

/** Every element and attribute of an HTML document. */
function elements(html: string): { name: string; attribs: Record<string, string> }[] {
  const found: { name: string; attribs: Record<string, string> }[] = [];
  const parser = new Parser({ onopentag: (name, attribs) => found.push({ name, attribs }) });
  parser.write(html);
  parser.end();
  return found;
}

describe('reports', () => {
  let app: TestApp;
  let owner: HttpClient, editor: HttpClient, analyst: HttpClient, reviewerA: HttpClient, reviewerB: HttpClient, reviewerC: HttpClient, stranger: HttpClient;
  let workspaceId: string;
  let articleId: string;
  let text: string;
  const ids: Record<'agreed' | 'adjudicated' | 'inReview', string> = { agreed: '', adjudicated: '', inReview: '' };

  const report = (as: HttpClient, query = '') => as.get(`/api/articles/${articleId}/report${query ? `?${query}` : ''}`);
  const json = async (as: HttpClient, query = '') => Report.parse((await report(as, `format=json${query ? `&${query}` : ''}`)).body);
  const rawGet = (as: HttpClient, path: string) => fetch(`${app.url}${path}`, { headers: as.cookie ? { cookie: as.cookie } : {} });

  async function toReview(claimId: string) {
    await analyst.patch(`/api/claims/${claimId}`, { version: 1, status: 'in_progress' });
    await analyst.patch(`/api/claims/${claimId}`, { version: 2, status: 'in_review' });
  }

  beforeAll(async () => {
    app = await startTestApp({ CHROMIUM_PATH: CHROMIUM });
    owner = await newUser(app, 'Owner');
    workspaceId = await newWorkspace(owner);
    editor = await newMember(app, owner, workspaceId, 'editor');
    analyst = await newMember(app, owner, workspaceId, 'analyst');
    reviewerA = await newMember(app, owner, workspaceId, 'reviewer');
    reviewerB = await newMember(app, owner, workspaceId, 'reviewer');
    reviewerC = await newMember(app, owner, workspaceId, 'reviewer');
    stranger = await newUser(app, 'Stranger');
    await owner.patch(`/api/workspaces/${workspaceId}/review-settings`, { organisationName: 'River Desk', organisationUrl: 'https://river.example.org' });
    const res = await owner.post(`/api/workspaces/${workspaceId}/articles`, {
      title: 'River report',
      text: CLAIMS_ARTICLE,
      sourceUrl: 'https://news.example.org/river',
      publishedAt: '2025-06-02',
    });
    ({ id: articleId } = res.body);
    text = res.body.revision.text;

    // Agreed: the hostile one, with evidence, both reviewers "false".
    const agreed = await newClaim(editor, articleId, { ...claimOn(text, 'nitrate levels fell by 42 percent'), statement: HOSTILE.statement, claimant: HOSTILE.claimant, assigneeIds: [analyst.user!.id] });
    ids.agreed = agreed.id;
    const ev = (await analyst.post(`/api/claims/${agreed.id}/evidence`, { kind: 'url', url: 'https://data.example.org/nitrate?x=<script>', title: HOSTILE.title, publisher: '=cmd', excerpt: HOSTILE.excerpt, stance: 'refutes', reliability: 'high' })).body;
    await toReview(agreed.id);
    await reviewerA.post(`/api/claims/${agreed.id}/verdicts`, { rating: 'false', rationale: HOSTILE.rationale, evidenceIds: [ev.id] });
    await reviewerB.post(`/api/claims/${agreed.id}/verdicts`, { rating: 'false', rationale: 'The data shows 24 percent.' });

    // Adjudicated, earlier in the article.
    const adjudicated = await newClaim(editor, articleId, { ...claimOn(text, 'The river is cleaner than it has been in a century'), claimant: 'the city’s water authority', assigneeIds: [analyst.user!.id] });
    ids.adjudicated = adjudicated.id;
    await toReview(adjudicated.id);
    await reviewerA.post(`/api/claims/${adjudicated.id}/verdicts`, { rating: 'true', rationale: 'Records back it.' });
    await reviewerB.post(`/api/claims/${adjudicated.id}/verdicts`, { rating: 'mixed', rationale: 'Records only go back 60 years.' });
    const disputed = (await editor.get(`/api/claims/${adjudicated.id}`)).body;
    await editor.post(`/api/claims/${adjudicated.id}/adjudication`, { version: disputed.version, rating: 'mostly-true', rationale: 'True for the records we have; a century is an overstatement.' });

    // Still in review: reviewer A has given a verdict, reviewer C has not.
    const inReview = await newClaim(editor, articleId, { ...claimOn(text, 'the city spent $310 million on new treatment plants'), claimant: 'The mayor', assigneeIds: [analyst.user!.id] });
    ids.inReview = inReview.id;
    await toReview(inReview.id);
    await reviewerA.post(`/api/claims/${inReview.id}/verdicts`, { rating: 'misleading', rationale: 'SECRET-IN-REVIEW' });
  });
  afterAll(() => app.close());

  describe('content', () => {
    it('holds the resolved claims in article order with ratings, rationale, verdict history and evidence (JSON, against its schema)', async () => {
      const r = await json(owner);
      expect(r.article).toMatchObject({ title: 'River report', sourceUrl: 'https://news.example.org/river', revision: { number: 1, sha256: createHash('sha256').update(text).digest('hex') } });
      expect(r.claims.map((c) => c.id)).toEqual([ids.adjudicated, ids.agreed]);
      const [first, second] = r.claims;
      expect(first).toMatchObject({ number: 1, status: 'resolved', rating: { key: 'mostly-true', label: 'Mostly true', colour: expect.stringMatching(/^#/) }, rationale: 'True for the records we have; a century is an overstatement.' });
      expect(first!.decisions).toMatchObject([{ kind: 'adjudication', actor: { id: editor.user!.id } }]);
      expect(first!.verdicts.map((v) => v.rating?.key)).toEqual(['true', 'mixed']);
      expect(second).toMatchObject({ number: 2, rating: { key: 'false' }, claimant: HOSTILE.claimant });
      expect(second!.evidence).toMatchObject([{ number: 1, stance: 'refutes', reliability: 'high', publisher: '=cmd' }]);
      expect(r.summary).toMatchObject({ claims: 2, evidence: 1, reviewers: 2, byRating: [{ key: 'mostly-true', count: 1 }, { key: 'false', count: 1 }] });
      expect(r.appendix!.markers.map((m) => m.number)).toEqual([1, 2]);
      expect(r.appendix!.text.slice(r.appendix!.markers[0]!.start, r.appendix!.markers[0]!.end)).toBe('The river is cleaner than it has been in a century');
      expect(r.audit).toBeNull();
    });

    it('includes the undecided claims on request, each marked with its status, and the audit trail', async () => {
      const r = await json(owner, 'includeUnresolved=true&includeAudit=true');
      expect(r.claims.map((c) => [c.id, c.status])).toEqual([
        [ids.adjudicated, 'resolved'],
        [ids.agreed, 'resolved'],
        [ids.inReview, 'in_review'],
      ]);
      expect(r.claims[2]!.rating).toBeNull();
      expect(r.audit!.some((a) => a.claimNumber === 1 && a.text.includes('adjudicated: Mostly true'))).toBe(true);
      const html = (await report(owner, 'includeUnresolved=true')).body as string;
      expect(html).toContain('In review: not yet decided');
    });

    it('keeps blind review: a reviewer who has not given a verdict sees no rating in any format', async () => {
      const r = await json(reviewerC, 'includeUnresolved=true&includeAudit=true');
      const pending = r.claims.find((c) => c.id === ids.inReview)!;
      expect(pending).toMatchObject({ verdicts: [], verdictsHidden: true, rating: null });
      for (const format of ['json', 'html', 'md', 'csv']) {
        const body = (await report(reviewerC, `format=${format}&includeUnresolved=true&includeAudit=true`)).body;
        // The JSON lists the workspace's whole scale, "Misleading" included: look everywhere else.
        const out = typeof body === 'string' ? body : JSON.stringify({ ...body, scale: [] });
        expect({ format, leaks: /SECRET-IN-REVIEW|Misleading|misleading/.test(out) }).toEqual({ format, leaks: false });
      }
      // Reviewer A gave theirs and sees it.
      expect(JSON.stringify(await json(reviewerA, 'includeUnresolved=true'))).toContain('SECRET-IN-REVIEW');
    });

    it('hides the report from non-members', async () => {
      expectError(await report(stranger), 404);
      expectError(await stranger.get(`/api/articles/${articleId}/reports`), 404);
    });
  });

  describe('formats', () => {
    it('html: one self-contained page, no script, no handlers, no external resources, user text escaped', async () => {
      const res = await report(owner);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      const html = res.body as string;
      const tags = elements(html);
      expect(tags.filter((t) => ['script', 'iframe', 'object', 'embed', 'img', 'link', 'base', 'form'].includes(t.name))).toEqual([]);
      expect(tags.flatMap((t) => Object.keys(t.attribs).filter((a) => a.startsWith('on')))).toEqual([]);
      expect(tags.filter((t) => t.attribs.href?.toLowerCase().startsWith('javascript:'))).toEqual([]);
      expect(tags.filter((t) => t.attribs.src !== undefined)).toEqual([]);
      const csp = tags.find((t) => t.name === 'meta' && t.attribs['http-equiv'] === 'Content-Security-Policy');
      expect(csp?.attribs.content).toContain("default-src 'none'");
      expect(html).toContain('Nitrate fell &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('&lt;img src=x onerror=alert(3)&gt;');
      expect(html).toContain('href="https://news.example.org/river" rel="noopener noreferrer"');
    });

    it('md: Markdown with footnotes for evidence links, user text inert', async () => {
      const md = (await report(owner, 'format=md')).body as string;
      expect(md).toMatch(/^# Fact-check report: River report/);
      expect(md).toContain('[^e2-1]: <https://data.example.org/nitrate?x=%3Cscript%3E>');
      expect(md).not.toContain('<script>');
      expect(md).not.toContain('<img');
      expect(md).toContain('&lt;script&gt;');
    });

    it('csv: one row per claim, RFC 4180, formula cells neutralised', async () => {
      const res = await report(owner, 'format=csv');
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const rows = parseCsv(res.body as string) as string[][];
      expect(rows[0]).toEqual(expect.arrayContaining(['number', 'statement', 'claimant', 'rating', 'url']));
      expect(rows).toHaveLength(3);
      const header = rows[0]!;
      const hostile = rows.find((r) => r[header.indexOf('statement')]!.includes('Nitrate'))!;
      expect(hostile[header.indexOf('claimant')]).toBe(`'${HOSTILE.claimant}`);
      for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
      expect((res.body as string).includes('\r\n')).toBe(true);
    });

    it('claimreview: schema.org ClaimReview per resolved claim', async () => {
      const res = await report(owner, 'format=claimreview');
      expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
      const reviews = res.body as Record<string, unknown>[];
      expect(reviews).toHaveLength(2);
      expect(reviews[0]).toEqual({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: `${app.config.PUBLIC_URL}/articles/${articleId}/report#claim-${ids.adjudicated}`,
        claimReviewed: 'The river is cleaner than it has been in a century',
        datePublished: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        author: { '@type': 'Organization', name: 'River Desk', url: 'https://river.example.org' },
        reviewRating: { '@type': 'Rating', ratingValue: 4, bestRating: 5, worstRating: 1, alternateName: 'Mostly true' },
        itemReviewed: {
          '@type': 'Claim',
          author: { '@type': 'Organization', name: 'the city’s water authority' },
          datePublished: '2025-06-02',
          appearance: { '@type': 'CreativeWork', url: 'https://news.example.org/river', headline: 'River report' },
        },
      });
    });

    const withChromium = fs.existsSync(CHROMIUM) ? it : it.skip;
    withChromium('pdf: printed by Chromium, with the claims in its text', async () => {
      const res = await rawGet(owner, `/api/articles/${articleId}/report?format=pdf&paper=letter`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="Fact-check-report-River-report\.pdf"/);
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
      const { text: content, pages, size } = pdfText(pdf);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(content).toContain('The river is cleaner than it has been in a century');
      // The running title and the page numbers, on the paper asked for (US letter: 612 × 792 points).
      expect(content).toContain('Fact-check report: River report');
      expect(content).toMatch(/Page 1 of \d/);
      expect(size.map(Math.round)).toEqual([612, 792]);
    });

    withChromium('pdf: a title that could end a string or a style prints as written, on A4 by default, beside another report printed at once', async () => {
      const title = 'Quotes " \' and \\ back </style><h1>not a heading</h1> ÷ 😀';
      const other = (await owner.post(`/api/workspaces/${workspaceId}/articles`, { title, text: 'A short article with one line.' })).body;
      // Printed at the same time as another report: each on a page of its own.
      const [res, river] = await Promise.all([rawGet(owner, `/api/articles/${other.id}/report?format=pdf`), rawGet(owner, `/api/articles/${articleId}/report?format=pdf`)]);
      expect([res.status, river.status]).toEqual([200, 200]);
      const { text, size } = pdfText(Buffer.from(await res.arrayBuffer()));
      // pdf.js puts spaces of its own around a run in another font (the emoji's).
      const content = text.replace(/\s+/g, ' ');
      expect(content).toContain(`Fact-check report: ${title}`);
      expect(content).not.toContain('River report');
      expect(size.map(Math.round)).toEqual([595, 842]);
      const riverText = pdfText(Buffer.from(await river.arrayBuffer())).text;
      expect(riverText).toContain('Fact-check report: River report');
      expect(riverText).not.toContain('not a heading');
    });

    it('pdf: answers 503 naming the setting when there is no Chromium', async () => {
      const other = await startTestApp({ CHROMIUM_PATH: '/nonexistent/chromium' }, { databaseUrl: app.databaseUrl });
      try {
        const client = owner.withOrigin('http://corroborate.test');
        const res = await fetch(`${other.url}/api/articles/${articleId}/report?format=pdf`, { headers: { cookie: client.cookie! } });
        expect(res.status).toBe(503);
        const body = await res.json();
        expect(body.error).toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('CHROMIUM_PATH') });
      } finally {
        await other.close();
      }
    });

    it('refuses an unknown format with a 400', async () => {
      expectError(await report(owner, 'format=docx'), 400, 'format');
    });
  });

  describe('publishing and sharing', () => {
    it('freezes numbered snapshots that later edits never change', async () => {
      expectError(await analyst.post(`/api/articles/${articleId}/reports`, {}), 403);
      const first = await editor.post(`/api/articles/${articleId}/reports`, {});
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ number: 1, publishedBy: { id: editor.user!.id }, shares: [] });
      const frozen = (await owner.get(`/api/reports/${first.body.id}?format=json`)).body;
      const stored = await app.prisma.reportSnapshot.findUniqueOrThrow({ where: { id: first.body.id } });
      expect(createHash('sha256').update(stored.data).digest('hex')).toBe(first.body.sha256);
      expect(Report.parse(JSON.parse(stored.data))).toEqual(frozen);

      const claim = (await owner.get(`/api/claims/${ids.agreed}`)).body;
      await editor.patch(`/api/claims/${ids.agreed}`, { version: claim.version, statement: 'Reworded after publication' });
      expect((await owner.get(`/api/reports/${first.body.id}?format=json`)).body).toEqual(frozen);
      expect(JSON.stringify((await json(owner)).claims)).toContain('Reworded after publication');

      const second = await editor.post(`/api/articles/${articleId}/reports`, { includeUnresolved: true });
      expect(second.body.number).toBe(2);
      expect(((await reviewerC.get(`/api/articles/${articleId}/reports`)).body as { number: number }[]).map((s) => s.number)).toEqual([2, 1]);
      // A published snapshot is blind for everyone: claims still in review show no verdicts.
      expect(JSON.stringify((await editor.get(`/api/reports/${second.body.id}?format=json`)).body)).not.toContain('SECRET-IN-REVIEW');
      await expect(app.prisma.reportSnapshot.update({ where: { id: first.body.id }, data: { sha256: 'x' } })).rejects.toThrow(/never changed/);
      expectError(await stranger.get(`/api/reports/${first.body.id}`), 404);
    });

    it('shares a snapshot through an unguessable link that can be revoked', async () => {
      const snapshot = (await editor.post(`/api/articles/${articleId}/reports`, {})).body;
      expectError(await analyst.post(`/api/reports/${snapshot.id}/shares`), 403);
      const share = await editor.post(`/api/reports/${snapshot.id}/shares`);
      expect(share.status).toBe(201);
      const token = share.body.url.split('/').at(-1)!;
      expect(Buffer.from(token.replace(/^rpt_/, ''), 'base64url').length * 8).toBeGreaterThanOrEqual(128);

      const open = await fetch(share.body.url.replace(app.config.PUBLIC_URL, app.url));
      expect(open.status).toBe(200);
      expect(open.headers.get('x-robots-tag')).toContain('noindex');
      expect(open.headers.getSetCookie()).toEqual([]);
      const html = await open.text();
      expect(html).toContain('<meta name="robots" content="noindex">');
      expect(html).toContain('The river is cleaner than it has been in a century');

      expect((await editor.delete(`/api/report-shares/${share.body.id}`)).status).toBe(204);
      const revoked = await fetch(`${app.url}/api/shared/${token}`);
      const unknown = await fetch(`${app.url}/api/shared/rpt_${'A'.repeat(43)}`);
      expect([revoked.status, unknown.status]).toEqual([404, 404]);
      expect(await revoked.text()).toBe(await unknown.text());
      const listed = (await owner.get(`/api/articles/${articleId}/reports`)).body.find((s: { id: string }) => s.id === snapshot.id);
      expect(listed.shares).toEqual([expect.objectContaining({ id: share.body.id, revokedAt: expect.any(String) })]);
    });
  });
});
