// Every benchmark, one after another, in one command (`npm run bench` at the root), with the
// machine they ran on; the report goes into BENCHMARKS.md under today's date, newest first.
// Run by hand, never by the tests. `BENCH_ONLY=fanout,reader` picks scenarios; each one's own
// settings (BENCH_CREATES, BENCH_CLIENTS, ...) pass through. `BENCH_NO_WRITE=1` only prints.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiRoot, requireApi } from './common';

const { Client } = requireApi('pg') as typeof import('pg');

/** Scenario name → script, in the order they run (the shortest first, the longest last). */
const SCENARIOS: Record<string, string> = {
  candidates: 'candidates.ts',
  fanout: 'fanout.ts',
  profile: 'write-profile.ts',
  verification: 'verification.ts',
  search: 'search.ts',
  reads: 'reads.ts',
  reader: 'reader-open.ts',
  busy: 'busy-room.ts',
  capacity: 'capacity.ts',
};
const REPORT = path.resolve(__dirname, '../BENCHMARKS.md');

/** Runs one script with tsx from apps/api, echoing its output, and returns it. */
function run(script: string): Promise<{ output: string; code: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, script)], { cwd: apiRoot, env: process.env });
    let output = '';
    const keep = (chunk: Buffer, to: NodeJS.WriteStream) => {
      output += chunk.toString();
      to.write(chunk);
    };
    child.stdout.on('data', (c: Buffer) => keep(c, process.stdout));
    child.stderr.on('data', (c: Buffer) => keep(c, process.stderr));
    child.on('close', (code) => resolve({ output, code: code ?? 1 }));
  });
}

async function postgresVersion(): Promise<string> {
  const pg = new Client({ connectionString: process.env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' });
  try {
    await pg.connect();
    const { rows } = await pg.query<{ server_version: string }>('SHOW server_version');
    return `PostgreSQL ${rows[0]!.server_version}`;
  } catch (error) {
    return `PostgreSQL unreachable (${String(error)})`;
  } finally {
    await pg.end().catch(() => undefined);
  }
}

/** The share of CPU time the machine spent idle over `ms`, from 0 to 1. */
async function idleShare(ms: number): Promise<number> {
  const sum = () => os.cpus().reduce((t, c) => ({ idle: t.idle + c.times.idle, all: t.all + Object.values(c.times).reduce((a, b) => a + b, 0) }), { idle: 0, all: 0 });
  const a = sum();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const b = sum();
  return (b.idle - a.idle) / Math.max(1, b.all - a.all);
}

/**
 * Waits (at most a minute) until the machine is quiet: what one scenario leaves running (the
 * database dropping its scratch copy, a checkpoint, autovacuum) would otherwise weigh on the next.
 */
async function settle(): Promise<string> {
  const t0 = Date.now();
  let idle = await idleShare(2_000);
  while (idle < 0.9 && Date.now() - t0 < 60_000) idle = await idleShare(2_000);
  return `after ${((Date.now() - t0) / 1000).toFixed(0)} s waiting for a quiet machine (${(idle * 100).toFixed(0)}% idle over 2 s)`;
}

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const unknown = only?.filter((name) => !SCENARIOS[name]) ?? [];
  if (unknown.length) {
    console.error(`Unknown scenario(s): ${unknown.join(', ')}. Scenarios: ${Object.keys(SCENARIOS).join(', ')}`);
    process.exit(2);
  }
  const cpus = os.cpus();
  const machine = `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${await postgresVersion()}, ${os.platform()} ${os.release()}`;
  const started = new Date();
  const load = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');
  const loadAtStart = load();
  console.log(`Machine: ${machine}\nLoad average at the start: ${loadAtStart}\n`);

  const sections: string[] = [];
  const verdicts: string[] = [];
  for (const [name, script] of Object.entries(SCENARIOS)) {
    if (only && !only.includes(name)) continue;
    const quiet = await settle();
    console.log(`\n=== ${name} (bench/${script}), ${quiet} ===\n`);
    const t0 = Date.now();
    const { output, code } = await run(script);
    const took = ((Date.now() - t0) / 1000).toFixed(0);
    sections.push(`### ${name} (\`bench/${script}\`, ${took} s${code ? `, exited with ${code}` : ''}; started ${quiet})\n\n\`\`\`text\n${output.trim()}\n\`\`\``);
    verdicts.push(...output.split('\n').filter((l) => /\b(?:MET|MISSED)\b/.test(l)).map((l) => `- ${name}: ${l.replace(/^[-\s]+/, '')}`));
  }

  const section = [
    `## \`npm run bench\`, ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `Machine: ${machine}. Load average (1, 5, 15 min) at the start ${loadAtStart}, at the end ${load()}.`,
    verdicts.length ? `Targets:\n\n${verdicts.join('\n')}` : 'No targets were printed.',
    ...sections,
  ].join('\n\n');
  console.log(`\n${verdicts.join('\n')}`);
  if (process.env.BENCH_NO_WRITE) return;
  // Newest first, below the file's title and its pointer to bench/README.md.
  const report = fs.existsSync(REPORT) ? fs.readFileSync(REPORT, 'utf8') : '# Benchmarks\n';
  const at = report.search(/^## /m);
  const next = at === -1 ? `${report.trimEnd()}\n\n${section}\n` : `${report.slice(0, at)}${section}\n\n${report.slice(at)}`;
  fs.writeFileSync(REPORT, next);
  console.log(`\nWritten to ${path.relative(process.cwd(), REPORT)}.`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
