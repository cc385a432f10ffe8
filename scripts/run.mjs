#!/usr/bin/env node
// Entry point of the root scripts (npm or pnpm): installs the workspace with the pinned pnpm
// when needed, builds what the task needs, then runs it. Works on a machine with only Node and npm.
// The install and each build step are skipped while their inputs are unchanged (scripts/freshness.mjs).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashFiles, isFresh, readStamp, writeStamp } from './freshness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PNPM = 'pnpm@12.4.2';

function pnpmCommand() {
  const execPath = process.env.npm_execpath ?? '';
  if (/pnpm/.test(execPath)) {
    // pnpm 12 is a native executable; earlier releases were a JavaScript file run by Node.
    return /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath]] : [execPath, []];
  }
  return ['npx', ['--yes', PNPM]];
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n✖ ${[cmd, ...args].join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

function pnpm(...args) {
  const [cmd, pre] = pnpmCommand();
  run(cmd, [...pre, ...args]);
}

const say = (line) => console.log(process.stdout.isTTY ? `\x1b[1m${line}\x1b[0m` : line);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** What a dependency install depends on: the lockfile, every package.json, the patches, Node and pnpm. */
function installFingerprint() {
  const packageFiles = ['apps', 'packages'].flatMap((dir) =>
    fs.readdirSync(path.join(root, dir)).map((name) => `${dir}/${name}/package.json`),
  );
  const patches = fs.existsSync(path.join(root, 'patches')) ? fs.readdirSync(path.join(root, 'patches')).map((f) => `patches/${f}`) : [];
  const files = ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'package.json', ...packageFiles, ...patches].sort();
  return `${PNPM} ${process.version}\n${hashFiles(root, files)}\n`;
}

function install() {
  const fingerprint = installFingerprint();
  if (fs.existsSync(path.join(root, 'node_modules/.modules.yaml')) && readStamp(root, 'install') === fingerprint) {
    say('✓ Dependencies: up to date (lockfile and package.json files unchanged since the last install)');
    return;
  }
  const began = Date.now();
  say('▸ Installing dependencies (pnpm install)…');
  pnpm('install', '--frozen-lockfile', '--reporter=append-only');
  writeStamp(root, 'install', fingerprint, began);
  say(`✓ Dependencies installed in ${seconds(began)}`);
}

// Every build also depends on the installed packages: a new install stamp makes each one stale.
const INSTALLED = 'node_modules/.corroborate/install';
const CONTRACTS = ['packages/contracts/src', 'packages/contracts/package.json', 'packages/contracts/tsconfig.json', 'packages/contracts/tsconfig.build.json'];
const buildSteps = {
  contracts: {
    label: 'contracts (packages/contracts)',
    command: ['--filter', '@corroborate/contracts', 'build'],
    inputs: [...CONTRACTS, 'tsconfig.base.json'],
    output: 'packages/contracts/dist/index.js',
  },
  prisma: {
    label: 'Prisma client (prisma/schema.prisma)',
    command: ['--filter', '@corroborate/api', 'generate'],
    inputs: ['prisma/schema.prisma', 'apps/api/prisma.config.ts', 'apps/api/scripts/prisma.cjs'],
    output: 'apps/api/src/generated/prisma/client.ts',
  },
  api: {
    label: 'API (apps/api)',
    command: ['--filter', '@corroborate/api', 'build'],
    inputs: ['apps/api/src', 'apps/api/package.json', 'apps/api/tsconfig.json', 'apps/api/tsconfig.build.json', 'tsconfig.base.json', ...CONTRACTS],
    output: 'apps/api/dist/main.js',
  },
  web: {
    label: 'web client (apps/web)',
    command: ['--filter', '@corroborate/web', 'build'],
    inputs: ['apps/web/src', 'apps/web/public', 'apps/web/index.html', 'apps/web/package.json', 'apps/web/tsconfig.json', 'apps/web/vite.config.ts', 'apps/web/postcss.config.js', 'tsconfig.base.json', ...CONTRACTS],
    output: 'apps/web/dist/index.html',
  },
};

function buildStep(name) {
  const step = buildSteps[name];
  const spec = { stamp: `build-${name}`, inputs: [...step.inputs, INSTALLED], output: step.output };
  if (isFresh(root, spec)) {
    say(`✓ Build ${step.label}: up to date`);
    return;
  }
  const began = Date.now();
  say(`▸ Building ${step.label}…`);
  pnpm(...step.command);
  writeStamp(root, spec.stamp, '', began);
  say(`✓ Built ${step.label} in ${seconds(began)}`);
}

const steps = {
  install,
  contracts: () => buildStep('contracts'),
  prisma: () => buildStep('prisma'),
  api: () => buildStep('api'),
  web: () => buildStep('web'),
};

function build() {
  steps.contracts();
  steps.prisma();
  steps.api();
  steps.web();
}

/** Browser tests drive Debian's Chromium; install it on a Debian machine where we may. */
function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  if (candidates.some((p) => p && fs.existsSync(p))) return;
  if (process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    console.log('Installing Chromium for the browser tests (apt-get install chromium)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    return;
  }
  console.error('The browser tests need Chromium: install it (e.g. `sudo apt-get install chromium`) or set CHROMIUM_PATH.');
  process.exit(1);
}

function reachable(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * The multi-process tests need a Redis. Use TEST_REDIS_URL or one on 127.0.0.1:6379; otherwise
 * start a throwaway redis-server for the run (installing Debian's package where we may).
 * Returns the URL and a function that stops what was started.
 */
async function ensureRedis() {
  if (process.env.TEST_REDIS_URL) return { url: process.env.TEST_REDIS_URL, stop: () => {} };
  if (await reachable(6379)) return { url: 'redis://127.0.0.1:6379', stop: () => {} };
  const hasServer = () => spawnSync('sh', ['-c', 'command -v redis-server']).status === 0;
  if (!hasServer() && process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    console.log('Installing Redis for the multi-process tests (apt-get install redis-server)…');
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'redis-server'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!hasServer()) {
    console.error('The multi-process tests need Redis: start one on 127.0.0.1:6379, install redis-server, or set TEST_REDIS_URL.');
    process.exit(1);
  }
  const port = 56379;
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 50 && !(await reachable(port)); i++) await new Promise((r) => setTimeout(r, 100));
  return { url: `redis://127.0.0.1:${port}`, stop: () => server.kill() };
}

/** Runs a long-lived child, passing Ctrl-C to it and exiting with its code. */
function serve(cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

const tasks = {
  build: () => {
    steps.install();
    build();
  },
  start: () => {
    steps.install();
    build();
    serve(process.execPath, ['apps/api/dist/main.js'], { NODE_ENV: process.env.NODE_ENV ?? 'production' });
  },
  dev: () => {
    steps.install();
    steps.contracts();
    steps.prisma();
    const [cmd, pre] = pnpmCommand();
    serve(cmd, [...pre, '--parallel', '--filter', '@corroborate/api', '--filter', '@corroborate/web', 'run', 'dev'], {
      ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS ?? 'http://localhost:5173',
    });
  },
  test: async () => {
    steps.install();
    ensureChromium();
    build();
    // The web unit tests need no services; they run before a Redis is started.
    pnpm('--filter', '@corroborate/web', 'exec', 'jest', '--ci');
    const redis = await ensureRedis();
    const [cmd, pre] = pnpmCommand();
    // Not run(): a throwaway Redis must be stopped whether or not the tests pass.
    const jest = (...args) =>
      spawnSync(cmd, [...pre, '--filter', '@corroborate/api', 'exec', 'jest', '--ci', ...args], {
        cwd: root,
        stdio: 'inherit',
        env: { ...process.env, TEST_REDIS_URL: redis.url },
      }).status ?? 1;
    // The stall test times the event loop's answers: it runs alone, with no other test file on the CPU.
    const stall = 'test/stall\\.e2e-spec\\.ts$';
    const others = jest('--testPathIgnorePatterns', stall);
    const status = jest('--testPathPatterns', stall) || others;
    redis.stop();
    process.exit(status);
  },
  typecheck: () => {
    steps.install();
    steps.contracts();
    steps.prisma();
    pnpm('-r', 'typecheck');
  },
  lint: () => {
    steps.install();
    steps.contracts();
    steps.prisma();
    pnpm('exec', 'eslint', '.', '--max-warnings=0');
  },
  'db:migrate': () => {
    steps.install();
    pnpm('--filter', '@corroborate/api', 'migrate:deploy');
  },
  bench: () => {
    steps.install();
    build();
    pnpm('--filter', '@corroborate/api', 'bench');
  },
};

const task = process.argv[2];
if (!tasks[task]) {
  console.error(`Unknown task "${task}". Tasks: ${Object.keys(tasks).join(', ')}`);
  process.exit(2);
}
tasks[task]();
