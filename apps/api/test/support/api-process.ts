import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from './own-postgres';
import { TEST_ORIGIN } from './test-app';

const apiRoot = path.resolve(__dirname, '../..');
const mainJs = path.join(apiRoot, 'dist/main.js');

/** The newest modification time of the API's sources (what the build compiles). */
function newestSource(dir = path.join(apiRoot, 'src')): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Refuses to test a stale build: these tests run what production runs, the compiled API. */
function requireFreshBuild(): void {
  if (!fs.existsSync(mainJs) || fs.statSync(mainJs).mtimeMs < newestSource()) {
    throw new Error('apps/api/dist is missing or older than apps/api/src: build the API first (pnpm --filter @corroborate/api build; npm test does it)');
  }
}

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** How the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Stops it (SIGKILL) unless it has ended already. */
  stop(): Promise<void>;
}

/**
 * The real API (`node dist/main.js`) in a process of its own, over `databaseUrl`, resolved once
 * it is ready. For what only a whole process shows: signals, exits, kill -9.
 */
export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<ApiProcess> {
  requireFreshBuild();
  const port = await freePort();
  // API_NODE_ARGS: flags for the API's node (a benchmark run with --cpu-prof, say).
  const nodeArgs = (process.env.API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, mainJs], {
    cwd: apiRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: TEST_ORIGIN,
      SEED_DEMO: 'false',
      WEB_DIST: '/nonexistent',
      LOG_LEVEL: 'warn',
      LOG_PRETTY: 'false',
      ...env,
      DATABASE_URL: databaseUrl,
    },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let ended = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      ended = true;
      resolve({ code, signal });
    }),
  );
  const url = `http://127.0.0.1:${port}`;

  const until = Date.now() + 30_000;
  for (;;) {
    if (ended) throw new Error(`the API process exited while starting:\n${output}`);
    const ready = await fetch(`${url}/api/health/ready`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > until) {
      child.kill('SIGKILL');
      throw new Error(`the API process was not ready within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    child,
    exited,
    output: () => output,
    stop: async () => {
      if (ended) return;
      // With node flags (a profile to write), it is asked to exit; otherwise, and if it will not, killed.
      if (nodeArgs.length) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      }
      if (!ended) child.kill('SIGKILL');
      await exited;
    },
  };
}
