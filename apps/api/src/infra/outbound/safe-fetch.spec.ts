import http from 'node:http';
import { AddressInfo } from 'node:net';
import { checkAddress } from './address-policy';
import { checkOutboundTarget, OutboundError, safeFetch } from './safe-fetch';

describe('checkAddress', () => {
  it.each([
    '10.0.0.1', '172.16.5.4', '192.168.1.1', '127.0.0.1', '127.8.9.10', '169.254.169.254', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '100.64.0.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1',
    'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254',
    '64:ff9b::a00:1', '2002:a00:1::1',
  ])('refuses %s', (address) => {
    expect(checkAddress(address).ok).toBe(false);
  });

  it.each(['8.8.8.8', '93.184.216.34', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(checkAddress(address)).toEqual({ ok: true });
  });

  it('allows loopback, and only loopback, when asked', () => {
    expect(checkAddress('127.0.0.1', { allowLoopback: true }).ok).toBe(true);
    expect(checkAddress('::1', { allowLoopback: true }).ok).toBe(true);
    expect(checkAddress('::ffff:127.0.0.1', { allowLoopback: true }).ok).toBe(true);
    expect(checkAddress('10.0.0.1', { allowLoopback: true }).ok).toBe(false);
    expect(checkAddress('169.254.169.254', { allowLoopback: true }).ok).toBe(false);
    expect(checkAddress('0.0.0.0', { allowLoopback: true }).ok).toBe(false);
  });
});

describe('checkOutboundTarget with named hosts allowed', () => {
  const intranet = async () => [{ address: '10.1.2.3', family: 4 as const }];
  const options = { allowHttp: true, timeoutMs: 1_000, resolve: intranet };

  it('lets a listed host through wherever it points, and only that host', async () => {
    await expect(checkOutboundTarget('http://wiki.intranet.example/page', options)).rejects.toMatchObject({ code: 'ADDRESS_NOT_ALLOWED' });
    const allowed = { ...options, allowHosts: ['wiki.intranet.example'] };
    await expect(checkOutboundTarget('http://WIKI.intranet.example/page', allowed)).resolves.toBeInstanceOf(URL);
    await expect(checkOutboundTarget('http://other.intranet.example/page', allowed)).rejects.toMatchObject({ code: 'ADDRESS_NOT_ALLOWED' });
    await expect(checkOutboundTarget('http://10.1.2.3/page', allowed)).rejects.toMatchObject({ code: 'ADDRESS_NOT_ALLOWED' });
  });
});

describe('safeFetch', () => {
  let server: http.Server;
  let base: string;
  let port: number;
  let seen: Array<{ url?: string; method?: string; host?: string; body: string; auth?: string }>;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ url: req.url, method: req.method, host: req.headers.host, body, auth: req.headers.authorization });
        const u = new URL(req.url ?? '/', 'http://x');
        if (u.pathname === '/ok') return void res.end('hello');
        if (u.pathname === '/redirect') {
          res.writeHead(Number(u.searchParams.get('status') ?? 302), { location: u.searchParams.get('to') ?? '/ok' });
          return void res.end();
        }
        if (u.pathname === '/loop') {
          res.writeHead(302, { location: '/loop' });
          return void res.end();
        }
        if (u.pathname === '/big') {
          res.writeHead(200);
          res.write(Buffer.alloc(1000, 97));
          res.write(Buffer.alloc(1000, 97));
          return void res.end();
        }
        if (u.pathname === '/declared-big') {
          res.writeHead(200, { 'content-length': '5000' });
          return void res.write('x');
        }
        if (u.pathname === '/slow') return; // never answers
        if (u.pathname === '/stall') {
          res.writeHead(200);
          return void res.write('partial'); // starts, then never ends
        }
        res.statusCode = 404;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  beforeEach(() => (seen = []));
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const local = { timeoutMs: 2000, maxBytes: 1500, allowHttp: true, allowLoopback: true };
  const refusal = async (p: Promise<unknown>) => {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundError);
    return err as OutboundError;
  };

  it('fetches an allowed URL', async () => {
    const res = await safeFetch(`${base}/ok`, local);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('hello');
  });

  it('sends the method, headers and body', async () => {
    await safeFetch(`${base}/ok`, { ...local, method: 'POST', headers: { authorization: 'x' }, body: '{"a":1}' });
    expect(seen).toEqual([expect.objectContaining({ method: 'POST', body: '{"a":1}', auth: 'x' })]);
  });

  it.each(['file:///etc/passwd', 'ftp://example.com/', 'gopher://example.com/', 'data:text/plain,hi', 'not a url'])(
    'refuses %s',
    async (url) => {
      const err = await refusal(safeFetch(url, local));
      expect(['SCHEME_NOT_ALLOWED', 'INVALID_URL']).toContain(err.code);
    },
  );

  it('refuses http:// unless allowed', async () => {
    expect((await refusal(safeFetch(`${base}/ok`, { ...local, allowHttp: false }))).code).toBe('SCHEME_NOT_ALLOWED');
    expect(seen).toHaveLength(0);
  });

  it.each([
    () => `http://127.0.0.1:${port}/ok`,
    () => `http://localhost:${port}/ok`,
    () => `http://[::1]:${port}/ok`,
    () => `http://[::ffff:127.0.0.1]:${port}/ok`,
    () => `http://[::ffff:7f00:1]:${port}/ok`,
    () => `http://2130706433:${port}/ok`,
    () => `http://0x7f.0.0.1:${port}/ok`,
    () => `http://0.0.0.0:${port}/ok`,
  ])('refuses loopback without the setting (%#)', async (url) => {
    const err = await refusal(safeFetch(url(), { ...local, allowLoopback: false }));
    expect(err.code).toBe('ADDRESS_NOT_ALLOWED');
    expect(seen).toHaveLength(0);
  });

  it('refuses private and link-local literals even with loopback allowed', async () => {
    for (const host of ['10.1.2.3', '192.168.0.1', '169.254.169.254', '[fd00::1]', '[fe80::1]']) {
      expect((await refusal(safeFetch(`http://${host}/`, local))).code).toBe('ADDRESS_NOT_ALLOWED');
    }
  });

  it('refuses a name when any of its addresses is internal', async () => {
    const resolve = async () => [
      { address: '93.184.216.34', family: 4 as const },
      { address: '10.0.0.7', family: 4 as const },
    ];
    expect((await refusal(safeFetch('http://mixed.example/', { ...local, resolve }))).code).toBe('ADDRESS_NOT_ALLOWED');
  });

  it('connects to the address it checked, resolving the name once', async () => {
    let resolutions = 0;
    const resolve = async () => {
      resolutions++;
      return [{ address: '127.0.0.1', family: 4 as const }];
    };
    // The name does not exist in DNS: the answer proves the socket went to the pinned address.
    const res = await safeFetch(`http://pinned.invalid:${port}/ok`, { ...local, resolve });
    expect(res.body.toString()).toBe('hello');
    expect(resolutions).toBe(1);
    expect(seen[0]?.host).toBe(`pinned.invalid:${port}`);
  });

  it('checks every redirect target', async () => {
    const err = await refusal(
      safeFetch(`${base}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data')}`, local),
    );
    expect(err.code).toBe('ADDRESS_NOT_ALLOWED');
    const toFile = await refusal(safeFetch(`${base}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`, local));
    expect(toFile.code).toBe('SCHEME_NOT_ALLOWED');
    const toHttp = await refusal(
      safeFetch(`${base}/redirect?to=${encodeURIComponent(`http://localhost:${port}/ok`)}`, {
        ...local,
        resolve: async () => [{ address: '127.0.0.1', family: 4 }],
        allowLoopback: false,
      }),
    );
    expect(toHttp.code).toBe('ADDRESS_NOT_ALLOWED');
  });

  it('refuses a redirect whose Location does not parse, as it refuses any bad URL', async () => {
    const err = await refusal(safeFetch(`${base}/redirect?to=${encodeURIComponent('http://[not-an-address')}`, local));
    expect(err).toMatchObject({ code: 'INVALID_URL', message: 'redirect target is not a valid URL' });
  });

  it('follows allowed redirects, turning a POST into a GET on 303 and dropping credentials across origins', async () => {
    const res = await safeFetch(`${base}/redirect?status=303&to=${encodeURIComponent(`http://localhost:${port}/ok`)}`, {
      ...local,
      method: 'POST',
      body: 'x',
      headers: { authorization: 'secret' },
    });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`http://localhost:${port}/ok`);
    expect(seen[1]).toEqual(expect.objectContaining({ method: 'GET', body: '', auth: undefined }));
  });

  it('does not follow redirects when told not to, and stops redirect loops', async () => {
    const res = await safeFetch(`${base}/redirect`, { ...local, maxRedirects: 0 });
    expect(res.status).toBe(302);
    expect(seen).toHaveLength(1);
    expect((await refusal(safeFetch(`${base}/loop`, { ...local, maxRedirects: 3 }))).code).toBe('TOO_MANY_REDIRECTS');
  });

  it('bounds the size of the answer', async () => {
    expect((await refusal(safeFetch(`${base}/big`, local))).code).toBe('TOO_LARGE');
    expect((await refusal(safeFetch(`${base}/declared-big`, local))).code).toBe('TOO_LARGE');
  });

  it('bounds the time', async () => {
    const started = Date.now();
    expect((await refusal(safeFetch(`${base}/slow`, { ...local, timeoutMs: 300 }))).code).toBe('TIMEOUT');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('bounds the time of an answer that starts and stalls', async () => {
    expect((await refusal(safeFetch(`${base}/stall`, { ...local, timeoutMs: 300 }))).code).toBe('TIMEOUT');
  });

  it('bounds the time of name resolution', async () => {
    const resolve = () => new Promise<never>(() => undefined);
    expect((await refusal(safeFetch('http://hangs.example/', { ...local, timeoutMs: 200, resolve }))).code).toBe('TIMEOUT');
  });
});
