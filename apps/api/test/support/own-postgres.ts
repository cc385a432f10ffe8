import { execFileSync, fork } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { applyMigrations } from '../../src/infra/database/migrate';

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface OwnPostgres {
  /** A migrated database on this server. */
  url: string;
  /** Stops the server (fast shutdown: every connection is closed). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops every process of the server with SIGSTOP: connections stay open and nothing answers. */
  freeze(): void;
  thaw(): void;
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL server of the test's own, for tests that stop, hang or restart the database
 * without disturbing the one other test files share.
 */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const port = await freePort();
  const child = fork(path.join(__dirname, 'own-postgres-process.mjs'), [String(port)], { stdio: 'ignore' });
  let next = 0;
  const call = <T = unknown>(command: string) =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      const onMessage = (m: { id: number; ok: boolean; result: T; error: string }) => {
        if (m.id !== id) return;
        child.off('message', onMessage);
        if (m.ok) resolve(m.result);
        else reject(new Error(`PostgreSQL ${command} failed: ${m.error}`));
      };
      child.on('message', onMessage);
      child.send({ id, command });
    });

  const { dataDir } = await call<{ dataDir: string }>('init');
  const url = `postgresql://postgres:postgres@127.0.0.1:${port}/corroborate`;
  await applyMigrations(url);

  /** The postmaster and the backends it forked. */
  const processes = (): number[] => {
    const postmaster = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
    return [postmaster, ...children];
  };
  let frozen: number[] = [];
  const thaw = () => {
    for (const pid of frozen.splice(0)) process.kill(pid, 'SIGCONT');
  };

  return {
    url,
    stop: () => call('stop'),
    start: () => call('start'),
    freeze: () => {
      frozen = processes();
      for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    },
    thaw,
    destroy: async () => {
      thaw();
      await call('destroy');
      child.disconnect();
    },
  };
}
