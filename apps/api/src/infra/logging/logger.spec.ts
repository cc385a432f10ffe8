import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { requestLogger, withoutSecrets } from './logger';

describe('request log lines', () => {
  it('keep invite tokens out of logged paths, and leave other paths alone', () => {
    expect(withoutSecrets('/api/invites/cbi_secret123')).toBe('/api/invites/[token]');
    expect(withoutSecrets('/api/invites/cbi_secret123/accept')).toBe('/api/invites/[token]/accept');
    expect(withoutSecrets('/join/cbi_secret123?next=1')).toBe('/join/[token]?next=1');
    expect(withoutSecrets('/api/workspaces/abc/invites')).toBe('/api/workspaces/abc/invites');
    expect(withoutSecrets('/api/articles/abc?q=%42ase%20x')).toBe('/api/articles/abc?q=%42ase%20x');
    expect(withoutSecrets('/api/articles/abc/annotations')).toBe('/api/articles/abc/annotations');
  });

  it('keep report share secrets out too, however the path is spelled', () => {
    expect(withoutSecrets('/api/shared/rpt_secret123')).toBe('/api/shared/[token]');
    expect(withoutSecrets('/API/Shared/rpt_secret123/')).toBe('/API/Shared/[token]/');
    expect(withoutSecrets('/API/INVITES/cbi_secret123/accept')).toBe('/API/INVITES/[token]/accept');
    expect(withoutSecrets('/Join/cbi_secret123')).toBe('/Join/[token]');
    // Escaped spellings are no route, but a caller may still have sent a real secret in one.
    expect(withoutSecrets('/%61pi/shared/rpt_secret123?x=1')).not.toMatch(/secret/);
    expect(withoutSecrets('/api/%73hared/rpt_%73ecret123')).not.toMatch(/secret/);
    expect(withoutSecrets('/api/invites/cbi_secret123%2Faccept')).not.toMatch(/secret/);
    // Escapes that are not UTF-8 leave the line as it was, masked where it can be.
    expect(withoutSecrets('/api/shared/rpt_secret123%E0%A4%A')).toBe('/api/shared/[token]');
    expect(withoutSecrets('/%61pi/shared/rpt_secret123%E0%A4%A')).not.toMatch(/secret/);
  });

  /** A server logging through requestLogger at `level`; `lines` are what it logged. */
  async function serve(level: string) {
    const lines: Record<string, any>[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(JSON.parse(chunk.toString())), done()) });
    const log = requestLogger(pino({ level }, sink));
    const server = http.createServer((req, res) =>
      log(req, res, () => {
        // As a router does: the path it sees is not the one asked for.
        req.url = '/rewritten';
        res.statusCode = 201;
        res.end('ok');
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const get = async (path: string, headers: Record<string, string> = {}) => {
      await (await fetch(url + path, { headers })).text();
      await new Promise((r) => setImmediate(r));
    };
    return { lines, get, close: () => new Promise((r) => server.close(r)) };
  }

  it('logs each request once as it was asked, with its status and time, and no headers', async () => {
    const { lines, get, close } = await serve('info');
    try {
      await get('/api/invites/cbi_secret123/accept', { cookie: 'cb_session=secret-session', authorization: 'Bearer cbt_secret' });
      await get('/api/health/live');
      await get('/api/me');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatchObject({ level: 30, msg: 'request completed', req: { method: 'GET', url: '/api/invites/[token]/accept' }, res: { statusCode: 201 } });
      expect(lines[0]!.responseTime).toEqual(expect.any(Number));
      expect(lines[1]).toMatchObject({ req: { url: '/api/me' } });
      expect(lines[1]!.req.id).toBeGreaterThan(lines[0]!.req.id);
      expect(JSON.stringify(lines)).not.toMatch(/secret/);
    } finally {
      await close();
    }
  });

  it('logs nothing above the info level', async () => {
    const { lines, get, close } = await serve('warn');
    try {
      await get('/api/me');
      expect(lines).toEqual([]);
    } finally {
      await close();
    }
  });
});
