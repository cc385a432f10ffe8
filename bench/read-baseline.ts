// The baseline for bench/reads.ts: the reader's article payload (the article with its latest
// revision, its annotations with their authors, its claims with their spans) assembled with
// raw `pg` queries and nothing else: no session, no access check, no validation. It runs in a
// process of its own (forked by reads.ts), as the API does, and reports its port over IPC.
// GET /floor/:id answers that payload from memory, gzipped when accepted: no work per request
// at all, the least any server can do, so what remains is sending and receiving the bytes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { requireApi } from './common';

const { Pool } = requireApi('pg') as typeof import('pg');
// The API's own row-to-view mapping, so both answer the same shape (a pure function, no queries).
const { toAnnotation } = requireApi('./dist/annotations/annotation.view') as typeof import('../apps/api/src/annotations/annotation.view');

const iso = (d: Date | null) => d?.toISOString() ?? null;

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.BENCH_BASELINE_DATABASE_URL, max: 10 });
  const floors = new Map<string, { json: Buffer; gzip: Buffer }>();
  const server = http.createServer((req, res) => {
    const [, route, id] = /^\/(reader|floor)\/([0-9a-f-]{36})$/.exec(req.url ?? '') ?? [];
    if (!id) {
      res.writeHead(404).end();
      return;
    }
    const floor = floors.get(id);
    if (route === 'floor' && floor) {
      const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding']));
      res.writeHead(200, { 'content-type': 'application/json', ...(gzip ? { 'content-encoding': 'gzip' } : {}) }).end(gzip ? floor.gzip : floor.json);
      return;
    }
    Promise.all([
      pool.query(
        `SELECT a.id, a.workspace_id, a.title, a.last_seq, r.id AS revision_id, r.number, r.text, r.sha256, r.created_at
         FROM articles a JOIN article_revisions r ON r.article_id = a.id WHERE a.id = $1 ORDER BY r.number DESC LIMIT 1`,
        [id],
      ),
      pool.query(
        `SELECT a.id, a.article_id AS "articleId", a.revision_id AS "revisionId", a.motivation, a.body, a.tags, a.exact, a.prefix, a.suffix,
           a.start, a."end", a.reply_to_id AS "replyToId", a.resolved_at AS "resolvedAt", a.resolved_by_id AS "resolvedById", a.version,
           a.created_at AS "createdAt", a.updated_at AS "updatedAt", a.edited_at AS "editedAt", json_build_object('id', u.id, 'displayName', u.display_name) AS author
         FROM annotations a JOIN users u ON u.id = a.author_id WHERE a.article_id = $1 AND a.deleted_at IS NULL ORDER BY a.start, a.created_at`,
        [id],
      ),
      pool.query(
        `SELECT c.id, c.statement, c.claimant, c.tags, c.priority, c.status, c.rating, c.version, c.created_at, c.updated_at,
           coalesce(json_agg(json_build_object('id', s.id, 'exact', s.exact, 'start', s.start, 'end', s."end")) FILTER (WHERE s.id IS NOT NULL), '[]') AS spans
         FROM claims c LEFT JOIN claim_spans s ON s.claim_id = c.id WHERE c.article_id = $1 AND c.deleted_at IS NULL GROUP BY c.id ORDER BY c.position`,
        [id],
      ),
    ]).then(
      ([article, annotations, claims]) => {
        const a = article.rows[0];
        const body = JSON.stringify({
          article: a && { id: a.id, workspaceId: a.workspace_id, title: a.title, revision: { id: a.revision_id, number: a.number, text: a.text, sha256: a.sha256, createdAt: iso(a.created_at) } },
          annotations: annotations.rows.map(toAnnotation),
          claims: claims.rows,
          seq: a?.last_seq ?? 0,
        });
        if (route === 'floor') {
          const json = Buffer.from(body);
          floors.set(id, { json, gzip: gzipSync(json) });
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
}

void main();
