import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: Record<string, string | undefined>;
  body: string;
  answeredWith: number;
  /** Epoch ms of arrival. */
  at: number;
}

export interface Receiver {
  url: string;
  /** What arrived at `path`, oldest first. */
  received(path: string): Received[];
  /** Answers 500 to the first `times` requests to `path`, with `answer` as the body. */
  failFirst(path: string, times: number, answer?: string): void;
  /** Holds requests to `path` unanswered, calling `onHeld` for each with a way to answer it later. */
  hold(path: string, onHeld: (r: Received, answer: (status?: number) => void) => void): void;
  /** Answers requests to `path` normally again. */
  release(path: string): void;
  close(): Promise<void>;
}

/** Settings for an app that sends to a receiver on this machine, polling and retrying quickly. */
export const LOCAL_WEBHOOKS = {
  OUTBOUND_ALLOW_LOOPBACK: 'true',
  WEBHOOK_ALLOW_HTTP: 'true',
  WEBHOOK_RETRY_BASE_MS: '200',
  WEBHOOK_POLL_MS: '50',
  WEBHOOK_TIMEOUT_MS: '2000',
};

/** A webhook receiver on a local port that records what it is sent. */
export async function startReceiver(): Promise<Receiver> {
  const log: Received[] = [];
  const failures = new Map<string, number>();
  const failureAnswers = new Map<string, string>();
  const held = new Map<string, (r: Received, answer: (status?: number) => void) => void>();
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '/';
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
      const entry: Received = { path, headers, body, answeredWith: 0, at: Date.now() };
      const onHeld = held.get(path);
      if (onHeld) {
        entry.answeredWith = -1;
        log.push(entry);
        onHeld(entry, (status = 200) => {
          entry.answeredWith = status;
          res.statusCode = status;
          res.end('ok');
        });
        return;
      }
      const left = failures.get(path) ?? 0;
      entry.answeredWith = left > 0 ? 500 : 200;
      if (left > 0) failures.set(path, left - 1);
      log.push(entry);
      res.statusCode = entry.answeredWith;
      res.end(left > 0 ? (failureAnswers.get(path) ?? 'not now') : 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: (path) => log.filter((r) => r.path === path),
    failFirst: (path, times, answer) => {
      failures.set(path, times);
      if (answer !== undefined) failureAnswers.set(path, answer);
    },
    hold: (path, onHeld) => held.set(path, onHeld),
    release: (path) => held.delete(path),
    close: async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
